// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace cxmap::core::ml {

/// The primary language subtag of a BCP 47 tag, lower case: "zh-Hant" →
/// "zh", "EN-us" → "en", "vi" → "vi". What `cxmap train --lang` defaults
/// are keyed on, so every learner reads a tag the same way.
inline std::string BaseLanguage(std::string_view lang) {
  std::string base(lang.substr(0, lang.find_first_of("-_")));
  for (char& c : base) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return base;
}

}  // namespace cxmap::core::ml
