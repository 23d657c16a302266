// SPDX-License-Identifier: Apache-2.0
#include "touchpoint_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "stage_model.h"

namespace cxmap::journey {

Result<TouchpointModel> TouchpointModel::LoadBundled(const std::string& data_dir,
                                                     const Journey& journey,
                                                     TouchpointModelSettings settings,
                                                     double min_confidence) {
  auto index_of = [&](std::string_view id) {
    for (size_t t = 0; t < journey.touchpoints.size(); ++t) {
      if (journey.touchpoints[t].id == id) return static_cast<int>(t);
    }
    return -1;
  };
  auto models = support::GroupModels::Load(data_dir, "touchpoint", index_of, "touchpoint");
  if (!models.ok()) return models.status();
  TouchpointModel out;
  out.models_ = std::move(models.value());
  out.settings_ = settings;
  out.min_confidence_ = min_confidence;
  out.journey_ = &journey;
  return out;
}

void TouchpointModel::Apply(support::GroupModels::Top top, Assignment* a) const {
  if (top.index < 0) return;
  char evidence[96];
  std::snprintf(evidence, sizeof(evidence), "model:touchpoint(%s %.2f)",
                journey_->touchpoints[static_cast<size_t>(top.index)].id.c_str(), top.probability);
  auto entry = std::find_if(a->touchpoints.begin(), a->touchpoints.end(),
                            [&](const TouchpointScore& s) { return s.touchpoint == top.index; });
  if (a->best == top.index) {  // agrees: say so (the best is always listed)
    if (entry != a->touchpoints.end()) entry->evidence.push_back(evidence);
    return;
  }
  double needed = a->best >= 0 ? settings_.overrule : settings_.fill;
  double confidence = std::round(top.probability * 1000) / 1000;
  if (entry != a->touchpoints.end()) confidence = std::max(confidence, entry->confidence);
  if (top.probability < needed || confidence < min_confidence_ || confidence <= 0) return;
  if (entry == a->touchpoints.end()) {
    TouchpointScore s;
    s.touchpoint = top.index;
    a->touchpoints.push_back(std::move(s));
    entry = a->touchpoints.end() - 1;
  }
  entry->confidence = confidence;
  entry->evidence.push_back(evidence);
  std::rotate(a->touchpoints.begin(), entry, entry + 1);  // best first
  a->best = top.index;
  a->confidence = confidence;
  // A stage that did not come from the cues came from the old touchpoint
  // or the default: the new touchpoint's stage comes first (as in
  // Assigner::ScoreStage).
  const Touchpoint& chosen = journey_->touchpoints[static_cast<size_t>(top.index)];
  if (!StageDecidedByCues(*a)) {
    a->stage_spans.clear();
    if (chosen.stage >= 0) {
      a->stage = chosen.stage;
      a->stage_evidence = {"stage-of:" + chosen.id};
    } else if (journey_->default_stage >= 0) {
      a->stage = journey_->default_stage;
      a->stage_evidence = {"stage-default"};
    } else {
      a->stage = -1;
      a->stage_evidence.clear();
    }
  }
}

}  // namespace cxmap::journey
