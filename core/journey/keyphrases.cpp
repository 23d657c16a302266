// SPDX-License-Identifier: Apache-2.0
#include "core/journey/keyphrases.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace cxmap::core {

namespace {

constexpr size_t kMaxPhraseWords = 3;

bool IsNumberLike(std::string_view key) {
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '%';
  });
}

bool IsCjkOrThai(std::string_view key) {
  // Chinese and Thai words are written without spaces between them.
  unsigned char c = key.empty() ? 0 : static_cast<unsigned char>(key[0]);
  return c == 0xE0 || (c >= 0xE3 && c <= 0xE9);
}

// Issue 17: an @handle ("@united"), a #tag, a URL or an e-mail address is
// no theme, and no phrase runs across one. Looks at the original text
// around the token, whatever the tokenizer kept of the mark.
bool IsHandleOrLink(std::string_view text, size_t begin, size_t end, std::string_view key) {
  if (begin > 0 && (text[begin - 1] == '@' || text[begin - 1] == '#')) return true;
  if (!key.empty() && (key[0] == '@' || key[0] == '#')) return true;
  // The whitespace-delimited run around the token.
  size_t b = begin, e = end;
  while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n' && text[b - 1] != '\t') --b;
  while (e < text.size() && text[e] != ' ' && text[e] != '\n' && text[e] != '\t') ++e;
  std::string_view run = text.substr(b, e - b);
  return run.find("://") != std::string_view::npos || run.find("www.") != std::string_view::npos ||
         (run.find('@') != std::string_view::npos && run.find('.') != std::string_view::npos) ||
         run.find(".com") != std::string_view::npos || run.find(".vn") != std::string_view::npos ||
         run.find(".co") != std::string_view::npos || (!run.empty() && (run[0] == '@' || run[0] == '#'));
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& PhraseExtractor::Extract(
    std::string_view text, std::string_view language_hint) {
  out_.clear();
  const TextAnalysis& a = analyzer_.Analyze(text, language_hint);
  std::unordered_set<std::string> seen;
  for (const Sentence& s : a.sentences) {
    size_t end = s.first_token + s.token_count;
    for (size_t i = s.first_token; i < end; ++i) {
      std::string key, surface;
      for (size_t n = 0; n < kMaxPhraseWords && i + n < end; ++n) {
        const Token& t = a.tokens[i + n];
        if (t.kind != TokenKind::kWord) break;
        std::string_view k = a.key(t);
        if (IsHandleOrLink(a.text, t.begin, t.end, k)) break;
        if (n == 0 && (IsStopWord(k) || IsNumberLike(k))) break;
        bool joined = !key.empty() && !(IsCjkOrThai(k) && IsCjkOrThai(key));
        if (joined) key.push_back(' ');
        key.append(k);  // not `" " + std::string(k)`: a temporary per word (and GCC 12 -Wrestrict)
        // The surface keeps the original spelling between the words.
        surface = std::string(a.text.substr(a.tokens[i].begin, t.end - a.tokens[i].begin));
        if (IsStopWord(k) || IsNumberLike(k) || IsNeverLastWord(k)) continue;  // never ends on one
        if (key.size() < 2 && !IsCjkOrThai(key)) continue;  // "x", "k"
        if (seen.insert(key).second) out_.emplace_back(key, surface);
      }
    }
  }
  return out_;
}

void PhraseStats::AddDocument(const std::vector<std::pair<std::string, std::string>>& phrases) {
  ++documents_;
  for (const auto& [key, surface] : phrases) {
    ++df_[key];
    surface_.try_emplace(key, surface);
  }
}

uint64_t PhraseStats::df(const std::string& key) const {
  auto it = df_.find(key);
  return it == df_.end() ? 0 : it->second;
}

const std::string& PhraseStats::surface(const std::string& key) const {
  auto it = surface_.find(key);
  return it == surface_.end() ? key : it->second;
}

std::vector<Theme> TopThemes(const std::unordered_map<std::string, uint64_t>& group,
                             uint64_t group_size, const PhraseStats& corpus, size_t limit,
                             uint64_t min_volume,
                             const std::unordered_map<std::string, double>* weight) {
  std::vector<Theme> all;
  if (group_size == 0 || corpus.documents() == 0) return all;
  for (const auto& [key, volume] : group) {
    if (volume < min_volume) continue;
    double p_group = static_cast<double>(volume) / group_size;
    // +1 smoothing: a phrase seen only in this group is not infinitely distinctive.
    double p_corpus = (corpus.df(key) + 1.0) / (corpus.documents() + 1.0);
    double lift = p_group / p_corpus;
    if (lift <= 1.0) continue;
    double w = 1.0;
    if (weight != nullptr) {
      auto it = weight->find(key);
      if (it != weight->end()) w = it->second;
    }
    all.push_back({key, corpus.surface(key), volume, lift, volume * std::log2(1 + lift) * w});
  }
  std::sort(all.begin(), all.end(), [](const Theme& a, const Theme& b) {
    return a.score != b.score ? a.score > b.score : a.key < b.key;
  });
  // "giao hang cham", "giao hang" and "cham" in the same texts are one
  // theme: keep the longest phrase, which says the most, at the best score.
  if (all.size() > limit * 20) all.resize(limit * 20);  // merging is quadratic
  std::vector<Theme> out;
  for (size_t i = 0; i < all.size(); ++i) {
    bool covered = false;
    for (size_t j = 0; j < all.size() && !covered; ++j) {
      covered = j != i && all[j].volume == all[i].volume && all[j].key.size() > all[i].key.size() &&
                all[j].key.find(all[i].key) != std::string::npos;
    }
    if (covered) continue;
    Theme t = all[i];
    for (const auto& other : all) {
      if (other.volume == t.volume && t.key.find(other.key) != std::string::npos) {
        t.score = std::max(t.score, other.score);
      }
    }
    out.push_back(std::move(t));
  }
  std::stable_sort(out.begin(), out.end(), [](const Theme& a, const Theme& b) { return a.score > b.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace cxmap::core
