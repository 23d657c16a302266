// SPDX-License-Identifier: Apache-2.0
#include "group_models.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <mutex>

#include "cxmap/model_tokens.h"
#include "cxmap/support/language_group.h"

namespace cxmap::journey {

namespace {

constexpr std::array<std::string_view, 4> kGroups = {"vi", "th", "zh", "en"};
constexpr double kNoneGate = 0.5;

// One parse per file and process: every worker thread creates its own
// plugin instance, and parsing the files is most of a short command's
// start-up. The files ship with the plugin and do not change while it
// runs.
Result<std::shared_ptr<const LinearModel>> LoadShared(const std::string& path) {
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

}  // namespace

Result<GroupModels> GroupModels::Load(const std::string& dir, std::string_view prefix,
                                      const std::function<int(std::string_view)>& index_of,
                                      std::string_view what) {
  GroupModels out;
  std::error_code ec;
  for (std::string_view g : kGroups) {
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
      if (index < 0) return GroupModels{};  // another journey: the cues alone
      group->index_of_label.push_back(index);
    }
    out.models_.emplace(std::string(g), std::move(group));
  }
  return out;
}

GroupModels::Top GroupModels::Predict(const TextAnalysis& analysis, size_t first,
                                      size_t count) const {
  Top top;
  auto it = models_.find(support::LanguageGroup(analysis.language));
  if (it == models_.end()) return top;
  const Group& g = *it->second;
  size_t known = 0;
  std::vector<double> p = g.model->Probabilities(ModelTokens(analysis, first, count), &known);
  if (known == 0 || p.empty()) return top;
  // The likeliest item, unless `none` is at least kNoneGate: a text the
  // model only half thinks is about nothing still gets its best guess.
  // Chosen on batches 2 and 3 with batch-1 models: gate 0.5 reads
  // touchpoint 0.830 and stage 0.840 there (no `none` class at all: 0.839
  // and 0.852, but then "ok" and "thanks" get a touchpoint; gate 0.3:
  // 0.823 and 0.835; 0.7: 0.834 and 0.842, with more of 13 such texts
  // mapped).
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

}  // namespace cxmap::journey
