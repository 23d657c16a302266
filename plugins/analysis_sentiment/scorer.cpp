// SPDX-License-Identifier: Apache-2.0
#include "scorer.h"

#include <cmath>
#include <cstdio>

namespace cxmap::sentiment {

namespace {

std::string Weight(double w) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%+.1f", w);
  return buf;
}

}  // namespace

std::string Scorer::Evidence(const Cue& c) {
  std::string text(c.text);
  switch (c.kind) {
    case CueKind::kNegator:
      return c.bare_negation ? "negation:" + text + "(" + Weight(c.final_weight) + ")"
                             : "negation:" + text;
    case CueKind::kIntensifier: return "intensifier:" + text;
    case CueKind::kDiminisher: return "diminisher:" + text;
    case CueKind::kContrast: return "contrast:" + text;
    case CueKind::kEmoji: return "emoji:" + text + "(" + Weight(c.final_weight) + ")";
    case CueKind::kCue: break;
  }
  std::string out = "cue:" + text + "(" + Weight(c.final_weight);
  if (c.negated) out += ",negated";
  if (c.intensified) out += ",intensified";
  if (c.diminished) out += ",diminished";
  if (c.before_contrast) out += ",before-contrast";
  if (c.after_contrast) out += ",after-contrast";
  return out + ")";
}

Verdict Scorer::FromCues(const std::vector<const Cue*>& cues) const {
  Verdict v;
  double sum = 0;
  for (const Cue* c : cues) {
    bool scoring = c->kind == CueKind::kCue || c->kind == CueKind::kEmoji;
    // Zero-weight cues are blockers that only claim a span: not evidence.
    if (scoring && c->base_weight == 0) continue;
    if (scoring || c->bare_negation) sum += c->final_weight;
    v.spans.push_back({c->begin, c->begin + c->text.size(), static_cast<uint32_t>(v.evidence.size())});
    v.evidence.push_back(Evidence(*c));
  }
  v.score = sum / std::sqrt(sum * sum + alpha_);
  v.label = v.score >= threshold_ ? "positive" : v.score <= -threshold_ ? "negative" : "neutral";
  return v;
}

Verdict Scorer::Score(const std::vector<Cue>& cues) const {
  std::vector<const Cue*> all;
  for (const Cue& c : cues) all.push_back(&c);
  return FromCues(all);
}

std::vector<Verdict> Scorer::ScoreSentences(const std::vector<Cue>& cues, size_t count) const {
  std::vector<std::vector<const Cue*>> mine(count);
  for (const Cue& c : cues) {
    if (c.sentence < count) mine[c.sentence].push_back(&c);
  }
  std::vector<Verdict> out;
  out.reserve(count);
  for (const auto& list : mine) out.push_back(FromCues(list));
  return out;
}

Verdict Scorer::ScoreSentence(const std::vector<Cue>& cues, uint32_t sentence) const {
  std::vector<const Cue*> mine;
  for (const Cue& c : cues) {
    if (c.sentence == sentence) mine.push_back(&c);
  }
  return FromCues(mine);
}

}  // namespace cxmap::sentiment
