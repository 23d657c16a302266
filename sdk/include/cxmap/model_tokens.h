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

/// The model input for tokens [first, first + count) of `analysis`: the
/// folded key of every token (lower case, no Vietnamese diacritics,
/// Simplified Chinese, emoji without modifiers) joined with single spaces.
/// Vietnamese compounds contribute their syllables ("giao hang"); Thai and
/// Chinese words come from the host's segmenters; punctuation, emoji and
/// emoticons are tokens of their own. Pure; thread-safe.
inline std::string ModelTokens(const TextAnalysis& analysis, size_t first, size_t count) {
  std::string out;
  size_t end = std::min(analysis.tokens.size(), first + count);
  for (size_t t = first; t < end; ++t) AppendModelTokenPieces(FromC(analysis.tokens[t].key), out);
  return out;
}

inline std::string ModelTokens(const TextAnalysis& analysis) {
  return ModelTokens(analysis, 0, analysis.tokens.size());
}

}  // namespace cxmap
