// SPDX-License-Identifier: Apache-2.0
// The text a supervised (fastText) model sees. One definition, shared by
// `cxmap train` in the core and by any plugin that queries a model, so
// training and prediction can never tokenise differently.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "cxmap/text.h"

namespace cxmap {

/// Appends the whitespace-separated pieces of one token key to `out`,
/// space-separated. fastText splits on whitespace only, so a key never
/// carries its own; pieces fastText would read as a label ("__label__…")
/// are dropped.
inline void AppendModelTokenPieces(std::string_view key, std::string& out) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  size_t i = 0;
  while (i < key.size()) {
    while (i < key.size() && space(key[i])) ++i;
    size_t begin = i;
    while (i < key.size() && !space(key[i])) ++i;
    std::string_view piece = key.substr(begin, i - begin);
    if (piece.empty() || piece.substr(0, 9) == "__label__") continue;
    if (!out.empty()) out.push_back(' ');
    out.append(piece);
  }
}

/// Appends the second half of a model input (see ModelTokens): nothing when
/// no word's exact key differs from its folded key; otherwise every
/// token's exact key (words) or folded key (the rest), after a space.
/// `key(t)`, `exact(t)` and `is_word(t)` read token t of [first, end).
template <typename Key, typename Exact, typename IsWord>
void AppendExactHalf(size_t first, size_t end, Key key, Exact exact, IsWord is_word,
                     std::string& out) {
  bool differs = false;
  for (size_t t = first; t < end && !differs; ++t) differs = is_word(t) && exact(t) != key(t);
  if (!differs) return;
  for (size_t t = first; t < end; ++t) AppendModelTokenPieces(is_word(t) ? exact(t) : key(t), out);
}

/// The model input for tokens [first, first + count) of `analysis`: the
/// folded key of every token (lower case, no Vietnamese diacritics,
/// Simplified Chinese, emoji without modifiers) joined with single spaces;
/// then, for a Vietnamese text (language "vi…") in which some word was
/// written with diacritics (host ABI 1.2 lends the exact keys), the same
/// tokens again with diacritics kept. Other languages get the folded half
/// only, so their models (the bundled Thai one) are unaffected.
/// So a model reads "giao hang" and "giao hàng" alike, and can still tell
/// "tệ" (bad) from "tê" (numb) where the writer typed them. Vietnamese
/// compounds contribute their syllables ("giao hang"); Thai and Chinese
/// words come from the host's segmenters; punctuation, emoji and emoticons
/// are tokens of their own. Pure; thread-safe.
inline std::string ModelTokens(const TextAnalysis& analysis, size_t first, size_t count) {
  std::string out;
  size_t end = std::min(analysis.tokens.size(), first + count);
  for (size_t t = first; t < end; ++t) AppendModelTokenPieces(FromC(analysis.tokens[t].key), out);
  if (analysis.exact_keys.size() == analysis.tokens.size() && analysis.language.starts_with("vi")) {
    AppendExactHalf(
        first, end, [&](size_t t) { return FromC(analysis.tokens[t].key); },
        [&](size_t t) { return FromC(analysis.exact_keys[t]); },
        [&](size_t t) { return analysis.tokens[t].kind == CXMAP_TOKEN_WORD; }, out);
  }
  return out;
}

inline std::string ModelTokens(const TextAnalysis& analysis) {
  return ModelTokens(analysis, 0, analysis.tokens.size());
}

}  // namespace cxmap
