// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"
#include "cxmap/text.h"

namespace cxmap::sentiment {

/// The data files that make each language's lexicon, in load order (see
/// data/SOURCE.md). Emoji and emoticons go with every language; English
/// lists only with English, so Vietnamese "ban" (bạn) is not VADER's "ban".
const std::map<std::string, std::vector<std::string>>& LexiconFiles();

/// The language group a BCP 47 tag scores with: "vi", "th", "zh" (both
/// scripts fold to one lexicon) or "en" (also the fallback for und).
std::string_view LexiconGroup(std::string_view tag);

/// One loaded lexicon per language group. Immutable after Load(); shared
/// by every instance of the plugin in a process (lexicons are thread-safe).
class LexiconSet {
 public:
  /// Reads the files of every group from `dir` and parses them with the
  /// host's text services. Errors name the missing or malformed file.
  static Result<LexiconSet> Load(const TextServices& text, const std::string& dir);
  const Lexicon& For(std::string_view group) const;

 private:
  std::map<std::string, Lexicon, std::less<>> by_group_;
};

}  // namespace cxmap::sentiment
