// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::core {

class TextAnalyzer;

/// Word segmentation scored against a gold file: a word counts as correct
/// when its byte span is exactly a gold word's (the usual word P/R/F1).
struct SegmentationScore {
  size_t sentences = 0, gold = 0, predicted = 0, correct = 0;
  double Precision() const { return predicted == 0 ? 0 : double(correct) / predicted; }
  double Recall() const { return gold == 0 ? 0 : double(correct) / gold; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

/// Who segments: ICU's dictionary word BreakIterator (the baseline), or
/// cxmap's tokens from TextAnalyzer (maximal matching over libthai's
/// dictionary for Thai, the jieba DAG on the Simplified fold for Chinese).
enum class Segmenter { kIcu, kCxmap };

/// Scores `segmenter` on a gold file (UTF-8, one sentence per line, words
/// separated by '|', '#' comment lines) in language `lang` ("th",
/// "zh-Hans", "zh-Hant"). Whitespace-only ICU segments are not words.
/// Errors: NotFound for a missing file, InvalidArgument naming file:line
/// for an empty word. `analyzer` is used for kCxmap (any state is reset).
Result<SegmentationScore> ScoreSegmentation(const std::string& gold_path, std::string_view lang,
                                            Segmenter segmenter, TextAnalyzer* analyzer);

}  // namespace cxmap::core
