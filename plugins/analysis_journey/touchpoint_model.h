// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "assigner.h"
#include "cxmap/cxmap.h"
#include "cxmap/support/group_models.h"
#include "journey_model.h"

namespace cxmap::journey {

/// How far a touchpoint model may overrule the cues (see TouchpointModel::Apply).
/// Chosen on text neither had seen: models trained on batch 1 of corpus/,
/// scored on batch 3 (other writers). Cues alone 0.751; the model over 0.3
/// overruling them and mapping whatever they left unmapped 0.839 (overrule
/// 0.2: 0.838, 0.4: 0.835, 0.6: 0.812; every model guess, however unsure,
/// 0.755: below 0.2 over 16 labels it is mostly wrong; a floor of 0.3 for
/// unmapped texts: 0.809).
struct TouchpointModelSettings {
  /// The model's touchpoint replaces the one the cues chose when its
  /// probability is at least this (> 1: never).
  double overrule = 0.3;
  /// ...and maps a scope the cues left unmapped when at least this.
  double fill = 0.0;
};

/// The touchpoint models shipped in the data folder
/// (`touchpoint_<group>.bin`, labels: the 16 ids of the built-in
/// catalogue; trained by scripts/lexicon/train_feedback_models.sh on
/// corpus/). Issue 17: product-quality complaints and pricing remarks often
/// name no touchpoint word at all ("the zip broke after two days"), which a
/// model over whole sentences still places. Inactive with a catalogue that
/// lacks any of its ids. Immutable; thread-safe.
class TouchpointModel {
 public:
  static Result<TouchpointModel> LoadBundled(const std::string& data_dir, const Journey& journey,
                                             TouchpointModelSettings settings,
                                             double min_confidence);

  bool empty() const { return models_.empty(); }

  /// The model's verdict on one scope (see StageModel::Predict).
  support::GroupModels::Top Predict(const TextAnalysis& analysis, size_t first, size_t count) const {
    return models_.Predict(analysis, first, count);
  }
  /// Revisits the touchpoint `a` holds: the model's touchpoint `top`
  /// becomes the best one (first in `touchpoints`, its confidence the
  /// larger of the cues' and the model's probability) when its probability
  /// reaches `overrule` (the cues chose another) or `fill` (the cues found
  /// none), and the result still reaches min_confidence. Evidence
  /// "model:touchpoint(<id> 0.72)" on that touchpoint. A stage that came
  /// from the old touchpoint ("stage-of:") follows the new one.
  void Apply(support::GroupModels::Top top, Assignment* a) const;

 private:
  support::GroupModels models_;
  TouchpointModelSettings settings_;
  double min_confidence_ = 0;
  const Journey* journey_ = nullptr;
};

}  // namespace cxmap::journey
