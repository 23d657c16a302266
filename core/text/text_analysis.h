// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/language_id.h"

namespace cxmap::core {

/// What a token is. Values are part of the C ABI (cxmap_token_kind).
enum class TokenKind : uint8_t {
  kWord = 0,      // a word; Vietnamese compounds span several syllables
  kNumber = 1,    // digits (prices, quantities); never elongation-collapsed
  kPunct = 2,     // punctuation; ends negation scopes
  kEmoji = 3,     // one emoji sequence (ZWJ, skin tone, flag pair kept whole)
  kEmoticon = 4,  // ":)", "=))", "t_t", "<3" …
  kLaughter = 5,  // "haha", "hihi", "kkk", Thai "555", 哈哈
};

/// A token. Offsets are bytes into the caller's original text; keys are
/// views into TextAnalysis::keys (see key()/exact()).
struct Token {
  uint32_t begin = 0, end = 0;
  uint32_t key_begin = 0, key_size = 0;      // folded key
  uint32_t exact_begin = 0, exact_size = 0;  // lower case + Simplified, diacritics kept
  uint32_t sentence = 0;
  uint16_t run = 0;  // index into language.runs
  TokenKind kind = TokenKind::kWord;
  uint8_t syllables = 1;  // >1 for a Vietnamese compound ("giao hàng")
};

/// A sentence: bytes [begin, end) of the original and its tokens.
struct Sentence {
  uint32_t begin = 0, end = 0;
  uint32_t first_token = 0, token_count = 0;
};

/// Everything TextAnalyzer found in one text. Owned by the analyzer and
/// valid until its next Analyze() call.
struct TextAnalysis {
  std::string_view text;  // the caller's text (not copied)
  LanguageResult language;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::string keys;  // arena of every token's keys
  bool has_diacritics = false;  // any Vietnamese-specific letter in the text
  /// Unique per Analyze() call of any analyzer in the process (0: never
  /// analysed). LexiconMatcher reuses the lexicon-independent part of its
  /// units while this stays the same, so code that edits an analysis must
  /// set it to 0.
  uint64_t serial = 0;

  std::string_view key(const Token& t) const { return {keys.data() + t.key_begin, t.key_size}; }
  std::string_view exact(const Token& t) const {
    return {keys.data() + t.exact_begin, t.exact_size};
  }
  std::string_view surface(const Token& t) const { return text.substr(t.begin, t.end - t.begin); }
};

}  // namespace cxmap::core
