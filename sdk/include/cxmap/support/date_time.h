// SPDX-License-Identifier: Apache-2.0
// The pieces every source's date and time parser is made of: a cursor over
// ASCII digits, civil dates to days, a clock time, a UTC offset, ISO 8601,
// and epoch seconds or milliseconds. Each source keeps its own policy on
// top (which order a slashed date is in, Thai Buddhist years, a default
// offset); these are the parts they used to copy.
//
// Written by hand: std::chrono::parse is not in libstdc++ 12 (Debian 12),
// and exports' formats vary too much for one strptime pattern.
#pragma once

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cxmap::support {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// days_from_civil); `m` 1-12, `d` 1-31.
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

/// Whether y-m-d is a date of the proleptic Gregorian calendar.
inline bool IsCivilDate(int y, int m, int d) {
  using namespace std::chrono;
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
         year_month_day(year{y}, month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d)))
             .ok();
}

/// A cursor over a value. Every read either consumes and succeeds or
/// leaves the position where it was.
struct TextCursor {
  std::string_view s;
  size_t i = 0;

  bool Done() const { return i >= s.size(); }
  char Peek() const { return Done() ? '\0' : s[i]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i;
    return true;
  }
  /// Consumes `word` when the text continues with it.
  bool EatWord(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  void SkipSpaces() {
    while (i < s.size() && s[i] == ' ') ++i;
  }
  /// min..max ASCII digits as a number.
  std::optional<int> Digits(size_t min, size_t max) {
    const size_t begin = i;
    int v = 0;
    while (i < s.size() && i - begin < max && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i - begin < min) {
      i = begin;
      return std::nullopt;
    }
    return v;
  }
};

/// H[H]:MM[:SS[(.|,)fraction]] and, when `allow_ampm`, an optional
/// " AM" / " PM" (or "am" / "pm"): milliseconds since midnight.
/// Digits of the fraction past milliseconds are dropped; a leap second
/// (:60) reads as :59 so the time stays within its day.
inline std::optional<int64_t> ReadClock(TextCursor& c, bool allow_ampm) {
  const size_t start = c.i;
  auto fail = [&]() -> std::optional<int64_t> {
    c.i = start;
    return std::nullopt;
  };
  auto h = c.Digits(1, 2);
  if (!h || !c.Eat(':')) return fail();
  auto m = c.Digits(2, 2);
  if (!m) return fail();
  int sec = 0, frac = 0;
  if (c.Eat(':')) {
    auto s = c.Digits(2, 2);
    if (!s) return fail();
    sec = *s;
    if (c.Eat('.') || c.Eat(',')) {
      const size_t digits_start = c.i;
      int digits = 0;
      while (!c.Done() && c.Peek() >= '0' && c.Peek() <= '9') {
        if (digits < 3) frac = frac * 10 + (c.Peek() - '0');
        ++digits;
        ++c.i;
      }
      if (c.i == digits_start) return fail();
      for (; digits < 3; ++digits) frac *= 10;
    }
  }
  int hour = *h;
  if (allow_ampm) {
    const size_t before = c.i;
    c.SkipSpaces();
    const bool am = c.EatWord("AM") || c.EatWord("am");
    const bool pm = !am && (c.EatWord("PM") || c.EatWord("pm"));
    if (am || pm) {
      if (hour < 1 || hour > 12) return fail();
      hour = hour % 12 + (pm ? 12 : 0);
    } else {
      c.i = before;
    }
  }
  if (hour > 23 || *m > 59 || sec > 60) return fail();
  return ((hour * 60 + *m) * 60 + (sec == 60 ? 59 : sec)) * int64_t{1000} + frac;
}

/// Z | +HH[:MM] | +HHMM | -… (hours up to 14, as real offsets are):
/// minutes east of UTC. One-digit hours ("+7", as Google Forms writes
/// after "GMT") unless `iso` asks for ISO 8601's two.
inline std::optional<int> ReadUtcOffset(TextCursor& c, bool iso = false) {
  const size_t start = c.i;
  if (c.Eat('Z') || c.Eat('z')) return 0;
  const int sign = c.Eat('+') ? 1 : c.Eat('-') ? -1 : 0;
  auto h = sign != 0 ? c.Digits(iso ? 2 : 1, 2) : std::nullopt;
  if (!h) {
    c.i = start;
    return std::nullopt;
  }
  int m = 0;
  const bool colon = c.Eat(':');
  if (auto mm = c.Digits(2, 2)) {
    m = *mm;
  } else if (colon) {
    c.i = start;
    return std::nullopt;
  }
  if (*h > 14 || m > 59) {
    c.i = start;
    return std::nullopt;
  }
  return sign * (*h * 60 + m);
}

/// ISO 8601 as exports write it: YYYY-MM-DD, optionally followed by T or a
/// space, HH:MM[:SS[.fff]] and Z or an offset (none: UTC). Blanks around
/// are ignored. Milliseconds since the epoch.
inline std::optional<int64_t> ParseIsoDateTime(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  TextCursor c{text};
  auto y = c.Digits(4, 4);
  if (!y || !c.Eat('-')) return std::nullopt;
  auto m = c.Digits(2, 2);
  if (!m || !c.Eat('-')) return std::nullopt;
  auto d = c.Digits(2, 2);
  if (!d || !IsCivilDate(*y, *m, *d)) return std::nullopt;
  int64_t ms = DaysFromCivil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d)) * 86400000;
  if (c.Done()) return ms;
  if (!c.Eat('T') && !c.Eat('t') && !c.Eat(' ')) return std::nullopt;
  auto clock = ReadClock(c, /*allow_ampm=*/false);
  if (!clock) return std::nullopt;
  int offset = 0;
  if (!c.Done()) {
    auto zone = ReadUtcOffset(c, /*iso=*/true);
    if (!zone || !c.Done()) return std::nullopt;
    offset = *zone;
  }
  return ms + *clock - int64_t{offset} * 60000;
}

/// Seconds or milliseconds since the epoch (from 1e11 on a value is read
/// as milliseconds: 1e11 s would be the year 5138) as milliseconds;
/// nullopt for a negative value or one past 9999-12-31.
inline std::optional<int64_t> EpochToMs(double value) {
  constexpr double kMaxMs = 253402300799999.0;  // 9999-12-31T23:59:59.999Z
  if (!std::isfinite(value) || value < 0) return std::nullopt;
  const double ms = value >= 1e11 ? value : value * 1000.0;
  if (ms > kMaxMs) return std::nullopt;
  return static_cast<int64_t>(std::llround(ms));
}

}  // namespace cxmap::support
