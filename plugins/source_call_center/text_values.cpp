// SPDX-License-Identifier: Apache-2.0
#include "text_values.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "cxmap/support/date_time.h"

namespace cxmap::callcenter {

std::string_view TrimBlanks(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string FoldLabel(std::string_view s) {
  if (FirstInvalidUtf8(s) != std::string_view::npos) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.foldCase();
  icu::UnicodeString n = U_SUCCESS(status) ? nfc->normalize(u, status) : u;
  if (U_FAILURE(status)) n = u;
  std::string utf8;
  n.toUTF8String(utf8);
  std::string out;
  bool space = false;
  for (char c : TrimBlanks(utf8)) {
    bool blank = c == ' ' || c == '\t';
    if (blank && space) continue;
    space = blank;
    out.push_back(blank ? ' ' : c);
  }
  return out;
}

using support::TextCursor;

std::optional<int64_t> ParseDateTime(std::string_view text, int utc_offset_minutes) {
  TextCursor c{TrimBlanks(text)};
  int y = 0, m = 0, d = 0;
  auto a = c.Digits(1, 4);
  if (!a) return std::nullopt;
  char sep = c.Peek();
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++c.i;
  auto b = c.Digits(1, 2);
  if (!b || !c.Eat(sep)) return std::nullopt;
  auto e = c.Digits(1, 4);
  if (!e) return std::nullopt;
  if (*a >= 1000) {
    y = *a, m = *b, d = *e;
  } else if (*e >= 1000) {
    // Day first unless that cannot be (vi, th and zh exports write day first).
    bool month_first = *b > 12 && *a <= 12;
    d = month_first ? *b : *a;
    m = month_first ? *a : *b;
    y = *e;
  } else {
    return std::nullopt;
  }
  if (y > 2400) y -= 543;  // Thai Buddhist era
  if (!support::IsCivilDate(y, m, d)) return std::nullopt;
  int64_t ms = support::DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000;
  if (c.Done()) return ms - int64_t{utc_offset_minutes} * 60000;
  if (!c.Eat('T') && !c.Eat(' ')) return std::nullopt;
  c.SkipSpaces();
  auto clock = support::ReadClock(c, /*allow_ampm=*/true);
  if (!clock) return std::nullopt;
  c.SkipSpaces();
  int offset = utc_offset_minutes;
  if (c.EatWord("UTC") || c.EatWord("GMT")) {
    offset = 0;
  } else if (!c.Done()) {
    auto zone = support::ReadUtcOffset(c);
    if (!zone) return std::nullopt;
    offset = *zone;
  }
  if (!c.Done()) return std::nullopt;
  return ms + *clock - int64_t{offset} * 60000;
}

std::optional<double> ParseNumber(std::string_view s) {
  s = TrimBlanks(s);
  if (size_t slash = s.find('/'); slash != std::string_view::npos) s = TrimBlanks(s.substr(0, slash));
  std::string t(s);
  if (size_t comma = t.find(','); comma != std::string::npos && t.find('.') == std::string::npos) {
    t[comma] = '.';
  }
  double v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || t.empty() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<double> ParseDurationSeconds(std::string_view text) {
  std::string_view s = TrimBlanks(text);
  if (s.empty()) return std::nullopt;
  if (s.size() > 2 && s.substr(s.size() - 2) == "ms") {
    auto v = ParseNumber(TrimBlanks(s.substr(0, s.size() - 2)));
    return v && *v >= 0 ? std::optional<double>(*v / 1000) : std::nullopt;
  }
  if (auto v = ParseNumber(s)) return *v >= 0 ? v : std::nullopt;
  if (s.find(':') != std::string_view::npos) {  // [h:]m:s
    TextCursor c{s};
    double total = 0;
    int parts = 0;
    do {
      auto v = c.Digits(1, 6);
      if (!v) return std::nullopt;
      total = total * 60 + *v;
      ++parts;
    } while (c.Eat(':'));
    if (c.Eat('.')) {
      size_t b = c.i;
      auto f = c.Digits(1, 6);
      if (!f) return std::nullopt;
      total += *f / std::pow(10.0, static_cast<double>(c.i - b));
    }
    return c.Done() && parts <= 3 ? std::optional<double>(total) : std::nullopt;
  }
  // 1h2m3s, 5m 25s, 325s, 325 sec
  TextCursor c{s};
  double total = 0;
  bool any = false;
  while (!c.Done()) {
    while (c.Eat(' ')) {}
    auto v = c.Digits(1, 9);
    if (!v) return std::nullopt;
    while (c.Eat(' ')) {}
    size_t b = c.i;
    while (!c.Done() && std::isalpha(static_cast<unsigned char>(c.Peek()))) ++c.i;
    std::string_view unit = c.s.substr(b, c.i - b);
    double mult = unit == "h" || unit == "hr" || unit == "hrs"   ? 3600
                  : unit == "m" || unit == "min" || unit == "mins" ? 60
                  : unit == "s" || unit == "sec" || unit == "secs" ? 1
                                                                    : -1;
    if (mult < 0) return std::nullopt;
    total += *v * mult;
    any = true;
    while (c.Eat(' ')) {}
  }
  return any ? std::optional<double>(total) : std::nullopt;
}

std::string FormatSeconds(double seconds) {
  char buf[32];
  if (std::floor(seconds) == seconds && std::fabs(seconds) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(seconds));
  } else {
    std::snprintf(buf, sizeof buf, "%.3f", seconds);
    std::string s(buf);
    while (s.back() == '0') s.pop_back();
    return s;
  }
  return buf;
}

}  // namespace cxmap::callcenter
