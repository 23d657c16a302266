// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace cxmap::core {

/// Small built-in word lists the text services need before any lexicon is
/// loaded, written for this project (no third-party data). Built once,
/// read-only, thread-safe. Keys are folded (lower case, no diacritics).
class WordLists {
 public:
  static const WordLists& Get();
  /// A common Vietnamese syllable, folded ("giao", "hang", "khong"); words
  /// that are also common English words ("to", "me", "do") are excluded.
  bool IsViSyllable(std::string_view folded) const;
  /// A common English function or feedback word ("the", "slow", "refund").
  bool IsEnglishWord(std::string_view folded) const;
  /// Both of the above in one lookup.
  void Classify(std::string_view folded, bool* vi, bool* en) const;
  /// Whether `first` + " " + `second` (folded syllables) is a Vietnamese
  /// compound word ("giao hang", "nhan vien"); `third` may extend it (or be
  /// empty). Returns the number of syllables of the longest compound (0, 2, 3).
  int ViCompoundLength(std::string_view first, std::string_view second,
                       std::string_view third) const;

 private:
  WordLists();
  struct Impl;
  const Impl* impl_;
};

}  // namespace cxmap::core
