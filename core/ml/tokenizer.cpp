// SPDX-License-Identifier: Apache-2.0
#include "core/ml/tokenizer.h"

#include "core/text/text_analyzer.h"
#include "cxmap/model_tokens.h"

namespace cxmap::core::ml {

std::string DefaultTokenize(std::string_view text) {
  // One analyzer per thread: it owns ICU iterators and buffers that are not
  // thread-safe and are costly to create per text.
  thread_local TextAnalyzer analyzer;
  const TextAnalysis& a = analyzer.Analyze(text);
  std::string out;
  // The same joining as cxmap::ModelTokens, over the core's own analysis
  // (the SDK view of it has the same keys: core/text/text_services_abi.cpp).
  for (const Token& t : a.tokens) cxmap::AppendModelTokenPieces(a.key(t), out);
  if (!std::string_view(a.language.tag).starts_with("vi")) return out;
  cxmap::AppendExactHalf(
      0, a.tokens.size(), [&](size_t t) { return a.key(a.tokens[t]); },
      [&](size_t t) { return a.exact(a.tokens[t]); },
      [&](size_t t) { return a.tokens[t].kind == TokenKind::kWord; }, out);
  return out;
}

Tokenizer DefaultTokenizer() { return &DefaultTokenize; }

}  // namespace cxmap::core::ml
