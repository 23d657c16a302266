// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "assigner.h"
#include "cxmap/cxmap.h"
#include "cxmap/support/group_models.h"
#include "journey_model.h"

namespace cxmap::journey {

/// How far a stage model may overrule the cues (see StageModel::Apply).
/// Chosen on text neither the cues nor the model had seen: models trained
/// on batch 1 of corpus/, scored on batch 2 (another writer). The cues
/// alone read 0.720 there, the model alone 0.840, the model over 0.4
/// probability overruling the cues 0.860 (0.6: 0.827; 0.3: 0.848); a floor
/// for stages that only came from the touchpoint did not help (fill 0.3:
/// 0.856).
struct StageModelSettings {
  /// The model's stage replaces a stage the cues decided when its
  /// probability is at least this (> 1: never).
  double overrule = 0.4;
  /// ...and replaces a stage that only came from the touchpoint or the
  /// model's default when at least this.
  double fill = 0.0;
  /// A stage from the question and choice rules ("A or B?" is a
  /// decision, a question leans to consideration: the documented
  /// convention) is overruled only at this. Costs 0.004 on batch 2
  /// against treating them as other cues (0.852 against 0.856 at 0.6),
  /// within the noise of 1,440 texts; the convention is worth it.
  double overrule_structural = 0.8;
};

/// True when the stage of `a` came from stage cues or rules, not from its
/// touchpoint's stage ("stage-of:") or the model's default.
bool StageDecidedByCues(const Assignment& a);

/// The stage models shipped in the data folder (`stage_<group>.bin`, one
/// per language group vi, th, zh, en; cxmap linear models trained by
/// scripts/lexicon/train_feedback_models.sh on corpus/), used for the
/// journey model whose stage ids they name. Issue 17: the cues read what a
/// customer does from a few words; a model trained on whole sentences of
/// feedback reads the rest ("still waiting" is use, "torn between" is
/// decision, with no cue word). Immutable; thread-safe.
class StageModel {
 public:
  /// Loads every `stage_<group>.bin` in `data_dir`. An empty (inactive)
  /// model when there are none, or when a file's labels are not all stage
  /// ids of `journey` (a custom or another built-in journey model: the
  /// shipped files know the six cjm6 stages only). Errors name the file.
  static Result<StageModel> LoadBundled(const std::string& data_dir, const Journey& journey,
                                        StageModelSettings settings);

  bool empty() const { return models_.empty(); }

  /// The model's verdict on one scope (tokens [first, first + count) of
  /// `analysis`: the whole record or one sentence). Apart from Apply, so
  /// that a one-sentence record's sentence reuses the record's.
  support::GroupModels::Top Predict(const TextAnalysis& analysis, size_t first, size_t count) const {
    return models_.Predict(analysis, first, count);
  }
  /// Revisits the stage `a` holds: the model's stage `top` replaces it when
  /// its probability reaches `overrule` (stage decided by cues),
  /// `overrule_structural` (decided by the question or choice rule) or
  /// `fill` (stage from the touchpoint, the default, or none); evidence
  /// "model:stage(<id> 0.72)". No prediction (index -1): unchanged.
  void Apply(support::GroupModels::Top top, Assignment* a) const;

 private:
  support::GroupModels models_;
  StageModelSettings settings_;
  const Journey* journey_ = nullptr;
};

}  // namespace cxmap::journey
