// SPDX-License-Identifier: Apache-2.0
#include "rules.h"

#include <string_view>

namespace cxmap::sentiment {

namespace {

bool IsScoring(const Cue& c) {
  return (c.kind == CueKind::kCue || c.kind == CueKind::kEmoji) && c.base_weight != 0;
}

// True when the token after `last` is in the same sentence and is a word
// (not punctuation, not the end): a negator there starts a statement.
bool FollowedByWord(const TextAnalysis& a, size_t last) {
  size_t next = last + 1;
  if (next >= a.tokens.size() || a.tokens[next].sentence != a.tokens[last].sentence) return false;
  return a.tokens[next].kind != CXMAP_TOKEN_PUNCT;
}

bool SentenceAsks(const TextAnalysis& a, uint32_t sentence) {
  if (sentence >= a.sentences.size()) return false;
  const cxmap_sentence& s = a.sentences[sentence];
  for (size_t t = s.first_token; t < s.first_token + s.token_count && t < a.tokens.size(); ++t) {
    std::string_view key = FromC(a.tokens[t].key);
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT && key.find('?') != std::string_view::npos) return true;
  }
  return false;
}

bool IsWishModal(std::string_view key) {
  static constexpr std::string_view kModals[] = {"would", "could", "should", "would've",
                                                 "could've", "should've", "wish", "wished"};
  for (std::string_view m : kModals) {
    if (key == m) return true;
  }
  return false;
}

// Whether one of the kWishReach tokens before `first`, in its sentence, is
// a wish modal.
bool AfterWish(const TextAnalysis& a, size_t first) {
  for (size_t back = 1; back <= kWishReach && back <= first; ++back) {
    const cxmap_token& t = a.tokens[first - back];
    if (t.sentence != a.tokens[first].sentence || t.kind == CXMAP_TOKEN_PUNCT) return false;
    if (IsWishModal(FromC(t.key))) return true;
  }
  return false;
}

}  // namespace

void ApplyRules(const TextAnalysis& a, std::string_view group, std::vector<Cue>* cues) {
  std::vector<Cue>& cs = *cues;
  for (Cue& c : cs) {
    // The matcher flipped it with x -0.75; "not bad" is only faintly good.
    if (c.negated && c.base_weight < 0) c.final_weight *= kNegatedNegativeScale;
  }
  for (size_t i = 0; i < cs.size(); ++i) {
    Cue& neg = cs[i];
    if (neg.kind != CueKind::kNegator || neg.token_count == 0) continue;
    // The negator is used when the next scoring cue, before any other
    // negator, was negated by the matcher.
    bool used = false;
    for (size_t j = i + 1; j < cs.size() && cs[j].kind != CueKind::kNegator; ++j) {
      if (IsScoring(cs[j])) {
        used = cs[j].negated;
        break;
      }
    }
    if (used) continue;
    // Vietnamese ends yes/no questions with không / chưa ("có giao không").
    if (group == "vi" && !FollowedByWord(a, neg.first_token + neg.token_count - 1)) continue;
    if (SentenceAsks(a, neg.sentence)) continue;
    neg.bare_negation = true;
    neg.final_weight = kBareNegation;
  }
  if (group == "en") {
    for (Cue& c : cs) {
      if (IsScoring(c) && c.final_weight > 0 && !c.negated && AfterWish(a, c.first_token)) {
        c.final_weight *= kWishScale;
      }
    }
  }
}

}  // namespace cxmap::sentiment
