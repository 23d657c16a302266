// SPDX-License-Identifier: Apache-2.0
// The text preparation a fastText model sees: lower-cased, space-separated
// tokens. fastText splits only on whitespace, so scripts written without
// spaces (Thai, Chinese) must be segmented first.
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

/// The default preparation: full Unicode lower-casing (ICU), then each
/// whitespace-separated chunk that contains Thai or Han letters is split
/// with ICU's dictionary word BreakIterator; other chunks are kept whole
/// (punctuation stays attached; fastText's character n-grams cope). Emoji
/// and emoticons survive as tokens. Tokens that fastText would read as a
/// label (`__label__…`) are dropped. Invalid UTF-8 becomes U+FFFD.
/// Thread-safe: one BreakIterator per thread, created on first use and
/// reused (creating one per text costs 3-8x, see shared notes).
std::string DefaultTokenize(std::string_view text);

/// `DefaultTokenize` as a `Tokenizer`. The core text services will replace
/// this with their segmenter; callers should take a `Tokenizer`, not call
/// `DefaultTokenize` directly.
Tokenizer DefaultTokenizer();

}  // namespace cxmap::core::ml
