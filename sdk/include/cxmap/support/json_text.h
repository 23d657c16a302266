// SPDX-License-Identifier: Apache-2.0
// Appending JSON strings and numbers to a buffer, for the small JSON
// values a plugin returns once per record (a list of touchpoints, say).
//
// Written by hand rather than through a DOM: building an ordered_json tree
// and dumping it cost more per record than the rest of the journey plugin's
// output together. Strings come out as nlohmann::json::dump() writes them,
// and so do numbers from 0.001 up to 1e15 and their negatives (shortest
// round-trip digits, ".0" on whole numbers; dump() switches to an exponent
// below 1e-4, std::to_chars wherever that is shorter), so stored values do
// not change when a plugin switches.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "cxmap/support/utf8.h"

namespace cxmap::support {

/// Appends `s` as a quoted JSON string: `"` and `\` escaped, control
/// characters as \b \f \n \r \t or \u00XX, ill-formed UTF-8 as U+FFFD.
inline void AppendJsonString(std::string* out, std::string_view s) {
  if (!IsValidUtf8(s)) {
    const std::string repaired = SafeExcerpt(s, SIZE_MAX);
    AppendJsonString(out, repaired);
    return;
  }
  out->push_back('"');
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(escaped, sizeof escaped);
      }
    }
  }
  out->append(s.substr(plain));
  out->push_back('"');
}

/// Appends `v` as nlohmann::json writes a double: the shortest text that
/// reads back as `v`, "1.0" rather than "1", and null for NaN or infinity.
inline void AppendJsonNumber(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string_view text(buf, ec == std::errc() ? end - buf : 0);
  out->append(text);
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

}  // namespace cxmap::support
