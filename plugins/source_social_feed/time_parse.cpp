// SPDX-License-Identifier: Apache-2.0
#include "time_parse.h"

#include <charconv>

#include "cxmap/support/date_time.h"

namespace cxmap::social {

std::optional<int64_t> ParseIsoTime(std::string_view s) { return support::ParseIsoDateTime(s); }

std::optional<int64_t> EpochToMs(double value) { return support::EpochToMs(value); }

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
