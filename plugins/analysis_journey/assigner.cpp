// SPDX-License-Identifier: Apache-2.0
#include "assigner.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "cxmap/support/json_text.h"

namespace cxmap::journey {

namespace {

bool InScope(const Hit& h, int64_t sentence) { return sentence < 0 || h.sentence == sentence; }

// Adds the distinct cues of `list` in scope to `score`/`evidence`, and
// every place they occur to `spans`.
void AddCues(std::span<const Hit> hits, int list, int64_t sentence, const char* prefix,
             double* score, std::vector<std::string>* evidence, std::vector<EvidenceSpan>* spans,
             size_t* longest, size_t* first) {
  std::map<std::string_view, uint32_t> seen;  // term -> its evidence index
  for (const Hit& h : hits) {
    if (h.list != list || !InScope(h, sentence)) continue;
    auto [it, added] = seen.try_emplace(h.term, static_cast<uint32_t>(evidence->size()));
    spans->push_back({h.begin, h.end, it->second});
    if (!added) continue;
    *score += h.weight;
    evidence->push_back(std::string(prefix) + std::string(h.term));
    if (longest) *longest = std::max(*longest, h.end - h.begin);
    if (first && seen.size() == 1) *first = h.begin;
  }
}

void AddRules(const std::vector<Rule>& rules, const ExprContext& c, const char* prefix,
              double* score, std::vector<std::string>* evidence) {
  for (const Rule& r : rules) {
    if (!Evaluate(r.when, c)) continue;
    *score += r.weight;
    evidence->push_back(prefix + r.text);
  }
}

double Round3(double v) { return std::round(v * 1000) / 1000; }

}  // namespace

Assignment Assigner::Assign(std::span<const Hit> hits, int64_t sentence,
                            ExprContext context) const {
  std::vector<bool> lists(index_.size(), false);
  for (const Hit& h : hits) {
    if (InScope(h, sentence)) lists[static_cast<size_t>(h.list)] = true;
  }
  context.lists = &lists;
  Assignment a;
  double total = 0;
  for (size_t t = 0; t < journey_.touchpoints.size(); ++t) {
    const Touchpoint& tp = journey_.touchpoints[t];
    TouchpointScore s;
    s.touchpoint = static_cast<int>(t);
    AddCues(hits, index_.touchpoint_list(t), sentence, "cue:", &s.score, &s.evidence, &s.spans,
            &s.longest, &s.first);
    AddRules(tp.rules, context, "rule:", &s.score, &s.evidence);
    if (s.score > 0 && tp.unless && Evaluate(tp.unless->when, context)) s.score = 0;
    if (s.score <= 0) continue;
    total += s.score;
    a.touchpoints.push_back(std::move(s));
  }
  for (TouchpointScore& s : a.touchpoints) {
    s.confidence = Round3(s.score / (s.score + 1) * s.score / total);
  }
  std::stable_sort(a.touchpoints.begin(), a.touchpoints.end(),
                   [](const TouchpointScore& x, const TouchpointScore& y) {
                     if (x.score != y.score) return x.score > y.score;
                     if (x.longest != y.longest) return x.longest > y.longest;
                     return x.first < y.first;
                   });
  if (!a.touchpoints.empty() && a.touchpoints[0].confidence >= min_confidence_) {
    a.best = a.touchpoints[0].touchpoint;
    a.confidence = a.touchpoints[0].confidence;
  }
  ScoreStage(hits, sentence, context, &a);
  return a;
}

void Assigner::ScoreStage(std::span<const Hit> hits, int64_t sentence,
                          const ExprContext& context, Assignment* a) const {
  double best_score = 0;
  std::vector<std::string> best_evidence;
  std::vector<EvidenceSpan> best_spans;
  for (size_t s = 0; s < journey_.stages.size(); ++s) {
    double score = 0;
    std::vector<std::string> evidence;
    std::vector<EvidenceSpan> spans;
    AddCues(hits, index_.stage_list(s), sentence, "stage-cue:", &score, &evidence, &spans, nullptr,
            nullptr);
    AddRules(journey_.stages[s].rules, context, "stage-rule:", &score, &evidence);
    int asked = context.offers_alternatives && journey_.alternative_stage >= 0 ? journey_.alternative_stage
                                                                              : journey_.question_stage;
    if (context.asks && static_cast<int>(s) == asked) {
      score += journey_.question_weight;
      evidence.push_back("stage-question");
    } else if (!context.asks && context.offers_alternatives &&
               static_cast<int>(s) == journey_.alternative_stage) {
      // Two options named side by side, not asked: weighing them.
      score += kChoiceWeight;
      evidence.push_back("stage-choice");
    }
    if (score > 0 && score >= best_score) {  // >=: a tie goes to the later stage
      best_score = score;
      a->stage = static_cast<int>(s);
      best_evidence = std::move(evidence);
      best_spans = std::move(spans);
    }
  }
  if (a->stage >= 0) {
    a->stage_evidence = std::move(best_evidence);
    a->stage_spans = std::move(best_spans);
  } else if (a->best >= 0 && journey_.touchpoints[a->best].stage >= 0) {
    a->stage = journey_.touchpoints[a->best].stage;
    a->stage_evidence = {"stage-of:" + journey_.touchpoints[a->best].id};
  } else if (journey_.default_stage >= 0) {
    a->stage = journey_.default_stage;
    a->stage_evidence = {"stage-default"};
  }
}

std::string Assigner::TouchpointsJson(const Assignment& a) const {
  std::string out = "[";
  for (const TouchpointScore& s : a.touchpoints) {
    if (out.size() > 1) out.push_back(',');
    out.append("{\"id\":");
    support::AppendJsonString(&out, journey_.touchpoints[s.touchpoint].id);
    out.append(",\"confidence\":");
    support::AppendJsonNumber(&out, s.confidence);
    out.append(",\"evidence\":[");
    for (size_t i = 0; i < s.evidence.size(); ++i) {
      if (i > 0) out.push_back(',');
      support::AppendJsonString(&out, s.evidence[i]);
    }
    out.append("]}");
  }
  out.push_back(']');
  return out;
}

}  // namespace cxmap::journey
