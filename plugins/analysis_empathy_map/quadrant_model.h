// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "cxmap/cxmap.h"
#include "cxmap/support/group_models.h"
#include "quadrant_decider.h"

namespace cxmap::empathy {

/// How far a quadrant model may overrule the cues (see QuadrantModel::Apply).
/// Chosen on text neither had seen: models trained on batch 1 of corpus/,
/// scored on batch 5 (other writers). Cues alone 0.687; overrule 0.6 and
/// fill 0.4, named emotions kept: 0.821 (not kept: 0.816) (overrule 0.4: 0.781, 0.5: 0.807, 0.8: 0.811; fill 0:
/// 0.815, 0.5: 0.800, 0.6: 0.781).
struct QuadrantModelSettings {
  /// The model's quadrant replaces one the cues decided when its
  /// probability is at least this (> 1: never).
  double overrule = 0.6;
  /// ...and replaces the residual says of a sentence with no cue at all.
  double fill = 0.4;
};

/// The quadrant models shipped in the data folder (`quadrant_<group>.bin`,
/// labels says, thinks, feels, does; cxmap linear models trained by
/// scripts/lexicon/train_feedback_models.sh on corpus/). Issue 17: the cues
/// find a thought by its marker words ("I think", "probably"); a model over
/// whole sentences also reads a guess without them ("bet they'll blame the
/// courier"), a feeling without an emotion word ("my hands were shaking").
/// Immutable; thread-safe.
class QuadrantModel {
 public:
  static Result<QuadrantModel> LoadBundled(const std::string& data_dir,
                                           QuadrantModelSettings settings);

  bool empty() const { return models_.empty(); }

  /// Revisits one sentence (tokens [first, first + count) of `analysis`):
  /// the model's most likely quadrant replaces the verdict's when its
  /// probability reaches `overrule` (cues decided it) or `fill` (a says
  /// with no cue); never a feels whose cues named an emotion, nor a says
  /// whose action cue was someone else's. A replaced
  /// verdict has no emotion, the quadrant's
  /// generic item (statement, thought, feeling, action) and the evidence
  /// "model:empathy(<quadrant> 0.72)"; an agreeing model adds that evidence.
  void Apply(const TextAnalysis& analysis, size_t first, size_t count, SentenceVerdict* v) const;

 private:
  support::GroupModels models_;
  QuadrantModelSettings settings_;
};

}  // namespace cxmap::empathy
