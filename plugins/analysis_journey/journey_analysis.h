// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "assigner.h"
#include "cue_index.h"
#include "cxmap/cxmap.h"
#include "journey_model.h"
#include "stage_model.h"
#include "touchpoint_model.h"

namespace cxmap::journey {

/// A journey and its compiled cue lists, loaded once per process per set
/// of files and shared by every instance (immutable).
struct LoadedJourney {
  Journey journey;
  CueIndex index;
};

/// analysis_journey: places each record, and each of its sentences, on a
/// customer-journey map: touchpoint(s) with confidence and evidence, the
/// stage of the chosen model, the owning department. Cues are matched with
/// the host's lexicon matcher (folding, segmentation); rules are cue
/// expressions over the text, survey column, channel and attributes.
class JourneyAnalysis : public AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_journey";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Journey stage and touchpoint per record and sentence (vi, th, zh, en), with evidence";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("model", OptionType::kString, "cjm6",
             "Built-in stage model: cjm6, 5a or 4stage (ignored when model_file is set)"),
      Option("model_file", OptionType::kString, "",
             "TOML file with a custom stage model (may add touchpoints, rules, stage mapping)"),
      Option("catalogue_file", OptionType::kString, "",
             "TOML touchpoint catalogue replacing the built-in one"),
      Option("journey_dir", OptionType::kString, "",
             "Folder of the built-in model and catalogue files (default: the plugin's data folder)"),
      Option("min_confidence", OptionType::kReal, "0",
             "Below this confidence (0..1) a record or sentence is left unmapped"),
      Option("per_sentence", OptionType::kBool, "true", "Also assign every sentence"),
      Option("add_words", OptionType::kBool, "true",
             "Teach the host's Chinese segmenter the short touchpoint cues"),
      Option("touchpoint_model", OptionType::kBool, "true",
             "Let the shipped touchpoint models (touchpoint_<group>.bin, the built-in catalogue's "
             "ids, trained on the project's CC0 feedback corpus) revisit the cues' touchpoint"),
      Option("touchpoint_model_overrule", OptionType::kReal, "0.3",
             "Touchpoint-model probability at which it replaces the touchpoint the cues chose "
             "(above 1: never)"),
      Option("touchpoint_model_fill", OptionType::kReal, "0",
             "Touchpoint-model probability at which it maps a text the cues left unmapped "
             "(above 1: never)"),
      Option("stage_model", OptionType::kBool, "true",
             "Let the shipped stage models (stage_<group>.bin, cjm6 stages, trained on the "
             "project's CC0 feedback corpus) revisit the stage the cues chose"),
      Option("stage_model_overrule", OptionType::kReal, "0.4",
             "Stage-model probability at which it replaces a stage the cues decided (above 1: never)"),
      Option("stage_model_overrule_structural", OptionType::kReal, "0.8",
             "Stage-model probability at which it replaces a stage from the question or choice "
             "rule (\"A or B?\": decision)"),
      Option("stage_model_fill", OptionType::kReal, "0",
             "Stage-model probability at which it replaces a stage that came only from the "
             "touchpoint or the default (above 1: never)"),
  };
  static constexpr std::array kFields = {
      Field("touchpoint", FieldType::kString, "Best touchpoint id; null when unmapped", "touchpoint"),
      Field("confidence", FieldType::kReal, "Confidence of the best touchpoint, 0..1", "touchpoint.confidence"),
      Field("touchpoints", FieldType::kJson,
            "Every touchpoint found: [{id, confidence, evidence}], best first", "touchpoint.candidates"),
      Field("stage", FieldType::kString, "Stage id in the model; null when unknown", "stage"),
      Field("owner", FieldType::kString, "Department owning the best touchpoint; null when unmapped", "owner"),
      Field("mapped", FieldType::kBool, "Whether a touchpoint was assigned", "touchpoint.mapped"),
      Field("model", FieldType::kString, "Id of the stage model the stage belongs to", "stage.model"),
  };

  static Result<std::unique_ptr<JourneyAnalysis>> Create(const Host& host,
                                                         const OptionValues& options);
  JourneyAnalysis(std::shared_ptr<const LoadedJourney> loaded, TextWorkspace workspace,
                  double min_confidence, bool per_sentence, TouchpointModel touchpoint_model,
                  StageModel stage_model)
      : loaded_(std::move(loaded)),
        ws_(std::move(workspace)),
        assigner_(loaded_->journey, loaded_->index, min_confidence),
        per_sentence_(per_sentence),
        touchpoint_model_(std::move(touchpoint_model)),
        stage_model_(std::move(stage_model)) {}

  Status Analyze(const RecordBatch& batch, ResultWriter& out) override;

 private:
  Status AnalyzeOne(size_t index, const RecordView& record, ResultWriter& out);
  Status Write(size_t index, int32_t sentence, std::string_view text, const Assignment& a,
               ResultWriter& out);

  std::shared_ptr<const LoadedJourney> loaded_;
  TextWorkspace ws_;
  Assigner assigner_;
  bool per_sentence_;
  TouchpointModel touchpoint_model_;  ///< refers to loaded_->journey
  StageModel stage_model_;            ///< refers to loaded_->journey
  std::vector<Hit> hits_;
};

}  // namespace cxmap::journey
