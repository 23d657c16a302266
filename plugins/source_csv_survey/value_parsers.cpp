// SPDX-License-Identifier: Apache-2.0
#include "value_parsers.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <tuple>

#include "unicode_text.h"

namespace cxmap::csv {
namespace {

/// Cursor over a value; every Read* either consumes and succeeds or leaves
/// the position unchanged.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  bool Done() const { return i >= s.size(); }
  bool Peek(char c) const { return i < s.size() && s[i] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++i;
    return true;
  }
  /// Reads min..max decimal digits.
  bool Int(int min_digits, int max_digits, int* out) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < static_cast<size_t>(max_digits) && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      ++i;
    }
    if (i - start < static_cast<size_t>(min_digits)) {
      i = start;
      return false;
    }
    *out = v;
    return true;
  }
  void Spaces() {
    while (i < s.size() && s[i] == ' ') ++i;
  }
};

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// HH:MM[:SS[.fff]] [AM|PM]; sets milliseconds since midnight.
bool ReadTime(Cursor& c, bool allow_ampm, int64_t* ms) {
  int h, m, sec = 0, frac = 0;
  if (!c.Int(1, 2, &h) || !c.Eat(':') || !c.Int(2, 2, &m)) return false;
  if (c.Eat(':')) {
    if (!c.Int(2, 2, &sec)) return false;
    if (c.Eat('.') || c.Eat(',')) {
      size_t start = c.i;
      int digits = 0;
      while (!c.Done() && c.s[c.i] >= '0' && c.s[c.i] <= '9') {
        if (digits < 3) frac = frac * 10 + (c.s[c.i] - '0');
        ++digits;
        ++c.i;
      }
      if (c.i == start) return false;
      for (; digits < 3; ++digits) frac *= 10;
    }
  }
  if (allow_ampm) {
    size_t save = c.i;
    c.Spaces();
    std::string_view rest = c.s.substr(c.i, 2);
    bool am = rest == "AM" || rest == "am", pm = rest == "PM" || rest == "pm";
    if (am || pm) {
      if (h < 1 || h > 12) return false;
      h = (h % 12) + (pm ? 12 : 0);
      c.i += 2;
    } else {
      c.i = save;
    }
  }
  if (h > 23 || m > 59 || sec > 60) return false;  // 60: leap second, folded below
  *ms = ((h * 60 + m) * 60 + std::min(sec, 59)) * int64_t{1000} + frac;
  return true;
}

/// Z | +HH[:MM] | -HH[:MM] | +HHMM; sets the offset in minutes.
bool ReadZone(Cursor& c, int* minutes) {
  if (c.Eat('Z') || c.Eat('z')) {
    *minutes = 0;
    return true;
  }
  int sign = c.Eat('+') ? 1 : c.Eat('-') ? -1 : 0;
  if (sign == 0) return false;
  int h, m = 0;
  if (!c.Int(1, 2, &h)) return false;
  if (c.Eat(':')) {
    if (!c.Int(2, 2, &m)) return false;
  } else {
    c.Int(2, 2, &m);
  }
  if (h > 14 || m > 59) return false;
  *minutes = sign * (h * 60 + m);
  return true;
}

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
  Cursor c{TrimAscii(s)};
  int a = 0, b = 0, y = 0;
  for (char sep : {'/', '-', '.'}) {
    c.i = 0;
    if (c.Int(1, 2, &a) && c.Eat(sep) && c.Int(1, 2, &b) && c.Eat(sep) && c.Int(4, 4, &y)) {
      return std::make_pair(a, b);
    }
  }
  return std::nullopt;
}

std::optional<int64_t> ParseTimestamp(std::string_view s, DateOrder order, int utc_offset_minutes) {
  Cursor c{TrimAscii(s)};
  int y = 0, m = 0, d = 0;
  bool iso = false;
  if (c.Int(4, 4, &y) && (c.Eat('-') || c.Eat('/'))) {  // year first
    char sep = c.s[c.i - 1];
    if (!c.Int(1, 2, &m) || !c.Eat(sep) || !c.Int(1, 2, &d)) return std::nullopt;
    iso = sep == '-';
  } else {
    auto head = SlashDateHead(c.s);
    if (!head) return std::nullopt;
    std::tie(m, d) = order == DateOrder::kMonthFirst ? *head : std::make_pair(head->second, head->first);
    c.i = c.s.find_first_of("/-.", c.s.find_first_of("/-.") + 1) + 1;
    c.Int(4, 4, &y);
  }
  if (!ValidDate(y, m, d)) return std::nullopt;
  int64_t ms = 0;
  int offset = utc_offset_minutes;
  if (!c.Done()) {
    if (!(c.Eat('T') || c.Eat(' '))) return std::nullopt;
    c.Spaces();
    if (!ReadTime(c, !iso, &ms)) return std::nullopt;
    c.Spaces();
    if (!c.Done() && !ReadZone(c, &offset)) return std::nullopt;
  }
  if (!c.Done()) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000 + ms -
         int64_t{offset} * 60000;
}

std::optional<int> ParseUtcOffset(std::string_view s) {
  s = TrimAscii(s);
  if (s == "Z" || s == "UTC" || s == "utc" || s == "GMT") return 0;
  Cursor c{s};
  int minutes;
  if (!ReadZone(c, &minutes) || !c.Done()) return std::nullopt;
  return minutes;
}

}  // namespace cxmap::csv
