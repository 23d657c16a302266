// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cxmap::core {

/// Chinese word segmentation: jieba-style DAG over every dictionary word
/// starting at each character, best path by unigram log-probability, on
/// jieba's dict.txt (python3-jieba, MIT, 349k words; read at first use from
/// $CXMAP_JIEBA_DICT or the Debian path) plus domain words, held in a
/// double-array trie (KeyTrie). Chosen over ICU's dictionary breaker: word
/// F1 0.877 vs 0.753 on zh-Hans, 0.888 vs 0.785 on zh-Hant
/// (tests/data/segmentation, bench/seg_eval; ICU splits 客服, 外卖, 退货).
/// Traditional input must be folded to
/// Simplified first (1:1, so character positions are unchanged). Without
/// the dictionary every Han character is a word; lexicon matching still
/// works because it matches raw spans across tokens.
/// The dictionary is shared and read-only after loading: thread-safe.
class ChineseSegmenter {
 public:
  static const ChineseSegmenter& Get();

  /// Appends to `breaks` the byte offsets (relative to `han`) where words
  /// end; `han` holds Simplified Han characters only. Uses `scratch`.
  void Segment(std::string_view han, std::vector<size_t>* breaks,
               std::vector<double>* scratch) const;
  /// Adds words with a frequency high enough to win (thread-safe; affects
  /// later calls). Returns false while the dictionary is missing.
  static bool AddDomainWords(const std::vector<std::string>& simplified_words);
  bool loaded() const;
  /// Distinct words in the dictionary, domain words included.
  size_t size() const;

 private:
  ChineseSegmenter();
  /// Reads the dictionary and the domain words added so far, once.
  void Load() const;
  void LoadLocked() const;
  struct Impl;
  Impl* impl_;
};

}  // namespace cxmap::core
