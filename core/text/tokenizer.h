// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/text_analysis.h"
#include "core/text/thai_segmenter.h"

namespace cxmap::core {

/// A token found in the matching form: bytes [begin, end) of that form.
struct RawToken {
  uint32_t begin, end;
  TokenKind kind;
};

/// Splits matching-form text into raw tokens: emoji and emoticons first,
/// then Latin words, numbers, Thai words (maximal matching), Chinese words (jieba
/// DAG on the Simplified fold), other letters, punctuation. Whitespace is
/// dropped. One instance per thread (it owns a Thai segmenter and buffers).
class Tokenizer {
 public:
  /// `thai_laughter`: whether "555" counts as laughter (Thai context).
  void Tokenize(std::string_view m, bool thai_laughter, std::vector<RawToken>* out);
  /// Whether Chinese segmentation uses the words plugins added (default).
  void set_domain_words(bool on) { domain_words_ = on; }

 private:
  size_t ScanThai(std::string_view m, size_t i, std::vector<RawToken>* out);
  size_t ScanHan(std::string_view m, size_t i, std::vector<RawToken>* out);
  size_t ScanLatin(std::string_view m, size_t i, std::vector<RawToken>* out);

  ThaiSegmenter thai_;
  std::vector<size_t> breaks_;
  std::string simplified_;
  std::vector<uint32_t> han_offsets_;
  std::vector<uint32_t> simplified_starts_;
  std::vector<double> scratch_;
  std::string folded_;
  bool domain_words_ = true;
};

}  // namespace cxmap::core
