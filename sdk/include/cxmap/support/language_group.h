// SPDX-License-Identifier: Apache-2.0
// The language group of a BCP 47 tag, for plugins that keep one lexicon or
// model per group. Header-only: part of the SDK support layer.
#pragma once

#include <string_view>

namespace cxmap::support {

/// "vi", "th", "zh" (zh-Hans, zh-Hant, yue) or "en" (everything else:
/// English is the fallback group). Pure.
inline std::string_view LanguageGroup(std::string_view tag) {
  if (tag.substr(0, 2) == "vi") return "vi";
  if (tag.substr(0, 2) == "th") return "th";
  if (tag.substr(0, 2) == "zh" || tag.substr(0, 3) == "yue") return "zh";
  return "en";
}

}  // namespace cxmap::support
