// SPDX-License-Identifier: Apache-2.0
// `cxmap train`: trains a supervised sentiment model from a label<TAB>text
// file (fastText, or NB-scaled logistic regression with liblinear) and
// optionally scores it on another file.
#pragma once

#include <optional>
#include <string>

#include "core/app/app_context.h"

namespace CLI {
class App;
}

namespace cxmap::core {

/// Options of `cxmap train`. Unset optionals take the language's defaults
/// (`ml::TrainOptions::ForLanguage`, `ml::LinearTrainOptions::ForLanguage`).
struct TrainCommandOptions {
  std::string lang;    ///< vi, th, zh, en… (required: chooses defaults)
  std::string labels;  ///< label<TAB>text training file (required)
  std::string output;  ///< model file to write (required)
  std::string eval;    ///< label<TAB>text file to score the model on; empty = none
  bool json = false;   ///< one JSON object on stdout instead of text
  /// "fasttext" or "nblr". Empty: the learner whose options are given
  /// (e.g. --epochs or --seed: fasttext; --dev or --cost: nblr), else the
  /// language's default (DefaultLearner).
  std::string learner;
  // fastText
  std::optional<int> epochs, dim, word_ngrams, minn, maxn, bucket, min_count, threads, seed;
  std::optional<double> lr;
  std::optional<size_t> cutoff;
  bool no_quantize = false;
  std::string autotune;       ///< dev file for fastText's autotune; empty = no autotune
  int autotune_seconds = 300; ///< autotune's time budget
  // nblr
  std::string dev;            ///< dev file: C is chosen on it from the grid; empty = --cost
  std::optional<double> cost, max_df;
  std::optional<long> min_df;
  std::optional<int> ngrams;
  std::optional<bool> char_ngrams;
};

/// The learner `cxmap train` uses for `lang` (a BCP 47 tag; "zh-Hant"
/// counts as zh) when neither --learner nor a learner's own option is
/// given: whichever measured better on that language's dev splits.
std::string DefaultLearner(const std::string& lang);

/// Declares the `train` subcommand and its options on `app`, bound to
/// `options`; returns the subcommand (check `parsed()` after parsing).
CLI::App* AddTrainCommand(CLI::App& app, TrainCommandOptions& options);

/// Trains, saves to `options.output`, prints training size, label counts,
/// model size and (with `eval`) accuracy, macro-F1 and positive-vs-negative
/// accuracy. Returns kExitOk, kExitUsage (bad options or file contents) or
/// kExitFailure (I/O, fastText, liblinear). Prints errors through ReportError.
int RunTrain(AppContext& app, const TrainCommandOptions& options);

}  // namespace cxmap::core
