// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string>
#include <vector>

#include "cue_expression.h"
#include "cxmap/analysis_plugin.h"
#include "cue_index.h"
#include "journey_model.h"

namespace cxmap::journey {

/// Issue 17, round 3: a scope that names two options side by side ("A or
/// B", not asked) adds this to the model's alternative stage: more than one
/// plain stage cue (1.0), less than a strong one (1.5).
inline constexpr double kChoiceWeight = 1.1;

/// A touchpoint's share of one scope (a record or a sentence).
struct TouchpointScore {
  int touchpoint = -1;
  double score = 0;       ///< sum of distinct cue weights and true rule weights
  double confidence = 0;  ///< in (0, 1): strength × share, see Assigner
  std::vector<std::string> evidence;  ///< "cue:<term>", "rule:<expression>"
  std::vector<EvidenceSpan> spans;    ///< every place of each cue in the text
  size_t longest = 0;     ///< bytes of its longest cue (tie-break: more specific)
  size_t first = 0;       ///< byte offset of its first cue (tie-break: earlier)
};

/// Where one scope lands on the journey map.
struct Assignment {
  std::vector<TouchpointScore> touchpoints;  ///< best first; only scores > 0
  int best = -1;      ///< touchpoint index, -1 when unmapped
  double confidence = 0;
  int stage = -1;     ///< stage index, -1 when unknown
  std::vector<std::string> stage_evidence;
  std::vector<EvidenceSpan> stage_spans;
};

/// Scores touchpoints and stages from cue hits and rules. Stateless apart
/// from its references; thread-safe.
///
/// Touchpoints: score = Σ weights of its distinct cues found in the scope
/// (cues 1, weak cues 0.5) + Σ weights of its rules that are true; a true
/// `unless` makes it 0. confidence = s/(s+1) × s/Σs (one cue alone: 0.5;
/// two touchpoints with one cue each: 0.25 each). Best = highest score,
/// then the longest cue, then the earliest. Mapped when the best
/// confidence reaches `min_confidence` (and its score is above 0).
///
/// Stage: the stage cues and rules decide when any is found (highest score;
/// a tie goes to the later stage of the model: "read reviews, then decided
/// to buy" is decision). Otherwise the best touchpoint's default stage in
/// the model, else the model's default_stage, else none.
class Assigner {
 public:
  Assigner(const Journey& journey, const CueIndex& index, double min_confidence)
      : journey_(journey), index_(index), min_confidence_(min_confidence) {}

  /// Assigns the hits of `sentence` (or of the whole record when -1) among
  /// `hits` (pass only that sentence's, to keep long texts linear).
  /// `context.lists` is filled here; the record and language come from the
  /// caller.
  Assignment Assign(std::span<const Hit> hits, int64_t sentence, ExprContext context) const;

  /// The `touchpoints` JSON array: [{"id", "confidence", "evidence"}, ...].
  std::string TouchpointsJson(const Assignment& a) const;

 private:
  void ScoreStage(std::span<const Hit> hits, int64_t sentence, const ExprContext& context,
                  Assignment* a) const;

  const Journey& journey_;
  const CueIndex& index_;
  double min_confidence_;
};

}  // namespace cxmap::journey
