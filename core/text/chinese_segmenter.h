// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core {

/// Chinese word segmentation: jieba-style DAG over every dictionary word
/// starting at each character, best path by unigram log-probability, on
/// jieba's dict.txt (python3-jieba, MIT, 349k words; from $CXMAP_JIEBA_DICT
/// or the Debian path) plus domain words, held in double-array tries
/// (KeyTrie). Chosen over ICU's dictionary breaker: word F1 0.877 vs 0.753
/// on zh-Hans, 0.888 vs 0.785 on zh-Hant (tests/data/segmentation,
/// bench/seg_eval; ICU splits 客服, 外卖, 退货).
///
/// Building the trie from the text costs about half a second, so the build
/// writes it once as an image (`cxmap_dictionary_image`, installed as
/// share/cxmap/jieba_dict.img beside the binary's folder) that loading maps
/// instead; an image made from another dict.txt (size or modification time
/// differ), or one that fails its checks, is ignored and the text is read.
/// Domain words live in a small trie of their own, so adding them never
/// rebuilds the dictionary's.
///
/// Traditional input must be folded to Simplified first (1:1, so character
/// positions are unchanged). Without the dictionary every Han character is
/// a word; lexicon matching still works because it matches raw spans across
/// tokens. Loading waits for the first text that needs it; after that the
/// dictionary is read-only and shared: thread-safe.
class ChineseSegmenter {
 public:
  /// Where the dictionary came from, once loaded.
  enum class Origin { kNone, kText, kImage };

  /// The process-wide segmenter, on the default dictionary and image.
  static const ChineseSegmenter& Get();
  /// A segmenter of its own (tests, the image tool): `dict_path` "" means
  /// no dictionary, `image_path` "" means always build from the text.
  static std::unique_ptr<ChineseSegmenter> Open(std::string dict_path, std::string image_path);
  ~ChineseSegmenter();

  /// Appends to `breaks` the byte offsets (relative to `han`) where words
  /// end; `han` holds Simplified Han characters only. Uses `scratch`.
  /// `domain_words` false: the dictionary alone, whatever plugins added.
  void Segment(std::string_view han, std::vector<size_t>* breaks, std::vector<double>* scratch,
               bool domain_words = true) const;
  /// Adds words to Get() with a frequency high enough to win (thread-safe;
  /// affects later calls). Returns false while the dictionary is missing.
  static bool AddDomainWords(const std::vector<std::string>& simplified_words);
  /// The same on this segmenter.
  bool AddWords(const std::vector<std::string>& simplified_words) const;
  bool loaded() const;
  Origin origin() const;
  /// Distinct words in the dictionary, domain words included.
  size_t size() const;
  /// Saves the dictionary (without domain words) as an image that Open()
  /// maps when it is given the same dict.txt; written to a temporary file
  /// and renamed, so a reader never sees half an image.
  Status WriteImage(const std::string& path) const;

 private:
  ChineseSegmenter(std::string dict_path, std::string image_path);
  /// Reads the dictionary, once.
  void Load() const;
  void LoadLocked() const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cxmap::core
