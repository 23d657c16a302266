// SPDX-License-Identifier: Apache-2.0
#include "core/text/chinese_segmenter.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <shared_mutex>

#include "core/text/dictionary_generation.h"
#include "core/text/key_trie.h"
#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

constexpr size_t kMaxWordChars = 8;
constexpr const char* kDictPaths[] = {"/usr/share/python3-jieba/dict.txt",
                                      "/usr/lib/python3/dist-packages/jieba/dict.txt"};

}  // namespace

// The dictionary as a double-array trie over the words (jieba's own "prefix
// dictionary" in one structure: a walk that fails means no word starts so)
// with log-probabilities beside it. About a third of the memory of the hash
// map of words and prefixes it replaces, and the DAG scan extends a word one
// character at a time instead of hashing every candidate from its start.
struct ChineseSegmenter::Impl {
  KeyTrie trie;                 // word → index into log_prob
  std::vector<double> log_prob;
  std::string words;            // every word, back to back, to rebuild the trie
  std::vector<uint32_t> word_end;
  double total = 0;
  double min_log_prob = -20;
  mutable std::shared_mutex mu;  // writers: loading and AddDomainWords
  // Loading waits for the first text that needs it: a plugin that adds its
  // domain words at start-up (the journey's cues) and a command that never
  // meets Chinese (`echo hi | cxmap classify`) no longer pay half a second
  // for building the trie, twice.
  std::once_flag once;
  bool built = false;                    // under mu
  std::string path;                      // the dictionary file, "" if none was found
  std::vector<std::string> pending;      // domain words added before loading

  // (Re)builds from (word, log-probability) rows, views into `storage` (the
  // file text, or the old `words`), which is released as soon as the words
  // are copied to keep the loading peak low; for a word given twice the
  // last row wins, as assignment into a map would.
  void Build(std::vector<std::pair<std::string_view, double>> rows, std::string* storage) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string new_words;
    std::vector<uint32_t> new_end;
    std::vector<double> new_log_prob;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i + 1 < rows.size() && rows[i + 1].first == rows[i].first) continue;
      new_words += rows[i].first;
      new_end.push_back(uint32_t(new_words.size()));
      new_log_prob.push_back(rows[i].second);
    }
    rows = {};
    *storage = std::string();  // may be `words` itself
    words = std::move(new_words);
    word_end = std::move(new_end);
    log_prob = std::move(new_log_prob);
    std::vector<std::pair<std::string_view, int32_t>> keys;
    keys.reserve(word_end.size());
    for (size_t i = 0; i < word_end.size(); ++i) keys.emplace_back(Word(i), int32_t(i));
    if (!trie.Build(std::move(keys))) log_prob.clear();  // behaves as "no dictionary"
  }
  std::string_view Word(size_t i) const {
    size_t begin = i == 0 ? 0 : word_end[i - 1];
    return std::string_view(words).substr(begin, word_end[i] - begin);
  }
};

const ChineseSegmenter& ChineseSegmenter::Get() {
  static const ChineseSegmenter segmenter;
  return segmenter;
}

ChineseSegmenter::ChineseSegmenter() : impl_(new Impl()) {  // process lifetime
  // Only where the dictionary is; it is read by Load() on first use.
  const char* env = std::getenv("CXMAP_JIEBA_DICT");
  std::vector<std::string> candidates;
  if (env != nullptr) candidates.emplace_back(env);
  for (const char* p : kDictPaths) candidates.emplace_back(p);
  for (const std::string& p : candidates) {
    if (std::ifstream(p).is_open()) {
      impl_->path = p;
      break;
    }
  }
}

void ChineseSegmenter::Load() const {
  std::call_once(impl_->once, [this] {
    std::unique_lock lock(impl_->mu);
    LoadLocked();
    impl_->built = true;
  });
}

void ChineseSegmenter::LoadLocked() const {
  if (impl_->path.empty()) return;
  std::ifstream in(impl_->path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::pair<std::string_view, double>> rows;  // views into `text`
  for (std::string_view rest = text; !rest.empty();) {    // "word freq tag" lines
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    // atof stops at the next space or at the newline the file text keeps.
    double freq = std::atof(line.data() + sp + 1);
    if (freq <= 0) continue;
    impl_->total += freq;
    rows.emplace_back(line.substr(0, sp), freq);
  }
  for (auto& row : rows) row.second = std::log(row.second / impl_->total);
  // Domain words added before loading, as AddDomainWords() weighs them.
  std::string domain;
  for (const std::string& w : impl_->pending) domain += w;
  for (size_t i = 0, at = 0; i < impl_->pending.size(); at += impl_->pending[i].size(), ++i) {
    rows.emplace_back(std::string_view(domain).substr(at, impl_->pending[i].size()),
                      std::log(1e5 / impl_->total));
  }
  impl_->pending = {};
  impl_->Build(std::move(rows), &text);
  impl_->min_log_prob = impl_->total > 0 ? std::log(1.0 / impl_->total) : -20;
}

bool ChineseSegmenter::loaded() const {
  Load();
  return !impl_->log_prob.empty();
}
size_t ChineseSegmenter::size() const {
  Load();
  return impl_->log_prob.size();
}

bool ChineseSegmenter::AddDomainWords(const std::vector<std::string>& words) {
  const ChineseSegmenter& self = Get();
  if (self.impl_->path.empty()) return false;
  std::unique_lock lock(self.impl_->mu);
  Impl& impl = *self.impl_;
  DictionaryChanged();
  if (!impl.built) {  // kept for Load()
    impl.pending.insert(impl.pending.end(), words.begin(), words.end());
    return true;
  }
  if (impl.log_prob.empty()) return false;  // the file was unreadable
  std::vector<std::pair<std::string_view, double>> rows;  // views into impl.words and `words`
  rows.reserve(impl.log_prob.size() + words.size());
  for (size_t i = 0; i < impl.log_prob.size(); ++i) rows.emplace_back(impl.Word(i), impl.log_prob[i]);
  // Frequency 1e5 of ~6e7: more likely than splitting into common characters.
  for (const std::string& w : words) rows.emplace_back(w, std::log(1e5 / impl.total));
  impl.Build(std::move(rows), &impl.words);
  return true;
}

void ChineseSegmenter::Segment(std::string_view han, std::vector<size_t>* breaks,
                               std::vector<double>* scratch) const {
  // Character start offsets; offsets[n] = end.
  thread_local std::vector<size_t> offsets;
  thread_local std::vector<size_t> next;
  offsets.clear();
  for (size_t i = 0; i < han.size();) {
    offsets.push_back(i);
    utf8::Next(han, &i);
  }
  size_t n = offsets.size();
  offsets.push_back(han.size());
  if (!loaded()) {
    for (size_t k = 1; k <= n; ++k) breaks->push_back(offsets[k]);
    return;
  }
  std::shared_lock lock(impl_->mu);
  // route[i] = best log-probability of han[i..n); filled right to left.
  std::vector<double>& route = *scratch;
  route.assign(n + 1, 0);
  next.assign(n + 1, n);
  for (size_t i = n; i-- > 0;) {
    route[i] = impl_->min_log_prob + route[i + 1];  // single unknown character
    next[i] = i + 1;
    KeyTrie::Cursor cursor;
    for (size_t j = i + 1; j <= n && j - i <= kMaxWordChars; ++j) {
      int32_t word = impl_->trie.Walk(han.substr(offsets[j - 1], offsets[j] - offsets[j - 1]), &cursor);
      if (word == KeyTrie::kNoKey) break;
      if (word == KeyTrie::kPrefix) continue;
      double score = impl_->log_prob[word] + route[j];
      if (score > route[i]) route[i] = score, next[i] = j;
    }
  }
  for (size_t i = 0; i < n; i = next[i]) breaks->push_back(offsets[next[i]]);
}

}  // namespace cxmap::core
