// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/analysis_plugin.h"

namespace cxmap::sentiment {

/// What a lexicon hit is, for scoring and for evidence.
enum class CueKind { kCue, kEmoji, kNegator, kIntensifier, kDiminisher, kContrast };

/// One lexicon hit in a text, after the matcher applied negation,
/// intensifiers and contrast (final_weight); the scorer only adds them up.
struct Cue {
  std::string_view text;   ///< the matched span, as written
  size_t begin = 0;        ///< its first byte in the analysed text
  CueKind kind = CueKind::kCue;
  double base_weight = 0;  ///< the entry's weight
  double final_weight = 0; ///< after rules (0 for modifiers)
  uint32_t sentence = 0;
  size_t first_token = 0, token_count = 0;  ///< tokens of the match in its analysis
  bool negated = false, intensified = false, diminished = false;
  bool before_contrast = false, after_contrast = false;
  /// A negator that negates no cue ("không nhận được hàng"): it carries a
  /// small negative weight of its own (see rules.h).
  bool bare_negation = false;
};

/// The verdict on a sentence or a whole text.
struct Verdict {
  double score = 0;          ///< in [-1, 1]
  std::string label;         ///< positive | neutral | negative
  std::vector<std::string> evidence;
  std::vector<EvidenceSpan> spans;  ///< where each cue's evidence is in the text
};

/// Turns cues into scores. Stateless apart from its settings; thread-safe.
///   score = s / sqrt(s^2 + alpha), s = sum of final weights of cues,
///   emoji and bare negations (VADER's
///   normalisation: saturates smoothly, alpha = 15 on the -4..4 scale);
///   label positive if score >= threshold, negative if <= -threshold.
class Scorer {
 public:
  explicit Scorer(double neutral_threshold = 0.05, double alpha = 15.0)
      : threshold_(neutral_threshold), alpha_(alpha) {}

  /// Verdict over `cues` (all sentences).
  Verdict Score(const std::vector<Cue>& cues) const;
  /// Verdict over the cues of one sentence.
  Verdict ScoreSentence(const std::vector<Cue>& cues, uint32_t sentence) const;
  /// Verdicts of sentences 0..count-1 in one pass over `cues` (calling
  /// ScoreSentence per sentence reads every cue per sentence: quadratic in
  /// the length of a long text).
  std::vector<Verdict> ScoreSentences(const std::vector<Cue>& cues, size_t count) const;
  /// "cue:chậm(-1.5,negated)", "negation:không", "emoji:😡(-2.6)", ...
  static std::string Evidence(const Cue& cue);

 private:
  Verdict FromCues(const std::vector<const Cue*>& cues) const;
  double threshold_, alpha_;
};

}  // namespace cxmap::sentiment
