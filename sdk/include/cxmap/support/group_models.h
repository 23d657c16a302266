// SPDX-License-Identifier: Apache-2.0
// Classifiers shipped per language group, for plugins that let a model
// revisit what their cues decided. Header-only: part of the SDK support
// layer (analysis_journey and analysis_empathy_map both use it).
#pragma once

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/linear_model.h"
#include "cxmap/model_tokens.h"
#include "cxmap/status.h"
#include "cxmap/support/language_group.h"
#include "cxmap/text.h"

namespace cxmap::support {

/// cxmap linear models `<prefix>_<group>.bin` (one per language group: vi,
/// th, zh, en) in a plugin's data folder, whose labels name the plugin's
/// items (stage, touchpoint or quadrant ids), and `none` for texts that
/// name no item at all ("ok", "no comment": trained on such texts, a model
/// does not have to guess). Immutable after Load; Predict is thread-safe.
class GroupModels {
 public:
  /// Below this share of `none` a text gets the model's best item.
  /// Chosen for analysis_journey on batches 2 and 3 of corpus/ with
  /// batch-1 models: 0.5 reads touchpoint 0.830 and stage 0.840 there (no
  /// `none` class at all: 0.839 and 0.852, but then "ok" and "thanks" get a
  /// touchpoint; 0.3: 0.823 and 0.835; 0.7: 0.834 and 0.842, with more
  /// non-answers mapped).
  static constexpr double kNoneGate = 0.5;

  /// Loads every `<dir>/<prefix>_<group>.bin`. `index_of` maps a label
  /// other than `none` to the plugin's index for it, -1 when it has no such
  /// item: then the result is empty (inactive), since a custom journey
  /// model or catalogue is not what the files were trained for. Errors name
  /// the file ("<what> model: ...").
  static Result<GroupModels> Load(const std::string& dir, std::string_view prefix,
                                  const std::function<int(std::string_view)>& index_of,
                                  std::string_view what) {
    GroupModels out;
    std::error_code ec;
    for (std::string_view g : {"vi", "th", "zh", "en"}) {
      std::string path = dir + "/" + std::string(prefix) + "_" + std::string(g) + ".bin";
      if (!std::filesystem::is_regular_file(path, ec)) continue;
      auto model = LoadShared(path);
      if (!model.ok()) {
        return Status(model.status().code(), std::string(what) + " model: " + model.status().message());
      }
      auto group = std::make_shared<Group>(Group{std::move(model.value()), {}});
      for (const std::string& label : group->model->labels()) {
        if (label == "none") {
          group->index_of_label.push_back(-1);
          continue;
        }
        int index = index_of(label);
        if (index < 0) return GroupModels{};  // another item set: the cues alone
        group->index_of_label.push_back(index);
      }
      out.models_.emplace(std::string(g), std::move(group));
    }
    return out;
  }

  bool empty() const { return models_.empty(); }

  /// The most likely item and its probability.
  struct Top {
    int index = -1;  ///< -1: no model for the language, no known token, or `none`
    double probability = 0;
  };

  /// Runs the model of `analysis.language`'s group over tokens
  /// [first, first + count) (cxmap::ModelTokens, as in training): the
  /// likeliest item, unless `none` reaches kNoneGate (a text the model only
  /// half thinks is about nothing still gets its best guess).
  Top Predict(const TextAnalysis& analysis, size_t first, size_t count) const {
    Top top;
    auto it = models_.find(LanguageGroup(analysis.language));
    if (it == models_.end()) return top;
    const Group& g = *it->second;
    size_t known = 0;
    std::vector<double> p = g.model->Probabilities(ModelTokens(analysis, first, count), &known);
    if (known == 0 || p.empty()) return top;
    double none = 0;
    for (size_t l = 0; l < p.size(); ++l) {
      if (g.index_of_label[l] < 0) {
        none += p[l];
      } else if (top.index < 0 || p[l] > top.probability) {
        top.index = g.index_of_label[l];
        top.probability = p[l];
      }
    }
    if (none >= kNoneGate) top = Top{};
    return top;
  }

 private:
  struct Group {
    std::shared_ptr<const LinearModel> model;  ///< parsed once per process (LoadShared)
    std::vector<int> index_of_label;
  };

  // One parse per file and process: every worker thread creates its own
  // plugin instance, and parsing the files is most of a short command's
  // start-up. The files ship with the plugin and do not change while it
  // runs.
  static Result<std::shared_ptr<const LinearModel>> LoadShared(const std::string& path) {
    static std::mutex mu;
    static std::map<std::string, std::shared_ptr<const LinearModel>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(path);
    if (it != cache.end()) return it->second;
    auto model = LinearModel::Load(path);
    if (!model.ok()) return model.status();
    auto shared = std::make_shared<const LinearModel>(std::move(model.value()));
    cache.emplace(path, shared);
    return shared;
  }

  std::map<std::string, std::shared_ptr<const Group>, std::less<>> models_;
};

}  // namespace cxmap::support
