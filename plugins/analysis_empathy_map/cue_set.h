// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "cue_file.h"
#include "cxmap/text.h"

namespace cxmap::empathy {

/// The cue files and the language each is scoped to (data/SOURCE.md).
/// Language files only match text the host tagged with that language, so
/// folded Vietnamese "so" (sợ) never fires in English and English "no"
/// never in Vietnamese; the emoji file matches everywhere.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kCueFiles = {{
    {"cues_vi.tsv", "vi"},
    {"cues_th.tsv", "th"},
    {"cues_zh.tsv", "zh"},
    {"cues_en.tsv", "en"},
    {"cues_emoji.tsv", ""},
}};

/// Every cue file compiled into one host lexicon (so the longest phrase
/// wins across quadrants: "vui lòng" hides "vui", "不明白" hides 不),
/// with the entry behind each lexicon line. Immutable after Load(); share
/// one across threads.
class CueSet {
 public:
  /// Reads kCueFiles from `dir`. Errors name the file (and line) and why.
  static Result<CueSet> Load(const TextServices& text, const std::string& dir);
  /// Builds from entries already parsed (tests, custom sets).
  static Result<CueSet> Build(const TextServices& text, std::vector<CueEntry> entries,
                              std::string_view origin);

  const Lexicon& lexicon() const { return lexicon_; }
  /// The entry of lexicon line `index`, or nullptr when out of range.
  const CueEntry* entry(uint32_t index) const {
    return index < entries_.size() ? &entries_[index] : nullptr;
  }
  size_t size() const { return entries_.size(); }

 private:
  std::vector<CueEntry> entries_;
  Lexicon lexicon_;
};

}  // namespace cxmap::empathy
