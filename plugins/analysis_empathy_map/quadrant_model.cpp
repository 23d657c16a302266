// SPDX-License-Identifier: Apache-2.0
#include "quadrant_model.h"

#include <cstdio>

namespace cxmap::empathy {

namespace {

// The item of a sentence the model placed: the quadrant's generic kind, so
// the report's item lists stay language-neutral.
const char* GenericItem(Quadrant q) {
  switch (q) {
    case Quadrant::kThinks: return "thought";
    case Quadrant::kFeels: return "feeling";
    case Quadrant::kDoes: return "action";
    case Quadrant::kSays: break;
  }
  return "statement";
}

}  // namespace

Result<QuadrantModel> QuadrantModel::LoadBundled(const std::string& data_dir,
                                                 QuadrantModelSettings settings) {
  auto index_of = [](std::string_view id) {
    for (int q = 0; q < kQuadrantCount; ++q) {
      if (QuadrantName(static_cast<Quadrant>(q)) == id) return q;
    }
    return -1;
  };
  auto models = support::GroupModels::Load(data_dir, "quadrant", index_of, "empathy");
  if (!models.ok()) return models.status();
  QuadrantModel out;
  out.models_ = std::move(models.value());
  out.settings_ = settings;
  return out;
}

void QuadrantModel::Apply(const TextAnalysis& analysis, size_t first, size_t count,
                          SentenceVerdict* v) const {
  support::GroupModels::Top top = models_.Predict(analysis, first, count);
  if (top.index < 0) return;
  auto quadrant = static_cast<Quadrant>(top.index);
  char evidence[64];
  std::snprintf(evidence, sizeof(evidence), "model:empathy(%.*s %.2f)",
                int(QuadrantName(quadrant).size()), QuadrantName(quadrant).data(), top.probability);
  if (quadrant == v->quadrant) {
    v->evidence.push_back(evidence);
    return;
  }
  bool by_cues = v->quadrant != Quadrant::kSays || !v->evidence.empty();
  // A feeling the cues named (an emotion word, an emoji) is the most
  // specific thing a sentence says: kept (batch 5: 0.816 -> 0.821).
  if (v->emotion != Emotion::kNone) return;
  // So is an action the cues found to be someone else's (convention; on
  // batch 5 it makes no difference: 0.820 against 0.821).
  if (v->action_not_the_customers && v->quadrant == Quadrant::kSays) return;
  if (top.probability < (by_cues ? settings_.overrule : settings_.fill)) return;
  v->quadrant = quadrant;
  v->emotion = Emotion::kNone;
  v->item = GenericItem(quadrant);
  v->evidence = {evidence};
  v->spans.clear();
}

}  // namespace cxmap::empathy
