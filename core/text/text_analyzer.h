// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <unicode/brkiter.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/text/matching_form.h"
#include "core/text/text_analysis.h"
#include "core/text/tokenizer.h"

namespace cxmap::core {

/// A per-thread workspace for the text services: owns the reusable pieces
/// (ICU sentence iterator, Thai segmenter, buffers) so analysing a text
/// allocates almost nothing. Creating one costs ~1 ms (dictionaries are
/// shared and load once per process); never create one per text.
/// Not thread-safe: one per thread. Analysis results are owned by the
/// workspace and valid until the next Analyze() on it.
class TextAnalyzer {
 public:
  TextAnalyzer();
  /// `domain_words` false: Chinese is segmented on the dictionary alone,
  /// without the words plugins added in this process (AddDomainWords), so
  /// what the core derives from text does not depend on which plugins
  /// ran before it. Such an analyzer keeps no recent analyses.
  explicit TextAnalyzer(bool domain_words);
  ~TextAnalyzer();
  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  /// Normalises, detects languages, splits sentences and tokens. `hint`
  /// ("", "vi", "th", "zh-Hans", "zh-Hant", "en") overrides the detected
  /// text language and the tag of runs in the hinted script. Any input is
  /// accepted (invalid UTF-8 bytes become U+FFFD in keys). Linear in size.
  /// A text this thread analysed lately with the same hint is copied, not
  /// analysed again (the plugins of one worker each analyse every record).
  const TextAnalysis& Analyze(std::string_view text, std::string_view hint = {});
  const TextAnalysis& last() const { return analysis_; }

 private:
  void AnalyzeUncached(std::string_view text, std::string_view hint);
  void SplitSentences(std::string_view text);
  void BuildTokens(std::string_view m);
  void GroupCompounds(std::string_view m);
  void ApplyHint(std::string_view hint);

  // Before tokenizer_: the dictionary generation its Thai segmenter took
  // (dictionaries do not change while analyzers are being made).
  const uint64_t made_at_;
  const bool domain_words_ = true;
  MatchingForm form_;
  Tokenizer tokenizer_;
  std::unique_ptr<icu::BreakIterator> sentence_iter_;
  std::vector<RawToken> raw_;
  std::vector<uint32_t> sentence_ends_;  // original offsets
  std::vector<uint32_t> run_ends_;       // matching-form offsets
  std::vector<bool> run_is_vi_;          // per language run
  TextAnalysis analysis_;
};

}  // namespace cxmap::core
