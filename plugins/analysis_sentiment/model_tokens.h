// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>

#include "cxmap/text.h"

namespace cxmap::sentiment {

/// The text a fastText sentiment model sees, built from the host's text
/// services so that prediction tokenises exactly as training must: the
/// folded key of every token in [first, first + count) (lower case, no
/// Vietnamese diacritics, Simplified Chinese, emoji without modifiers),
/// joined with single spaces. Vietnamese compounds contribute their
/// syllables ("giao hang"); Thai and Chinese words come from the host's
/// segmenters; punctuation, emoji and emoticons are tokens of their own.
/// Whitespace inside a key becomes a separator; tokens fastText would read
/// as a label ("__label__…") are dropped. Pure function; thread-safe.
///
/// A model is only as good as this contract: `cxmap train` must build its
/// training lines with the same function (see the plugin README).
std::string ModelTokens(const TextAnalysis& analysis, size_t first, size_t count);

/// All tokens of `analysis`.
inline std::string ModelTokens(const TextAnalysis& analysis) {
  return ModelTokens(analysis, 0, analysis.tokens.size());
}

}  // namespace cxmap::sentiment
