// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::sentiment {

/// What a model says about one text.
struct ModelVerdict {
  std::string label;       ///< positive | neutral | negative (other model labels: neutral)
  double score = 0;        ///< P(positive) - P(negative), in [-1, 1]
  double probability = 0;  ///< probability of the model's top label
  double neutral = 0;      ///< P of every label not positive or negative (neutral, question…)
};

/// The sentiment models of the `model` option, one per language group (vi,
/// th, zh, en; see LexiconGroup), as written by `cxmap train`: fastText
/// models or cxmap linear models (`--learner nblr`,
/// cxmap/linear_model.h), told apart by the file's magic bytes.
/// Immutable after Load(); Predict may be called from any number of
/// threads (fastText's predict is const and keeps no shared scratch;
/// LinearModel is immutable). This file pair is the only place that calls
/// fastText in the plugin, and the only place where its exceptions become
/// Status.
class ModelSet {
 public:
  ModelSet();
  ~ModelSet();
  ModelSet(ModelSet&&) noexcept;
  ModelSet& operator=(ModelSet&&) noexcept;

  /// Parses the option value and loads every model it names:
  ///   ""                       no model (the lexicon decides everywhere)
  ///   "vi=/m/vi.bin,th=th.bin" one file per language (vi, th, zh, en;
  ///                            zh-Hans / zh-Hant / yue count as zh)
  ///   "/m"                     a folder: whichever of vi.bin, th.bin,
  ///                            zh.bin, en.bin it holds (at least one)
  /// Errors (kInvalidArgument, kNotFound) name the option, the entry and
  /// the file: unknown language, duplicate language, missing file, not a
  /// supervised fastText model, a damaged linear model (the parser's
  /// reason and byte offset), no positive or negative label.
  static Result<ModelSet> Load(std::string_view spec);

  /// The models shipped in the plugin's data folder: `model_<group>.ftz`
  /// (fastText) or `model_<group>.bin` (linear) for each group that has
  /// one (see data/SOURCE.md for what each was trained on); both for one
  /// group are an ensemble (see Predict). An empty set when there are none.
  static Result<ModelSet> LoadBundled(std::string_view data_dir);

  bool empty() const { return models_.empty(); }
  /// True when `group` ("vi", "th", "zh", "en") has a model.
  bool Has(std::string_view group) const { return models_.count(std::string(group)) > 0; }

  /// One loaded model (opaque; defined in model_set.cpp).
  struct Model;

  /// Runs the model of `group` on `tokens` (see ModelTokens). kNotFound if
  /// the group has no model; kInternal if fastText throws. A text with no
  /// token the model can use gives an empty label: score it otherwise.
  /// Labels other than positive and negative count as neutral; `score` is
  /// P(positive) - P(negative) for either kind of model. A group of
  /// several models (LoadBundled) gives the mean of their P(positive),
  /// P(negative) and P(neutral) over the models that know a token, and the
  /// most likely of the three as its label.
  Result<ModelVerdict> Predict(std::string_view group, const std::string& tokens) const;

 private:
  Result<ModelVerdict> PredictOne(const Model& model, const std::string& tokens) const;

  std::map<std::string, std::vector<std::unique_ptr<const Model>>> models_;
};

}  // namespace cxmap::sentiment
