// SPDX-License-Identifier: Apache-2.0
#include "quadrant_decider.h"

#include <algorithm>
#include <unordered_map>

namespace cxmap::empathy {

namespace {

// Priority of the non-residual quadrants, used for ties and for strong cues.
constexpr std::array<Quadrant, 3> kPriority = {Quadrant::kFeels, Quadrant::kThinks, Quadrant::kDoes};
constexpr double kStrong = 1.0;

bool IsCue(const Hit& h, Quadrant q) { return h.cue->role == CueRole::kCue && h.cue->quadrant == q; }

bool IsRequest(const Hit& h) { return IsCue(h, Quadrant::kSays) && h.cue->item == "request"; }

// Whether the action at `index` is someone else's: the nearest subject-like
// hit before it in its clause is an agent ("shipper gọi", "they cancelled",
// 被取消, "nhân viên bảo … gọi lại").
bool ActionOfSomeoneElse(std::span<const Hit> hits, size_t index) {
  for (size_t j = index; j-- > 0;) {
    const Hit& h = hits[j];
    if (h.clause != hits[index].clause) return false;
    if (h.cue->role == CueRole::kSelf) return false;
    if (h.cue->role == CueRole::kAgent || h.cue->agent_too) return true;
  }
  return false;
}

Emotion EmotionOf(const Hit& h) { return h.negated ? h.cue->negated_emotion : h.cue->emotion; }

std::string Describe(const Hit& h) {
  std::string s = std::string(QuadrantName(h.cue->quadrant)) + ":" + std::string(h.text);
  if (IsCue(h, Quadrant::kFeels)) {
    s += "(" + std::string(EmotionName(EmotionOf(h)));
    if (h.negated) s += ",negated" + (h.negator.empty() ? std::string() : ":" + std::string(h.negator));
    s += ")";
  } else if (h.negated && !h.negator.empty()) {
    s += "(negated:" + std::string(h.negator) + ")";
  }
  return s;
}

Emotion DominantEmotion(const std::vector<std::pair<Emotion, double>>& votes) {
  Emotion best = Emotion::kNone;
  double best_score = 0;
  for (size_t i = 0; i < votes.size(); ++i) {
    if (votes[i].first == Emotion::kNone) continue;
    double score = 0;
    for (const auto& [e, w] : votes) score += e == votes[i].first ? w : 0;
    if (score > best_score) best = votes[i].first, best_score = score;  // ties: earliest
  }
  return best;
}

}  // namespace

SentenceVerdict DecideSentence(std::span<const Hit> hits, bool question) {
  bool request = std::any_of(hits.begin(), hits.end(), IsRequest);
  std::vector<bool> counts(hits.size(), false);
  std::array<double, kQuadrantCount> score{};
  bool set_aside = false;
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    if (h.cue->role != CueRole::kCue || h.cue->quadrant == Quadrant::kSays) continue;
    if (h.cue->quadrant == Quadrant::kDoes && (request || ActionOfSomeoneElse(hits, i))) {
      set_aside = true;
      continue;
    }
    counts[i] = true;
    score[static_cast<int>(h.cue->quadrant)] += h.cue->weight;
  }
  Quadrant chosen = Quadrant::kSays;
  auto it = std::find_if(kPriority.begin(), kPriority.end(),
                         [&](Quadrant q) { return score[static_cast<int>(q)] >= kStrong; });
  if (it != kPriority.end()) {
    chosen = *it;
  } else {
    double best = 0;
    for (Quadrant q : kPriority) {
      if (score[static_cast<int>(q)] > best) best = score[static_cast<int>(q)], chosen = q;
    }
  }

  SentenceVerdict v;
  v.quadrant = chosen;
  v.action_not_the_customers = set_aside;
  const Hit* top = nullptr;
  std::vector<std::pair<Emotion, double>> votes;
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    bool votes_for_chosen = chosen == Quadrant::kSays ? IsCue(h, Quadrant::kSays)
                                                      : counts[i] && h.cue->quadrant == chosen;
    if (votes_for_chosen || counts[i]) {
      v.spans.push_back({h.begin, h.begin + h.text.size(), static_cast<uint32_t>(v.evidence.size())});
    }
    if (votes_for_chosen) {
      v.evidence.push_back(Describe(h));
      if (top == nullptr || h.cue->weight > top->cue->weight) top = &h;
      if (chosen == Quadrant::kFeels) votes.emplace_back(EmotionOf(h), h.cue->weight);
    } else if (counts[i]) {
      // Outranked by the tie-break: kept so the reader sees both readings.
      v.evidence.push_back("also-" + Describe(h));
    }
  }
  if (chosen == Quadrant::kFeels) v.emotion = DominantEmotion(votes);
  if (top != nullptr) {
    v.item = (top->negated && chosen == Quadrant::kFeels ? "not " : "") + top->cue->item;
  } else {
    v.item = question ? "question" : "statement";
  }
  return v;
}

RecordVerdict DecideRecord(std::span<const SentenceVerdict> sentences) {
  RecordVerdict r;
  for (const SentenceVerdict& s : sentences) ++r.counts[static_cast<int>(s.quadrant)];
  int best = 0;
  for (Quadrant q : kPriority) {
    if (r.counts[static_cast<int>(q)] > best) best = r.counts[static_cast<int>(q)], r.quadrant = q;
  }
  std::vector<std::pair<Emotion, double>> votes;
  std::unordered_map<std::string, uint32_t> index;  // evidence -> its place in r.evidence
  for (const SentenceVerdict& s : sentences) {
    if (s.quadrant == Quadrant::kFeels) votes.emplace_back(s.emotion, 1.0);
    if (s.quadrant != r.quadrant) continue;
    std::vector<uint32_t> at(s.evidence.size(), UINT32_MAX);  // sentence index -> record index
    for (size_t k = 0; k < s.evidence.size(); ++k) {
      const std::string& e = s.evidence[k];
      if (e.rfind("also-", 0) == 0) continue;
      auto [it, added] = index.try_emplace(e, static_cast<uint32_t>(r.evidence.size()));
      at[k] = it->second;
      if (added) r.evidence.push_back(e);
    }
    for (const EvidenceSpan& span : s.spans) {
      if (at[span.evidence] != UINT32_MAX) r.spans.push_back({span.begin, span.end, at[span.evidence]});
    }
  }
  r.emotion = DominantEmotion(votes);
  return r;
}

}  // namespace cxmap::empathy
