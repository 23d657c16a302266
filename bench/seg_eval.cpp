// SPDX-License-Identifier: Apache-2.0
// Word segmentation quality: ICU's dictionary word breaker (the baseline)
// against cxmap's segmenters (maximal matching over libthai's dictionary for
// Thai; the jieba DAG on the Simplified fold for both Chinese scripts) on the
// project's gold sets.
//   seg_eval [gold_dir]   (default: tests/data/segmentation in the source tree)
#include <cstdio>
#include <string>

#include "core/text/chinese_segmenter.h"
#include "core/text/segmentation_score.h"
#include "core/text/text_analyzer.h"

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : CXMAP_SEGMENTATION_GOLD_DIR;
  cxmap::core::TextAnalyzer analyzer;
  if (!cxmap::core::ChineseSegmenter::Get().loaded()) {
    std::fprintf(stderr, "seg_eval: no jieba dictionary (python3-jieba): Chinese falls back to characters\n");
  }
  std::printf("%-8s %-6s %9s %9s %9s %9s  (%s)\n", "lang", "who", "precision", "recall", "F1", "words", dir.c_str());
  for (const char* lang : {"th", "zh-Hans", "zh-Hant"}) {
    for (auto who : {cxmap::core::Segmenter::kIcu, cxmap::core::Segmenter::kCxmap}) {
      auto score = cxmap::core::ScoreSegmentation(dir + "/" + lang + ".txt", lang, who, &analyzer);
      if (!score.ok()) return std::fprintf(stderr, "seg_eval: %s\n", score.status().ToString().c_str()), 1;
      const char* name = who == cxmap::core::Segmenter::kIcu ? "ICU" : (lang[0] == 't' ? "maxmatch" : "jieba");
      std::printf("%-8s %-7s %9.3f %9.3f %9.3f %9zu\n", lang, name, score->Precision(), score->Recall(),
                  score->F1(), score->gold);
    }
  }
  return 0;
}
