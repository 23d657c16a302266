// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "cue_set.h"
#include "cxmap/cxmap.h"
#include "quadrant_decider.h"
#include "quadrant_model.h"

namespace cxmap::empathy {

/// analysis_empathy_map: puts every sentence of a record in one quadrant of
/// an empathy map (says, thinks, feels, does) with the cues that decided
/// it, the Plutchik emotion of feels sentences and the item each is about;
/// the record gets its dominant quadrant and emotion. Cues are matched by
/// the host's lexicon matcher (folding, segmentation, negation). One
/// instance per worker thread; the cue set is shared and immutable.
class EmpathyAnalysis : public AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_empathy_map";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Empathy-map quadrant (says/thinks/feels/does) and emotion per sentence (vi, th, zh, en)";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("cue_dir", OptionType::kString, "",
             "Folder of the cue files cues_{vi,th,zh,en,emoji}.tsv (default: the plugin's data folder)"),
      Option("per_sentence", OptionType::kBool, "true",
             "Also write each sentence's quadrant (the record's is decided from them either way)"),
      Option("quadrant_model", OptionType::kBool, "true",
             "Let the shipped quadrant models (quadrant_<group>.bin, trained on the project's CC0 "
             "feedback corpus) revisit each sentence's quadrant"),
      Option("quadrant_model_overrule", OptionType::kReal, "0.6",
             "Quadrant-model probability at which it replaces a quadrant the cues decided (above 1: never)"),
      Option("quadrant_model_fill", OptionType::kReal, "0.4",
             "Quadrant-model probability at which it replaces the says of a sentence with no cue"),
  };
  static constexpr std::array kFields = {
      Field("quadrant", FieldType::kString, "says, thinks, feels or does", "empathy.quadrant"),
      Field("emotion", FieldType::kString,
            "Plutchik emotion (joy, trust, fear, surprise, sadness, disgust, anger, "
            "anticipation); null when no sentence feels", "emotion"),
      Field("item", FieldType::kString,
            "Sentence only: what it is about (cue item: call, angry, not happy, doubt, request…)", "empathy.item"),
      Field("quadrants", FieldType::kJson, "Record only: sentences per quadrant {says, thinks, feels, does}", "empathy.quadrants"),
  };

  static Result<std::unique_ptr<EmpathyAnalysis>> Create(const Host& host,
                                                         const OptionValues& options);
  EmpathyAnalysis(std::shared_ptr<const CueSet> cues, TextWorkspace workspace, bool per_sentence,
                  QuadrantModel model)
      : cues_(std::move(cues)),
        ws_(std::move(workspace)),
        per_sentence_(per_sentence),
        model_(std::move(model)) {}

  Status Analyze(const RecordBatch& batch, ResultWriter& out) override;

 private:
  Status AnalyzeOne(size_t index, std::string_view text, std::string_view hint, ResultWriter& out);
  /// Hits of the text last analysed, grouped by sentence, in text order.
  Status CollectHits(const TextAnalysis& a, std::string_view text);

  std::shared_ptr<const CueSet> cues_;
  TextWorkspace ws_;
  bool per_sentence_;
  QuadrantModel model_;
  std::vector<std::vector<Hit>> hits_;  // per sentence; reused
  std::vector<uint32_t> clause_;        // per token; reused
  std::vector<const cxmap_lexicon_match*> order_;  // matches in text order; reused
};

}  // namespace cxmap::empathy
