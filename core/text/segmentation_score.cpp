// SPDX-License-Identifier: Apache-2.0
#include "core/text/segmentation_score.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <utility>
#include <vector>

#include "core/text/text_analyzer.h"

namespace cxmap::core {
namespace {

using Spans = std::vector<std::pair<uint32_t, uint32_t>>;

Spans IcuSpans(icu::BreakIterator* words, std::string_view text) {
  Spans out;
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  words->setText(&ut, status);
  int32_t begin = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; begin = end, end = words->next()) {
    std::string_view piece = text.substr(begin, end - begin);
    if (piece.find_first_not_of(" \t") != std::string_view::npos) out.emplace_back(begin, end);
  }
  utext_close(&ut);
  return out;
}

Spans CxmapSpans(TextAnalyzer* analyzer, std::string_view text, std::string_view lang) {
  Spans out;
  for (const Token& t : analyzer->Analyze(text, lang).tokens) out.emplace_back(t.begin, t.end);
  return out;
}

size_t Correct(const Spans& gold, const Spans& predicted) {
  size_t n = 0;
  for (const auto& span : predicted) n += std::binary_search(gold.begin(), gold.end(), span);
  return n;
}

}  // namespace

Result<SegmentationScore> ScoreSegmentation(const std::string& gold_path, std::string_view lang,
                                            Segmenter segmenter, TextAnalyzer* analyzer) {
  std::ifstream in(gold_path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + gold_path);
  std::unique_ptr<icu::BreakIterator> words;
  if (segmenter == Segmenter::kIcu) {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale(lang == "th" ? "th" : "zh"), status));
    if (U_FAILURE(status)) return Status::Internal(std::string("ICU word breaker: ") + u_errorName(status));
  }
  SegmentationScore score;
  std::string line, text;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Spans gold;
    text.clear();
    for (size_t start = 0;;) {
      size_t bar = line.find('|', start);
      std::string_view word = std::string_view(line).substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      if (word.empty()) {
        return Status::InvalidArgument(gold_path + ":" + std::to_string(line_no) + ": empty word");
      }
      gold.emplace_back(uint32_t(text.size()), uint32_t(text.size() + word.size()));
      text += word;
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    Spans predicted = segmenter == Segmenter::kIcu ? IcuSpans(words.get(), text) : CxmapSpans(analyzer, text, lang);
    score.sentences += 1;
    score.gold += gold.size();
    score.predicted += predicted.size();
    score.correct += Correct(gold, predicted);
  }
  return score;
}

}  // namespace cxmap::core
