// SPDX-License-Identifier: Apache-2.0
#include "model_tokens.h"

#include <algorithm>
#include <string_view>

namespace cxmap::sentiment {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Appends the whitespace-separated pieces of `key`; fastText splits on
// whitespace only, so a key is never allowed to carry its own.
void AppendPieces(std::string_view key, std::string& out) {
  size_t i = 0;
  while (i < key.size()) {
    while (i < key.size() && IsSpace(key[i])) ++i;
    size_t begin = i;
    while (i < key.size() && !IsSpace(key[i])) ++i;
    std::string_view piece = key.substr(begin, i - begin);
    if (piece.empty() || piece.starts_with("__label__")) continue;
    if (!out.empty()) out.push_back(' ');
    out.append(piece);
  }
}

}  // namespace

std::string ModelTokens(const TextAnalysis& analysis, size_t first, size_t count) {
  std::string out;
  size_t end = std::min(analysis.tokens.size(), first + count);
  for (size_t t = first; t < end; ++t) AppendPieces(FromC(analysis.tokens[t].key), out);
  return out;
}

}  // namespace cxmap::sentiment
