// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

struct _ThBrk;

namespace cxmap::core {

/// Thai word segmentation with libthai (dictionary maximal matching).
/// Chosen over ICU's word BreakIterator: word F1 0.918 vs 0.910 on
/// tests/data/segmentation/th.txt (bench/seg_eval; the margin is small),
/// ICU splits sentiment words (ผิดหวัง → ผิด|หวัง, ประทับใจ → ประทับ|ใจ)
/// and only libthai takes domain words at run time. libthai is the costliest
/// step of analysing a Thai text. One instance per thread (ThBrk is not
/// shareable).
class ThaiSegmenter {
 public:
  /// Uses the dictionary set by AddDomainWords(), else libthai's default.
  ThaiSegmenter();
  ~ThaiSegmenter();
  ThaiSegmenter(const ThaiSegmenter&) = delete;
  ThaiSegmenter& operator=(const ThaiSegmenter&) = delete;

  /// Appends to `breaks` the byte offsets (relative to `thai`) where words
  /// end inside `thai`, which must hold only Thai code points (U+0E01..0E5B);
  /// the final end is included.
  void Segment(std::string_view thai, std::vector<size_t>* breaks);

  /// Adds words (UTF-8 Thai) to the process-wide dictionary: libthai's
  /// default plus every word added so far, written to a private temp file.
  /// Affects segmenters created afterwards. Thread-safe; costs a few ms.
  static Status AddDomainWords(const std::vector<std::string>& words);

 private:
  _ThBrk* brk_;
  std::string tis_;
  std::vector<int> pos_;
  std::vector<size_t> char_bytes_;
};

}  // namespace cxmap::core
