// SPDX-License-Identifier: Apache-2.0
#include "core/text/text_analyzer.h"

#include <unicode/utext.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <string>

#include "core/text/dictionary_generation.h"
#include "core/text/fold.h"
#include "core/text/sentence_breaker.h"
#include "core/text/utf8.h"
#include "core/text/word_lists.h"

namespace cxmap::core {
namespace {

// Cloning a prototype is much cheaper than building an iterator from rules.
std::unique_ptr<icu::BreakIterator> NewSentenceIterator() {
  static std::once_flag once;
  static icu::BreakIterator* prototype = nullptr;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype = icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status);
    if (U_FAILURE(status)) prototype = nullptr;
  });
  static std::mutex mu;  // clone() reads shared state; keep it simple
  std::lock_guard<std::mutex> lock(mu);
  return std::unique_ptr<icu::BreakIterator>(prototype ? prototype->clone() : nullptr);
}

// A plain loop: the gap between two syllables is usually one space, and
// find_first_not_of pays a memchr per byte.
bool OnlySpaces(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Serials are unique across analyzers (threads), so a matcher handed
// analyses from two analyzers never mistakes one for the other.
uint64_t NextSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// The analyses of recent texts on this thread. A worker runs each analysis
// plugin over the whole batch in turn, so every text is analysed once per
// plugin with the same hint; the second and third time it is copied from
// here (a copy costs a few hundred instructions, an analysis tens of
// thousands). Direct-mapped and bounded: a slot holds the last text hashed
// to it, checked byte for byte, so a stale or colliding entry is a miss,
// never a wrong answer. The dictionaries are part of the key: the Thai
// words an analyzer took when it was made (`made_at`) and the Chinese words
// of now (the current generation). Long texts are not kept (their copy is
// not worth the memory).
class RecentAnalyses {
 public:
  static constexpr size_t kSlots = 4096;  // a batch is 2,000 records by default
  static constexpr size_t kMaxText = 2048;

  const TextAnalysis* Find(std::string_view text, std::string_view hint, uint64_t made_at) {
    if (text.size() > kMaxText || slots_.empty()) return nullptr;
    const Slot& slot = slots_[SlotOf(text, hint)];
    if (!slot.used || slot.made_at != made_at || slot.generation != DictionaryGeneration() ||
        slot.text != text || slot.hint != hint) {
      return nullptr;
    }
    return &slot.analysis;
  }

  void Keep(std::string_view text, std::string_view hint, uint64_t made_at, uint64_t generation,
            const TextAnalysis& analysis) {
    if (text.size() > kMaxText) return;
    if (slots_.empty()) slots_.resize(kSlots);
    Slot& slot = slots_[SlotOf(text, hint)];
    slot.used = true;
    slot.made_at = made_at;
    slot.generation = generation;
    slot.text.assign(text);
    slot.hint.assign(hint);
    slot.analysis = analysis;
    slot.analysis.text = slot.text;
  }

 private:
  struct Slot {
    bool used = false;
    uint64_t made_at = 0, generation = 0;
    std::string text, hint;
    TextAnalysis analysis;
  };
  static size_t SlotOf(std::string_view text, std::string_view hint) {
    return (std::hash<std::string_view>()(text) ^ (hint.size() * 0x9E3779B97F4A7C15ULL)) % kSlots;
  }
  std::vector<Slot> slots_;
};

RecentAnalyses& ThreadRecentAnalyses() {
  thread_local RecentAnalyses recent;
  return recent;
}

}  // namespace

TextAnalyzer::TextAnalyzer() : TextAnalyzer(true) {}
TextAnalyzer::TextAnalyzer(bool domain_words)
    : made_at_(DictionaryGeneration()), domain_words_(domain_words), sentence_iter_(NewSentenceIterator()) {
  tokenizer_.set_domain_words(domain_words);
}
TextAnalyzer::~TextAnalyzer() = default;

const TextAnalysis& TextAnalyzer::Analyze(std::string_view text, std::string_view hint) {
  if (!domain_words_) {  // the recent analyses were made with them
    AnalyzeUncached(text, hint);
    return analysis_;
  }
  RecentAnalyses& recent = ThreadRecentAnalyses();
  if (const TextAnalysis* seen = recent.Find(text, hint, made_at_)) {
    analysis_ = *seen;
    analysis_.text = text;
    analysis_.serial = NextSerial();
    return analysis_;
  }
  // Read before analysing: words added meanwhile make the entry stale.
  const uint64_t generation = DictionaryGeneration();
  AnalyzeUncached(text, hint);
  recent.Keep(text, hint, made_at_, generation, analysis_);
  return analysis_;
}

void TextAnalyzer::AnalyzeUncached(std::string_view text, std::string_view hint) {
  analysis_.text = text;
  analysis_.serial = NextSerial();
  analysis_.tokens.clear();
  analysis_.sentences.clear();
  analysis_.keys.clear();
  form_.Build(text);
  std::string_view m = form_.text();
  DetectLanguage(m, &analysis_.language);
  run_ends_.clear();
  bool thai = false;
  for (LanguageRun& run : analysis_.language.runs) {
    run_ends_.push_back(uint32_t(run.end));
    thai |= run.tag == "th";
    run.begin = form_.SourceOffset(run.begin);
    run.end = form_.SourceOffset(run.end);
  }
  analysis_.has_diacritics = form_.has_latin_diacritic();  // noted while building m
  raw_.clear();
  tokenizer_.Tokenize(m, thai, &raw_);
  SplitSentences(text);  // original case: ICU needs ". Nhân" capitalised
  BuildTokens(m);
  GroupCompounds(m);
  ApplyHint(hint);
}

void TextAnalyzer::SplitSentences(std::string_view m) {  // the original text
  sentence_ends_.clear();
  // SentenceBreaker gives ICU's breaks without ICU's per-text setup; ICU
  // itself decides for ill-formed UTF-8.
  if (sentence_iter_ != nullptr && !m.empty() && !SentenceBreaker::Split(m, &sentence_ends_)) {
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    // UTF-8 UText: break positions are byte offsets of `m`, no UTF-16 copy.
    utext_openUTF8(&ut, m.data(), static_cast<int64_t>(m.size()), &status);
    sentence_iter_->setText(&ut, status);
    if (U_SUCCESS(status)) {
      for (int32_t b = sentence_iter_->next(); b != icu::BreakIterator::DONE; b = sentence_iter_->next()) {
        sentence_ends_.push_back(uint32_t(b));
      }
    }
    utext_close(&ut);
  }
  if (sentence_ends_.empty() || sentence_ends_.back() < m.size()) sentence_ends_.push_back(uint32_t(m.size()));
}

void TextAnalyzer::BuildTokens(std::string_view m) {
  const Folder& folder = Folder::Get();
  size_t sentence = 0, run = 0;
  for (const RawToken& raw : raw_) {
    Token t;
    t.begin = form_.SourceOffset(raw.begin);
    while (sentence + 1 < sentence_ends_.size() && t.begin >= sentence_ends_[sentence]) ++sentence;
    while (run + 1 < run_ends_.size() && raw.begin >= run_ends_[run]) ++run;
    t.end = form_.SourceOffset(raw.end);
    t.kind = raw.kind;
    t.sentence = uint32_t(sentence);
    t.run = uint16_t(run);
    std::string_view piece = m.substr(raw.begin, raw.end - raw.begin);
    t.key_begin = uint32_t(analysis_.keys.size());
    bool same = folder.FoldAppendIsSimplify(piece, &analysis_.keys);
    t.key_size = uint32_t(analysis_.keys.size() - t.key_begin);
    if (same) {  // most tokens: one copy serves both keys
      t.exact_begin = t.key_begin, t.exact_size = t.key_size;
    } else {
      t.exact_begin = uint32_t(analysis_.keys.size());
      folder.SimplifyAppend(piece, &analysis_.keys);
      t.exact_size = uint32_t(analysis_.keys.size() - t.exact_begin);
    }
    analysis_.tokens.push_back(t);
  }
  // Sentences, in original offsets, with their token ranges.
  uint32_t begin = 0, first = 0;
  for (size_t s = 0; s < sentence_ends_.size(); ++s) {
    uint32_t last = first;
    while (last < analysis_.tokens.size() && analysis_.tokens[last].sentence == s) ++last;
    Sentence out{begin, sentence_ends_[s], first, last - first};
    if (out.token_count > 0 || analysis_.sentences.empty()) analysis_.sentences.push_back(out);
    begin = sentence_ends_[s];
    first = last;
  }
  // Renumber: sentences without tokens (blank lines) were dropped.
  for (size_t s = 0; s < analysis_.sentences.size(); ++s) {
    const Sentence& sent = analysis_.sentences[s];
    for (uint32_t k = sent.first_token; k < sent.first_token + sent.token_count; ++k) {
      analysis_.tokens[k].sentence = uint32_t(s);
    }
  }
}

// Joins Vietnamese syllables into compound words by the built-in compound
// list, on folded keys so "giao hang" and "giao hàng" group alike.
void TextAnalyzer::GroupCompounds(std::string_view m) {
  (void)m;
  auto& tokens = analysis_.tokens;
  const WordLists& lists = WordLists::Get();
  run_is_vi_.clear();
  for (const LanguageRun& run : analysis_.language.runs) run_is_vi_.push_back(run.tag == "vi");
  if (std::find(run_is_vi_.begin(), run_is_vi_.end(), true) == run_is_vi_.end()) return;  // nothing to join
  auto joinable = [&](size_t a, size_t b) {
    if (b >= tokens.size()) return false;
    const Token &x = tokens[a], &y = tokens[b];
    return y.kind == TokenKind::kWord && x.sentence == y.sentence && run_is_vi_[y.run] &&
           OnlySpaces(analysis_.text.substr(x.end, y.begin - x.end));
  };
  size_t out = 0;
  for (size_t i = 0; i < tokens.size(); ++out) {
    size_t n = 1;
    if (tokens[i].kind == TokenKind::kWord && run_is_vi_[tokens[i].run] && joinable(i, i + 1)) {
      std::string_view third = joinable(i + 1, i + 2) ? analysis_.key(tokens[i + 2]) : "";
      n = lists.ViCompoundLength(analysis_.key(tokens[i]), analysis_.key(tokens[i + 1]), third);
      if (n == 0) n = 1;
    }
    Token merged = tokens[i];
    if (n > 1) {
      merged.end = tokens[i + n - 1].end;
      merged.syllables = uint8_t(n);
      for (bool exact : {false, true}) {
        uint32_t start = uint32_t(analysis_.keys.size());
        for (size_t k = i; k < i + n; ++k) {
          if (k > i) analysis_.keys.push_back(' ');
          std::string_view part = exact ? analysis_.exact(tokens[k]) : analysis_.key(tokens[k]);
          analysis_.keys.append(part.data(), part.size());
        }
        (exact ? merged.exact_begin : merged.key_begin) = start;
        (exact ? merged.exact_size : merged.key_size) = uint32_t(analysis_.keys.size() - start);
      }
    }
    tokens[out] = merged;
    i += n;
  }
  tokens.resize(out);
  uint32_t index = 0;  // token ranges of sentences shift after merging
  for (Sentence& s : analysis_.sentences) {
    uint32_t count = 0;
    while (index + count < tokens.size() && tokens[index + count].sentence == &s - analysis_.sentences.data()) ++count;
    s.first_token = index;
    s.token_count = count;
    index += count;
  }
}

void TextAnalyzer::ApplyHint(std::string_view hint) {
  if (hint.empty() || hint == "auto") return;
  bool latin = hint == "vi" || hint == "en";
  bool han = hint == "zh-Hans" || hint == "zh-Hant";
  for (LanguageRun& run : analysis_.language.runs) {
    bool run_latin = run.tag == "vi" || run.tag == "en";
    bool run_han = run.tag == "zh-Hans" || run.tag == "zh-Hant";
    if ((latin && run_latin) || (han && run_han)) run.tag = std::string(hint);
  }
  analysis_.language.tag = std::string(hint);
}

}  // namespace cxmap::core
