// SPDX-License-Identifier: Apache-2.0
// Token helpers shared by the context rules (context_rules.cpp: questions,
// wishes, negation; complaint_rules.cpp: waits and stuck complaints).
// Internal to the plugin.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "cxmap/text.h"
#include "scorer.h"

namespace cxmap::sentiment::context {

using Words = std::initializer_list<std::string_view>;

inline bool In(std::string_view key, Words words) {
  return std::find(words.begin(), words.end(), key) != words.end();
}

inline std::string_view Key(const TextAnalysis& a, size_t t) { return FromC(a.tokens[t].key); }

// The key with Vietnamese diacritics kept where the host gives it ("chờ",
// not "cho"); else the folded key.
inline std::string_view Exact(const TextAnalysis& a, size_t t) {
  if (t < a.exact_keys.size() && a.exact_keys[t].size > 0) return FromC(a.exact_keys[t]);
  return Key(a, t);
}

inline bool IsWord(const TextAnalysis& a, size_t t) {
  return a.tokens[t].kind == CXMAP_TOKEN_WORD || a.tokens[t].kind == CXMAP_TOKEN_NUMBER;
}

inline bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A negator that says "no need" rather than "did not happen" (context_rules.cpp).
bool IsNeedless(const TextAnalysis& a, const Cue& neg, std::string_view group);

/// Appends a rule's cue over tokens [first, last] of one sentence, with
/// `weight` as its base and final weight.
inline void AddSpanCue(const TextAnalysis& a, std::string_view text, size_t first, size_t last,
                       double weight, std::vector<Cue>* cues) {
  Cue c;
  c.begin = a.tokens[first].begin;
  c.text = text.substr(c.begin, a.tokens[last].end - c.begin);
  c.base_weight = c.final_weight = weight;
  c.sentence = a.tokens[first].sentence;
  c.first_token = first;
  c.token_count = last - first + 1;
  cues->push_back(c);
}

/// Restores text order after cues were appended past `before`.
inline void SortAppendedCues(size_t before, std::vector<Cue>* cues) {
  if (cues->size() == before) return;
  std::stable_sort(cues->begin(), cues->end(),
                   [](const Cue& x, const Cue& y) { return x.text.data() < y.text.data(); });
}

}  // namespace cxmap::sentiment::context
