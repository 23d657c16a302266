// SPDX-License-Identifier: Apache-2.0
#include "core/text/chinese_segmenter.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

constexpr size_t kMaxWordChars = 8;
constexpr double kPrefixOnly = 1.0;  // not a log-probability (those are < 0)
constexpr const char* kDictPaths[] = {"/usr/share/python3-jieba/dict.txt",
                                      "/usr/lib/python3/dist-packages/jieba/dict.txt"};

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

}  // namespace

struct ChineseSegmenter::Impl {
  std::unordered_map<std::string, double, Hash, std::equal_to<>> log_prob;
  double total = 0;
  double min_log_prob = -20;
  mutable std::shared_mutex mu;  // writers: AddDomainWords only
};

const ChineseSegmenter& ChineseSegmenter::Get() {
  static const ChineseSegmenter segmenter;
  return segmenter;
}

ChineseSegmenter::ChineseSegmenter() : impl_(new Impl()) {  // process lifetime
  const char* env = std::getenv("CXMAP_JIEBA_DICT");
  std::ifstream in;
  if (env != nullptr) in.open(env);
  for (const char* p : kDictPaths) {
    if (!in.is_open()) in.open(p);
  }
  std::vector<std::pair<std::string, double>> rows;
  std::string line;
  while (std::getline(in, line)) {  // "word freq tag"
    size_t sp = line.find(' ');
    if (sp == std::string::npos) continue;
    double freq = std::atof(line.c_str() + sp + 1);
    if (freq <= 0) continue;
    impl_->total += freq;
    rows.emplace_back(line.substr(0, sp), freq);
  }
  impl_->log_prob.reserve(rows.size());
  // jieba's prefix trick: every proper prefix is present with kPrefixOnly, so
  // the DAG scan stops at the first prefix no word starts with.
  for (auto& [word, freq] : rows) {
    for (size_t i = 0; i < word.size();) {
      utf8::Next(word, &i);
      if (i < word.size()) impl_->log_prob.emplace(word.substr(0, i), kPrefixOnly);
    }
    impl_->log_prob[word] = std::log(freq / impl_->total);
  }
  impl_->min_log_prob = impl_->total > 0 ? std::log(1.0 / impl_->total) : -20;
}

bool ChineseSegmenter::loaded() const { return !impl_->log_prob.empty(); }
size_t ChineseSegmenter::size() const { return impl_->log_prob.size(); }

bool ChineseSegmenter::AddDomainWords(const std::vector<std::string>& words) {
  const ChineseSegmenter& self = Get();
  if (!self.loaded()) return false;
  std::unique_lock lock(self.impl_->mu);
  // Frequency 1e5 of ~6e7: more likely than splitting into common characters.
  for (const std::string& w : words) {
    for (size_t i = 0; i < w.size();) {
      utf8::Next(w, &i);
      if (i < w.size()) self.impl_->log_prob.emplace(w.substr(0, i), kPrefixOnly);
    }
    self.impl_->log_prob[w] = std::log(1e5 / self.impl_->total);
  }
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
    for (size_t j = i + 1; j <= n && j - i <= kMaxWordChars; ++j) {
      auto it = impl_->log_prob.find(han.substr(offsets[i], offsets[j] - offsets[i]));
      if (it == impl_->log_prob.end()) break;
      if (it->second == kPrefixOnly) continue;
      double score = it->second + route[j];
      if (score > route[i]) route[i] = score, next[i] = j;
    }
  }
  for (size_t i = 0; i < n; i = next[i]) breaks->push_back(offsets[next[i]]);
}

}  // namespace cxmap::core
