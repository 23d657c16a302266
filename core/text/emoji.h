// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace cxmap::core {

/// Emoji and emoticon recognition on lower-cased matching-form text, run
/// before word segmentation because ICU's word breaker gives emoji rule
/// status "none" (a words-only filter drops them) and shreds emoticons into
/// punctuation (":)" → ":" ")"). Stateless, thread-safe.
class EmojiScanner {
 public:
  /// Length in bytes of the emoji sequence starting at `s[i]` (Extended
  /// Pictographic, with VS16, skin tones and ZWJ joins; or a regional-
  /// indicator flag pair), 0 if none.
  static size_t EmojiAt(std::string_view s, size_t i);
  /// Length of the emoticon starting at `s[i]` (":)", ":((", "=))", "^^",
  /// "t_t", "<3", ":'(" …, trailing repeats included), 0 if none. The caller
  /// checks that `i` starts a token.
  static size_t EmoticonAt(std::string_view s, size_t i);
  /// Whether a folded Latin word is laughter ("haha", "hihi", "hehe",
  /// "kkk", "lol") or `digits` is Thai laughter ("555", "5555").
  static bool IsLaughterWord(std::string_view folded);
  static bool IsThaiLaughter(std::string_view digits);
};

}  // namespace cxmap::core
