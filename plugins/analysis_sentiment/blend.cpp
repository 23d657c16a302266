// SPDX-License-Identifier: Apache-2.0
#include "blend.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cxmap::sentiment {

Verdict Blend(Verdict lexicon, const ModelVerdict& model, std::string_view group,
              const BlendSettings& s) {
  Verdict v = std::move(lexicon);
  const double lexicon_score = v.score;
  const double trust = group == "th"   ? s.lexicon_trust_th
                       : group == "vi" ? s.lexicon_trust_vi
                                       : s.lexicon_trust;
  // Vietnamese trusts its lexicon sooner but keeps the general reach of
  // the weak-cue gate (blend.h, lexicon_trust_vi); elsewhere the reach is
  // the language's own trust, so no option of one language moves another's.
  const double weak = group == "vi" ? std::max(trust, s.lexicon_trust) : trust;
  double w = std::max(0.0, s.model_weight);
  v.score = std::clamp((v.score + w * model.score) / (1 + w), -1.0, 1.0);
  // P(pos) and P(neg) from score = P+ - P- and P+ + P- = 1 - P0.
  double polar = std::max(0.0, 1 - model.neutral);
  double pos = std::clamp((polar + model.score) / 2, 0.0, 1.0), neg = std::clamp(polar - pos, 0.0, 1.0);
  if (model.neutral >= s.neutral_gate) {
    v.label = "neutral";
  } else if (lexicon_score == 0 && model.neutral >= s.no_cue_gate) {
    v.label = "neutral";
  } else if (std::abs(lexicon_score) < weak &&
             model.neutral >= (group == "th" ? s.weak_cue_gate_th : s.weak_cue_gate)) {
    v.label = "neutral";
  } else if (std::abs(lexicon_score) >= trust) {
    v.label = lexicon_score > 0 ? "positive" : "negative";
    // Keep the score on the label's side of 0.
    if ((v.score > 0) != (lexicon_score > 0)) v.score = lexicon_score * 0.5;
  } else {
    v.label = v.score > 0 ? "positive" : v.score < 0 ? "negative" : "neutral";
  }
  char evidence[96];
  std::snprintf(evidence, sizeof(evidence), "model:%.*s(P+ %.2f, P- %.2f, P0 %.2f)",
                int(group.size()), group.data(), pos, neg, model.neutral);
  v.evidence.push_back(evidence);
  return v;
}

}  // namespace cxmap::sentiment
