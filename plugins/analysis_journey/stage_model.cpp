// SPDX-License-Identifier: Apache-2.0
#include "stage_model.h"

#include <algorithm>
#include <cstdio>

namespace cxmap::journey {

bool StageDecidedByCues(const Assignment& a) {
  if (a.stage < 0 || a.stage_evidence.empty()) return false;
  const std::string& first = a.stage_evidence.front();
  return !first.starts_with("stage-of:") && first != "stage-default";
}

Result<StageModel> StageModel::LoadBundled(const std::string& data_dir, const Journey& journey,
                                           StageModelSettings settings) {
  auto models = support::GroupModels::Load(
      data_dir, "stage", [&](std::string_view id) { return journey.StageIndex(id); }, "stage");
  if (!models.ok()) return models.status();
  StageModel out;
  out.models_ = std::move(models.value());
  out.settings_ = settings;
  out.journey_ = &journey;
  return out;
}

void StageModel::Apply(support::GroupModels::Top top, Assignment* a) const {
  if (top.index < 0) return;
  bool structural = std::any_of(a->stage_evidence.begin(), a->stage_evidence.end(), [](const std::string& e) {
    return e == "stage-choice" || e == "stage-question";
  });
  double needed = !StageDecidedByCues(*a) ? settings_.fill
                  : structural            ? settings_.overrule_structural
                                          : settings_.overrule;
  if (top.probability < needed) return;
  char evidence[96];
  std::snprintf(evidence, sizeof(evidence), "model:stage(%s %.2f)",
                journey_->stages[static_cast<size_t>(top.index)].id.c_str(), top.probability);
  if (top.index != a->stage) {
    a->stage = top.index;
    a->stage_evidence.clear();
    a->stage_spans.clear();
  }
  a->stage_evidence.push_back(evidence);
}

}  // namespace cxmap::journey
