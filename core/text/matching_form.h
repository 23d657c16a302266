// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cxmap::core {

/// The matching form of a text: ICU NFKC (full-width → ASCII, ① → 1, ideographic
/// space → space) followed by fix-ups where NFKC or typing habits hurt:
///  - Thai SARA AM: U+0E4D U+0E32 (what NFKC makes of ำ, and how much real
///    Thai text arrives, "ทํา") is always recomposed to U+0E33, also across a
///    tone mark (นํ้า → น้ำ);
///  - elongation collapsed: runs of one Thai letter or mark → 1 (except รร,
///    a real spelling), other letters → 2 ("sooo" → "soo"), plain vowels
///    after the same accented vowel dropped ("quáaaa" → "quá"); digits never
///    (555, prices stay);
///  - lower case per code point (u_tolower), which unlike NFKC_Casefold keeps
///    ZWJ and VS16, so emoji sequences survive.
/// Every output byte remembers the byte offset of its source in the original,
/// so tokens found in the matching form point into the caller's text.
/// One instance per thread; buffers are reused between calls.
class MatchingForm {
 public:
  /// Rebuilds from `text` (UTF-8; invalid bytes become U+FFFD).
  void Build(std::string_view text);
  const std::string& text() const { return out_; }
  /// Original byte offset of matching-form byte offset `i` (0 ≤ i ≤ size),
  /// `i` being the start of a character or the end.
  uint32_t SourceOffset(size_t i) const { return same_offsets_ ? uint32_t(i) : src_[i]; }
  /// Whether text() holds a Latin letter with a diacritic or a combining mark
  /// (U+00C0..024F, U+1E00..1EFF, U+0300..036F), noted while building.
  bool has_latin_diacritic() const { return latin_diacritic_; }

 private:
  void FixUp(std::string_view nfkc, bool identity);
  void Emit(char32_t cp, uint32_t source);
  void StopSameOffsets(size_t done);

  std::string nfkc_;
  std::vector<uint32_t> nfkc_src_;  // nfkc byte → original byte, when changed
  std::string out_;            // sized for the worst case while building
  size_t size_ = 0;            // bytes of out_ written while building
  std::vector<uint32_t> src_;  // out_ byte → original byte; unused while same_offsets_
  bool same_offsets_ = false;  // output byte i came from input byte i
  bool latin_diacritic_ = false;
  uint32_t source_size_ = 0;
};

}  // namespace cxmap::core
