// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace cxmap::core {

/// How a Han character relates to the two Chinese scripts (OpenCC tables).
enum class HanClass { kNeutral = 0, kTraditional = 1, kSimplified = 2 };

/// Folding for lexicon matching: one key for every spelling of a word.
/// Tables are built once (first use, thread-safe) and then read-only, so
/// every function here is thread-safe and allocation-free except for output.
class Folder {
 public:
  /// The process-wide instance.
  static const Folder& Get();

  /// Appends the folded form of matching-form text `in` to `out`: lower
  /// case; Vietnamese (and other Latin) diacritics removed, đ→d, combining
  /// marks dropped; Traditional Han → Simplified (1:1, OpenCC TSCharacters
  /// plus overrides); emoji variation selectors and skin tones dropped.
  /// Everything else is copied.
  void FoldAppend(std::string_view in, std::string* out) const;
  std::string Fold(std::string_view in) const {
    std::string out;
    FoldAppend(in, &out);
    return out;
  }
  /// FoldAppend, returning FoldIsSimplify(in) from the same pass.
  bool FoldAppendIsSimplify(std::string_view in, std::string* out) const;
  /// Appends `in` with Traditional → Simplified and lower case only:
  /// the "exact" key that still tells tệ from tê.
  void SimplifyAppend(std::string_view in, std::string* out) const;

  /// Whether FoldAppend and SimplifyAppend give the same bytes for `in`
  /// because it holds only ASCII, Thai and Han (no diacritics to keep apart).
  static bool FoldIsSimplify(std::string_view in);

  /// One code point folded (lower case, no diacritics, Simplified). Returns
  /// 0 for a code point that folds to nothing (a combining mark).
  char32_t FoldChar(char32_t c) const {
    if (c < 0x250) return latin_[c];  // inline for the common cases
    if (c >= 0x3400 && c < 0xA000) return han_[c - 0x3400];
    return FoldCharSlow(c);
  }
  HanClass ClassOf(char32_t c) const;
  /// u_tolower(c), from a table for U+0000..024F and U+1E00..1EFF (every
  /// Vietnamese letter) and from ICU for the rest.
  char32_t LowerChar(char32_t c) const {
    if (c < 0x250) return lower_latin_[c];
    if (c >= 0x1E00 && c <= 0x1EFF) return lower_vietnamese_[c - 0x1E00];
    return LowerSlow(c);
  }

 private:
  Folder();
  char32_t SimplifyChar(char32_t c) const;
  static char32_t LowerSlow(char32_t c);
  char32_t FoldCharSlow(char32_t c) const;

  char32_t latin_[0x250];       // U+0000..U+024F → folded
  char32_t vietnamese_[0x100];  // U+1E00..U+1EFF → folded
  char32_t lower_latin_[0x250];       // u_tolower of U+0000..U+024F
  char32_t lower_vietnamese_[0x100];  // u_tolower of U+1E00..U+1EFF
  char32_t han_[0xA000 - 0x3400];
  unsigned char han_class_[0xA000 - 0x3400];
};

}  // namespace cxmap::core
