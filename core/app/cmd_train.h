// SPDX-License-Identifier: Apache-2.0
// `cxmap train`: trains a supervised sentiment model (fastText, in-process)
// from a label<TAB>text file and optionally scores it on another file.
#pragma once

#include <optional>
#include <string>

#include "core/app/app_context.h"

namespace cxmap::core {

/// Options of `cxmap train`. Unset optionals take the language's defaults
/// (`ml::TrainOptions::ForLanguage`).
struct TrainCommandOptions {
  std::string lang;    ///< vi, th, zh, en… (required: chooses defaults)
  std::string labels;  ///< label<TAB>text training file (required)
  std::string output;  ///< model file to write (required)
  std::string eval;    ///< label<TAB>text file to score the model on; empty = none
  bool json = false;   ///< one JSON object on stdout instead of text
  std::optional<int> epochs, dim, word_ngrams, minn, maxn, bucket, min_count, threads, seed;
  std::optional<double> lr;
  std::optional<size_t> cutoff;
  bool no_quantize = false;
  std::string autotune;       ///< dev file for fastText's autotune; empty = no autotune
  int autotune_seconds = 300; ///< autotune's time budget
};

/// Trains, saves to `options.output`, prints training size, label counts,
/// model size and (with `eval`) accuracy, macro-F1 and positive-vs-negative
/// accuracy. Returns kExitOk, kExitUsage (bad options or file contents) or
/// kExitFailure (I/O, fastText). Prints errors through ReportError.
int RunTrain(AppContext& app, const TrainCommandOptions& options);

}  // namespace cxmap::core
