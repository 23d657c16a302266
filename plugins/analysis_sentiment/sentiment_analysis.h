// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "cxmap/cxmap.h"
#include "lexicon_set.h"
#include "blend.h"
#include "model_set.h"
#include "scorer.h"

namespace cxmap::sentiment {

/// analysis_sentiment: lexicon-and-rules sentiment for vi (with or without
/// diacritics), th, zh-Hans/zh-Hant and en, per record and per sentence,
/// with evidence. Negation, intensifiers and contrast are applied by the
/// host's lexicon matcher; this plugin chooses the lexicon per script run,
/// sums the weighted cues and labels the result (Scorer). Where a model
/// ships for the language (Thai), it is blended in (blend.h); a `model`
/// option model decides instead.
class SentimentAnalysis : public AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_sentiment";
  static constexpr std::string_view kVersion = "0.2.0";
  static constexpr std::string_view kDescription =
      "Sentiment per record and sentence (vi, th, zh, en) from lexicons and rules, with bundled "
      "models blended in, with evidence";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("neutral_threshold", OptionType::kReal, "0.05",
             "Scores within +/- this are neutral (score is in [-1, 1])"),
      Option("lexicon_dir", OptionType::kString, "",
             "Folder of the lexicon TSV files (default: the plugin's data folder)"),
      Option("model", OptionType::kString, "",
             "fastText models from `cxmap train`, per language: vi=FILE,th=FILE,zh=FILE,en=FILE "
             "or a folder of <lang>.bin; records in those languages are scored by the model"),
      Option("bundled_models", OptionType::kBool, "true",
             "Blend the models shipped in the data folder (model_<group>.bin for vi, th, zh, en, "
             "trained on the project's CC0 feedback corpus; model_th.ftz, trained on the CC0 "
             "Wisesight corpus, beside Thai's) into the lexicon score; false: lexicon and rules only"),
      Option("model_weight", OptionType::kReal, "1.0",
             "Weight of a bundled model's P(positive) - P(negative) against the lexicon score"),
      Option("model_neutral_gate", OptionType::kReal, "0.95",
             "A bundled model's P(neutral) at or above which a text is neutral"),
      Option("model_lexicon_trust", OptionType::kReal, "0.25",
             "A lexicon score at least this far from 0 keeps its sign against a bundled model "
             "(vi, zh, en; above 1: never)"),
      Option("model_lexicon_trust_th", OptionType::kReal, "0.35",
             "The same for Thai (higher: its lexicon is mostly derived from social posts; above 1: "
             "never)"),
      Option("model_lexicon_trust_vi", OptionType::kReal, "0.2",
             "The same for Vietnamese, with or without diacritics (lower: real feedback complains "
             "with one bare negator; the weak-cue gate still reaches to model_lexicon_trust; "
             "above 1: never)"),
      Option("model_weak_cue_gate", OptionType::kReal, "0.4",
             "A bundled model's P(neutral) at or above which a text whose lexicon score is under "
             "model_lexicon_trust (vi: the larger of it and model_lexicon_trust_vi) is neutral "
             "(vi, zh, en; above 1: never); also covers texts with "
             "no cue, so the lower of this and model_no_cue_gate applies to them"),
      Option("model_weak_cue_gate_th", OptionType::kReal, "0.7",
             "The same for Thai (higher: the Wisesight model in its ensemble reads social posts "
             "as neutral)"),
      Option("model_no_cue_gate", OptionType::kReal, "0.7",
             "A bundled model's P(neutral) at or above which a text with no lexicon cue is "
             "neutral (above 1: never)"),
  };
  static constexpr std::array kFields = {
      Field("label", FieldType::kString, "positive, neutral or negative", "sentiment.label"),
      Field("score", FieldType::kReal,
            "Sentiment in [-1, 1] (VADER-style normalised cue sum, blended with a bundled model "
            "where one ships)", "sentiment.score"),
  };

  static Result<std::unique_ptr<SentimentAnalysis>> Create(const Host& host,
                                                           const OptionValues& options);
  SentimentAnalysis(std::shared_ptr<const LexiconSet> lexicons,
                    std::shared_ptr<const ModelSet> models,
                    std::shared_ptr<const ModelSet> bundled, TextWorkspace workspace,
                    double threshold, BlendSettings blend)
      : lexicons_(std::move(lexicons)), models_(std::move(models)), bundled_(std::move(bundled)),
        ws_(std::move(workspace)), scorer_(threshold), blend_(blend) {}

  Status Analyze(const RecordBatch& batch, ResultWriter& out) override;

  /// Cues of one text (exposed for tests): matched per script run with the
  /// lexicon of that run's language.
  Result<std::vector<Cue>> CuesOf(std::string_view text, std::string_view language_hint,
                                  TextAnalysis* analysis);

 private:
  Status AnalyzeOne(size_t index, std::string_view text, std::string_view hint, ResultWriter& out);
  /// The model's verdict on tokens [first, first + count) of `a`, or an
  /// empty label when the text's language has no model or the model has
  /// nothing to go on (the lexicon decides then).
  Result<Verdict> ModelVerdictOf(const TextAnalysis& a, size_t first, size_t count) const;
  /// The lexicon verdict `lexicon` blended with the bundled model of the
  /// text's language on tokens [first, first + count); `lexicon` unchanged
  /// when there is no such model or it has nothing to go on.
  Result<Verdict> WithBundledModel(Verdict lexicon, const TextAnalysis& a, size_t first,
                                   size_t count) const;

  std::shared_ptr<const LexiconSet> lexicons_;
  std::shared_ptr<const ModelSet> models_;   // the `model` option; never null; may be empty
  std::shared_ptr<const ModelSet> bundled_;  // shipped models; never null; may be empty
  TextWorkspace ws_;
  Scorer scorer_;
  BlendSettings blend_;
  // The bundled model's last prediction in this record (AnalyzeOne resets
  // it): a sentence that is the whole record reuses the record's. One
  // instance per worker thread, so no lock.
  struct LastPrediction {
    bool valid = false;
    size_t first = 0, count = 0;
    ModelVerdict verdict;
  };
  mutable LastPrediction last_;
  std::vector<Cue> cues_;
};

}  // namespace cxmap::sentiment
