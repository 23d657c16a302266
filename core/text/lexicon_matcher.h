// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/hashtag_splitter.h"
#include "core/text/lexicon.h"
#include "core/text/text_analysis.h"

namespace cxmap::core {

/// Flags of a match. Values are part of the C ABI (CXMAP_MATCH_*).
enum MatchFlag : uint32_t {
  kMatchNegated = 1,          // a negator precedes within the scope
  kMatchIntensified = 2,
  kMatchDiminished = 4,
  kMatchBeforeContrast = 8,   // in the clause before "but" (weighs less)
  kMatchAfterContrast = 16,   // in the clause after "but" (weighs more)
  kMatchFolded = 32,          // matched only without diacritics ("cham" ~ chậm)
};

/// One lexicon hit. Offsets are bytes of the analysed text.
struct LexiconMatch {
  uint32_t begin = 0, end = 0;
  uint32_t entry = 0;  // index into Lexicon::entries()
  double base_weight = 0, final_weight = 0;
  uint32_t flags = 0;
  uint32_t sentence = 0;
  uint32_t first_token = 0, token_count = 0;
};

/// Matches a lexicon against an analysed text and applies the rules:
///  - units: tokens, Vietnamese compounds split back into syllables, and
///    CJK/Thai tokens with a modifier entry at their front split in two
///    (jieba keeps 不好, 很好, 没用 whole); span keys join Latin units with
///    one space and CJK/Thai units with none, exactly as entries were keyed,
///    so a match does not depend on how words were split;
///  - a hashtag's body is split into the lexicon's words (HashtagSplitter:
///    #nothappy → not happy), each piece a unit;
///  - longest match wins, left to right, never across punctuation;
///  - text written with diacritics must match the entry's diacritics (tê is
///    not tệ); text without them matches folded (flag kMatchFolded);
///  - negation: a cue at most kNegationGap units after a negator in the same
///    clause (punctuation and contrast words end it) gets weight × -0.75;
///  - intensifier/diminisher: multiplies the next cue within 1 unit, else
///    the previous one ("rất tốt", "tốt lắm", "ดีมาก", "很好");
///  - contrast: cues before a contrast word in the sentence × 0.5, after × 1.5.
/// Not thread-safe (reuses buffers): one per thread, like TextAnalyzer.
class LexiconMatcher {
 public:
  static constexpr int kNegationGap = 2;
  static constexpr double kNegationFactor = -0.75;
  static constexpr double kBeforeContrast = 0.5, kAfterContrast = 1.5;

  /// Replaces `out` with the matches of `lexicon` in `analysis`.
  void Match(const TextAnalysis& analysis, const Lexicon& lexicon, std::vector<LexiconMatch>* out);

  /// Keys of `analysis` as the lexicon builds entry keys (for Lexicon).
  /// Returns the number of units.
  size_t KeyOf(const TextAnalysis& analysis, std::string* key, std::string* exact);

 private:
  struct Unit {
    std::string_view key, exact;
    uint32_t begin, end, token, sentence;
    bool spaced, punct;
    bool clause_break = false;  // a Thai space before it: a phrase boundary
    bool plain = false;         // key == exact: written without diacritics
    bool thai = false;          // key starts with a Thai letter
    bool hashtag = false;       // a word right after an adjacent "#": the lexicon may split it
    bool splittable = false;    // an unspaced word: the lexicon may split modifiers off its front
  };
  // Units before any lexicon applies (tokens, compounds by syllable), built
  // once per analysis (TextAnalysis::serial) into base_: a mixed text is
  // matched with several lexicons.
  void BuildBaseUnits(const TextAnalysis& analysis);
  void BuildUnits(const TextAnalysis& analysis, const Lexicon* lexicon);
  void SetUnitFlags(const TextAnalysis& analysis, std::vector<Unit>* units);
  bool SplitHashtag(const TextAnalysis& analysis, uint32_t token, const Lexicon& lexicon);
  bool SpanKeys(size_t first, size_t count);
  void ApplyRules(const Lexicon& lexicon, std::vector<LexiconMatch>* out);

  std::span<const Unit> units_;    // base_ or split_units_: what Match reads
  std::vector<Unit> split_units_;  // base_ with the lexicon's splits, when it made any
  std::vector<Unit> base_;
  uint64_t base_serial_ = 0;  // the analysis base_ was built for; 0: none
  std::vector<uint32_t> clause_;
  std::vector<uint32_t> match_units_;  // first unit of each match, then last
  std::vector<uint32_t> match_clause_;
  std::vector<std::pair<uint32_t, int32_t>> candidates_;  // span units, key group
  std::string key_, exact_, plain_;
  HashtagSplitter hashtags_;
  std::vector<uint32_t> piece_ends_;
};

}  // namespace cxmap::core
