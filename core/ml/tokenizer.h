// SPDX-License-Identifier: Apache-2.0
// The text preparation a fastText model sees: space-separated tokens.
// fastText splits only on whitespace, so scripts written without spaces
// (Thai, Chinese) must be segmented first.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace cxmap::core::ml {

/// Turns raw UTF-8 text into the space-separated token string a model is
/// trained on and queried with. A model must be queried with the same
/// tokenizer it was trained with. Implementations must be safe to call from
/// several threads at once and must not throw.
using Tokenizer = std::function<std::string(std::string_view)>;

/// The default preparation, identical to what plugins get from
/// `cxmap::ModelTokens` (SDK `cxmap/model_tokens.h`) over the host's text
/// services: the core TextAnalyzer segments and folds the text (lower
/// case, no Vietnamese diacritics, Simplified Chinese; Thai and Chinese
/// words from libthai and the jieba dictionary; emoji, emoticons and
/// punctuation as tokens) and the keys are joined with single spaces.
/// Tokens fastText would read as a label (`__label__…`) are dropped.
/// Thread-safe: one analyzer per thread, created on first use.
std::string DefaultTokenize(std::string_view text);

/// `DefaultTokenize` as a `Tokenizer`.
Tokenizer DefaultTokenizer();

}  // namespace cxmap::core::ml
