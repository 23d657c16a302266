// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/cxmap.h"
#include "cxmap/linear_model.h"

namespace cxmap::journey {

/// Classifiers shipped per language group (vi, th, zh, en) as cxmap linear
/// models `<prefix>_<group>.bin` in the plugin's data folder, whose labels
/// name items of the loaded journey (stage or touchpoint ids), and
/// `none` for texts that name no item at all ("ok", "no comment": trained
/// on such texts, a model does not have to guess). The shared part of
/// StageModel and TouchpointModel. Immutable; thread-safe.
class GroupModels {
 public:
  /// Loads every `<dir>/<prefix>_<group>.bin`. `index_of` maps a label
  /// other than `none` to the journey's index for it, -1 when the journey
  /// has no such item: then the result is empty (inactive), since a custom journey model or
  /// catalogue is not what the files were trained for. Errors name the
  /// file ("<what> model: ...").
  static Result<GroupModels> Load(const std::string& dir, std::string_view prefix,
                                  const std::function<int(std::string_view)>& index_of,
                                  std::string_view what);

  bool empty() const { return models_.empty(); }

  /// The most likely item and its probability.
  struct Top {
    int index = -1;  ///< -1: no model for the language, no known token, or `none`
    double probability = 0;
  };
  /// Runs the model of `analysis.language`'s group over tokens
  /// [first, first + count) (cxmap::ModelTokens, as in training).
  Top Predict(const TextAnalysis& analysis, size_t first, size_t count) const;

 private:
  struct Group {
    std::shared_ptr<const LinearModel> model;  ///< parsed once per process (see Load)
    std::vector<int> index_of_label;
  };
  std::map<std::string, std::shared_ptr<const Group>, std::less<>> models_;
};

}  // namespace cxmap::journey
