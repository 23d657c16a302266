// SPDX-License-Identifier: Apache-2.0
#include "stage_model.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "cxmap/model_tokens.h"
#include "cxmap/support/language_group.h"

namespace cxmap::journey {

namespace {

constexpr std::array<std::string_view, 4> kGroups = {"vi", "th", "zh", "en"};

// The stage came from the cues (or rules), not from the touchpoint's
// default stage or the model's default (assigner.cpp's evidence).
bool DecidedByCues(const Assignment& a) {
  if (a.stage < 0 || a.stage_evidence.empty()) return false;
  const std::string& first = a.stage_evidence.front();
  return !first.starts_with("stage-of:") && first != "stage-default";
}

}  // namespace

Result<StageModel> StageModel::LoadBundled(const std::string& data_dir, const Journey& journey,
                                           StageModelSettings settings) {
  StageModel out;
  out.settings_ = settings;
  out.journey_ = &journey;
  std::error_code ec;
  for (std::string_view g : kGroups) {
    std::string path = data_dir + "/stage_" + std::string(g) + ".bin";
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    auto model = LinearModel::Load(path);
    if (!model.ok()) return Status(model.status().code(), "stage model: " + model.status().message());
    auto group = std::make_shared<Group>(Group{std::move(model.value()), {}});
    for (const std::string& label : group->model.labels()) {
      int stage = journey.StageIndex(label);
      if (stage < 0) return StageModel{};  // another journey model: the cues alone
      group->stage_of_label.push_back(stage);
    }
    out.models_.emplace(std::string(g), std::move(group));
  }
  return out;
}

void StageModel::Apply(const TextAnalysis& analysis, size_t first, size_t count,
                       Assignment* a) const {
  auto it = models_.find(support::LanguageGroup(analysis.language));
  if (it == models_.end()) return;
  const Group& g = *it->second;
  size_t known = 0;
  std::vector<double> p = g.model.Probabilities(ModelTokens(analysis, first, count), &known);
  if (known == 0 || p.empty()) return;
  size_t top = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
  double needed = DecidedByCues(*a) ? settings_.overrule : settings_.fill;
  if (p[top] < needed) return;
  int stage = g.stage_of_label[top];
  char evidence[96];
  std::snprintf(evidence, sizeof(evidence), "model:stage(%s %.2f)",
                journey_->stages[static_cast<size_t>(stage)].id.c_str(), p[top]);
  if (stage != a->stage) {
    a->stage = stage;
    a->stage_evidence.clear();
    a->stage_spans.clear();
  }
  a->stage_evidence.push_back(evidence);
}

}  // namespace cxmap::journey
