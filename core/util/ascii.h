// SPDX-License-Identifier: Apache-2.0
// ASCII case folding for identifiers, labels and keywords the user types
// (field names, outcome words, touchpoint ids). Bytes ≥ 0x80 are left as
// they are, whatever the locale: text in other scripts is folded by ICU in
// core/text, never here.
#pragma once

#include <string>
#include <string_view>

namespace cxmap::core {

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace cxmap::core
