// SPDX-License-Identifier: Apache-2.0
#include "time_parse.h"

#include <charconv>
#include <chrono>
#include <cmath>

namespace cxmap::social {
namespace {

/// Reads exactly `n` digits at `s[*i]`.
std::optional<int> Digits(std::string_view s, size_t* i, size_t n) {
  if (*i + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  *i += n;
  return v;
}

/// "Z", "+HH:MM", "+HHMM", "+HH" or nothing (UTC) -> minutes east of UTC.
std::optional<int> ZoneMinutes(std::string_view s, size_t i) {
  if (i == s.size()) return 0;
  if (s.substr(i) == "Z" || s.substr(i) == "z") return 0;
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  int sign = s[i] == '-' ? -1 : 1;
  ++i;
  auto hh = Digits(s, &i, 2);
  if (!hh || *hh > 23) return std::nullopt;
  int mm = 0;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size()) {
    auto m = Digits(s, &i, 2);
    if (!m || *m > 59) return std::nullopt;
    mm = *m;
  }
  if (i != s.size()) return std::nullopt;
  return sign * (*hh * 60 + mm);
}

}  // namespace

std::optional<int64_t> ParseIsoTime(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  size_t i = 0;
  auto y = Digits(s, &i, 4);
  if (!y || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto mo = Digits(s, &i, 2);
  if (!mo || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto d = Digits(s, &i, 2);
  if (!d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(*y), std::chrono::month(*mo),
                                  std::chrono::day(*d)};
  if (!ymd.ok()) return std::nullopt;
  int64_t ms = std::chrono::sys_days(ymd).time_since_epoch().count() * int64_t{86400000};
  if (i == s.size()) return ms;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  auto h = Digits(s, &i, 2);
  if (!h || *h > 23 || i >= s.size() || s[i++] != ':') return std::nullopt;
  auto mi = Digits(s, &i, 2);
  if (!mi || *mi > 59) return std::nullopt;
  int sec = 0, frac_ms = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    auto se = Digits(s, &i, 2);
    if (!se || *se > 60) return std::nullopt;  // 60: a leap second as written
    sec = *se;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      size_t start = i;
      int scale = 100;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        frac_ms += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
      if (i == start) return std::nullopt;
    }
  }
  auto zone = ZoneMinutes(s, i);
  if (!zone) return std::nullopt;
  return ms + (*h * 3600 + *mi * 60 + sec) * int64_t{1000} + frac_ms - *zone * int64_t{60000};
}

std::optional<int64_t> EpochToMs(double value) {
  constexpr double kMaxMs = 253402300799999.0;  // 9999-12-31T23:59:59.999Z
  if (!std::isfinite(value) || value < 0) return std::nullopt;
  double ms = value >= 1e11 ? value : value * 1000.0;
  if (ms > kMaxMs) return std::nullopt;
  return static_cast<int64_t>(std::llround(ms));
}

std::optional<int64_t> ParseAnyTime(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  bool numeric = s.find_first_not_of("0123456789.") == std::string_view::npos;
  if (!numeric) return ParseIsoTime(s);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return EpochToMs(v);
}

}  // namespace cxmap::social
