// SPDX-License-Identifier: Apache-2.0
#include "value_parsers.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <tuple>

#include "cxmap/support/date_time.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

using support::TextCursor;

// Exports date responses within these years; anything else is a misread
// column (a number, a duration), not a date.
bool ValidDate(int y, int m, int d) { return y >= 1900 && y <= 2200 && support::IsCivilDate(y, m, d); }

}  // namespace

std::optional<double> ParseNumber(std::string_view s) {
  s = TrimAscii(s);
  if (s.empty()) return std::nullopt;
  std::string buf(s);
  size_t comma = buf.find(',');
  if (comma != std::string::npos) {
    if (buf.find('.') != std::string::npos || buf.find(',', comma + 1) != std::string::npos) {
      return std::nullopt;
    }
    buf[comma] = '.';  // "4,5" in locales with a decimal comma
  }
  const char* begin = buf.data();
  if (*begin == '+') ++begin;
  double v = 0;
  auto [ptr, ec] = std::from_chars(begin, buf.data() + buf.size(), v, std::chars_format::fixed);
  if (ec != std::errc() || ptr != buf.data() + buf.size()) return std::nullopt;
  return v;
}

Result<std::optional<double>> ParseScore(std::string_view s, const ScoreSpec& spec) {
  s = TrimAscii(s);
  if (s.empty()) return std::optional<double>();
  std::optional<double> v = ParseNumber(s);
  if (!v) {
    return Status::InvalidArgument(std::string(spec.name) + " '" + std::string(s) +
                                   "' is not a number");
  }
  if (*v < spec.min || *v > spec.max) {
    char range[64];
    std::snprintf(range, sizeof(range), "%g..%g", spec.min, spec.max);
    return Status::InvalidArgument(std::string(spec.name) + " " + std::string(s) +
                                   " is out of range " + range);
  }
  return v;
}

std::optional<std::pair<int, int>> SlashDateHead(std::string_view s) {
  TextCursor c{TrimAscii(s)};
  for (char sep : {'/', '-', '.'}) {
    c.i = 0;
    auto a = c.Digits(1, 2);
    if (!a || !c.Eat(sep)) continue;
    auto b = c.Digits(1, 2);
    if (b && c.Eat(sep) && c.Digits(4, 4)) return std::make_pair(*a, *b);
  }
  return std::nullopt;
}

std::optional<int64_t> ParseTimestamp(std::string_view s, DateOrder order, int utc_offset_minutes) {
  TextCursor c{TrimAscii(s)};
  int y = 0, m = 0, d = 0;
  bool iso = false;
  auto year = c.Digits(4, 4);
  if (year && (c.Eat('-') || c.Eat('/'))) {  // year first
    char sep = c.s[c.i - 1];
    y = *year;
    auto month = c.Digits(1, 2);
    if (!month || !c.Eat(sep)) return std::nullopt;
    auto day = c.Digits(1, 2);
    if (!day) return std::nullopt;
    m = *month, d = *day;
    iso = sep == '-';
  } else {
    auto head = SlashDateHead(c.s);
    if (!head) return std::nullopt;
    std::tie(m, d) = order == DateOrder::kMonthFirst ? *head : std::make_pair(head->second, head->first);
    c.i = c.s.find_first_of("/-.", c.s.find_first_of("/-.") + 1) + 1;
    y = c.Digits(4, 4).value_or(0);
  }
  if (!ValidDate(y, m, d)) return std::nullopt;
  int64_t ms = 0;
  int offset = utc_offset_minutes;
  if (!c.Done()) {
    if (!(c.Eat('T') || c.Eat(' '))) return std::nullopt;
    c.SkipSpaces();
    auto clock = support::ReadClock(c, /*allow_ampm=*/!iso);
    if (!clock) return std::nullopt;
    ms = *clock;
    c.SkipSpaces();
    if (!c.Done()) {
      auto zone = support::ReadUtcOffset(c);
      if (!zone) return std::nullopt;
      offset = *zone;
    }
  }
  if (!c.Done()) return std::nullopt;
  return support::DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000 +
         ms - int64_t{offset} * 60000;
}

std::optional<int> ParseUtcOffset(std::string_view s) {
  s = TrimAscii(s);
  if (s == "Z" || s == "UTC" || s == "utc" || s == "GMT") return 0;
  TextCursor c{s};
  auto minutes = support::ReadUtcOffset(c);
  if (!minutes || !c.Done()) return std::nullopt;
  return minutes;
}

}  // namespace cxmap::csv
