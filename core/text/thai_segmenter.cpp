// SPDX-License-Identifier: Apache-2.0
#include "core/text/thai_segmenter.h"

#include <datrie/trie.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <utility>

#include "core/text/dictionary_generation.h"
#include "core/text/key_trie.h"
#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

constexpr const char* kDefaultDict = "/usr/share/libthai/thbrk.tri";

// One byte per Thai character (TIS-620's layout: U+0E01 → 0xA1), so the
// dictionary trie takes one step per character instead of three.
char ToTis(char32_t c) { return static_cast<char>(utf8::IsThai(c) ? c - 0x0E00 + 0xA0 : '?'); }
char32_t FromTis(unsigned char b) { return b >= 0xA0 ? char32_t(b) - 0xA0 + 0x0E00 : b; }

struct Dictionary {
  std::mutex mu;
  bool loaded = false;
  std::vector<std::string> words;  // TIS bytes: libthai's, then domain words
  std::shared_ptr<const KeyTrie> trie;
};

Dictionary& Dict() {
  static Dictionary dict;
  return dict;
}

// Appends `w` in TIS bytes to `out`; false if it holds a non-Thai character.
bool ThaiWord(const AlphaChar* w, std::vector<std::string>* out) {
  std::string tis;
  for (const AlphaChar* p = w; *p != 0; ++p) {
    if (*p < 0x0E01 || *p > 0x0E5B) return false;
    tis.push_back(ToTis(*p));
  }
  if (!tis.empty()) out->push_back(std::move(tis));
  return true;
}

Bool CollectWord(const AlphaChar* key, TrieData, void* user) {
  ThaiWord(key, static_cast<std::vector<std::string>*>(user));
  return TRUE;
}

// libthai's dictionary, where libthai itself looks for it.
void LoadDefaultWords(std::vector<std::string>* words) {
  Trie* trie = nullptr;
  if (const char* dir = std::getenv("LIBTHAI_DICTDIR")) {
    trie = trie_new_from_file((std::string(dir) + "/thbrk.tri").c_str());
  }
  if (trie == nullptr) trie = trie_new_from_file(kDefaultDict);
  if (trie == nullptr) return;  // no dictionary: every run is one unknown word
  trie_enumerate(trie, CollectWord, words);
  trie_free(trie);
}

// Rebuilds the shared trie from dict.words. Caller holds dict.mu.
void Rebuild(Dictionary& dict) {
  std::vector<std::pair<std::string_view, int32_t>> keys;
  keys.reserve(dict.words.size());
  for (const std::string& w : dict.words) keys.push_back({w, 0});
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  auto trie = std::make_shared<KeyTrie>();
  if (!trie->Build(std::move(keys))) trie = std::make_shared<KeyTrie>();
  dict.trie = std::move(trie);
}

std::shared_ptr<const KeyTrie> SharedTrie() {
  Dictionary& dict = Dict();
  std::lock_guard<std::mutex> lock(dict.mu);
  if (!dict.loaded) {
    LoadDefaultWords(&dict.words);
    Rebuild(dict);
    dict.loaded = true;
  }
  return dict.trie;
}

// Marks that belong to the character before them: no word starts at them.
bool ClingsToPrevious(char32_t c) {
  return c == 0x0E30 || c == 0x0E31 || c == 0x0E32 || c == 0x0E33 || (c >= 0x0E34 && c <= 0x0E3A) ||
         c == 0x0E45 || c == 0x0E46 || (c >= 0x0E47 && c <= 0x0E4E);
}
bool IsLeadingVowel(char32_t c) { return c >= 0x0E40 && c <= 0x0E44; }
bool IsRepeatMark(char32_t c) { return c == 0x0E46 || c == 0x0E2F; }  // ๆ ฯ
constexpr char32_t kThanthakhat = 0x0E4C;  // ์: silences the consonant before

}  // namespace

ThaiSegmenter::ThaiSegmenter() : dict_(SharedTrie()) {}
ThaiSegmenter::~ThaiSegmenter() = default;

// boundary_[k]: a word may start at character k and end before it.
void ThaiSegmenter::FindBoundaries() {
  size_t n = tis_.size();
  auto at = [&](size_t k) { return k < n ? FromTis(static_cast<unsigned char>(tis_[k])) : 0; };
  boundary_.assign(n + 1, 1);
  for (size_t k = 1; k < n; ++k) {
    char32_t c = at(k), next = at(k + 1);
    // ก์, ติ์: a silenced consonant (with its vowel) ends the syllable before.
    bool silenced = next == kThanthakhat ||
                    ((next == 0x0E34 || next == 0x0E38) && at(k + 2) == kThanthakhat);
    boundary_[k] = !ClingsToPrevious(c) && !IsLeadingVowel(at(k - 1)) && !silenced;
  }
}

void ThaiSegmenter::Segment(std::string_view thai, std::vector<size_t>* breaks) {
  tis_.clear();
  char_bytes_.clear();
  for (size_t i = 0; i < thai.size();) {
    tis_.push_back(ToTis(utf8::Next(thai, &i)));
    char_bytes_.push_back(i);
  }
  size_t n = tis_.size();
  if (n == 0) return;
  FindBoundaries();
  // Dynamic programming from the left: best_[k] is the best split of the
  // first k characters, fewest unknown characters first, then fewest words.
  // An equal split found later (from a later start: a shorter last word)
  // replaces the earlier, so ties go to longer words first.
  best_.assign(n + 1, Cell{0, 0, -1, false});
  best_[0].from = 0;
  auto offer = [&](size_t from, size_t to, bool known) {
    const Cell& prev = best_[from];
    Cell c{prev.unknown + (known ? 0 : uint32_t(to - from)), prev.words + 1, int32_t(from), known};
    Cell& cur = best_[to];
    if (cur.from < 0 || c.unknown < cur.unknown || (c.unknown == cur.unknown && c.words <= cur.words)) cur = c;
  };
  const KeyTrie& trie = *dict_;
  for (size_t i = 0; i < n; ++i) {
    if (!boundary_[i] || best_[i].from < 0) continue;
    KeyTrie::Cursor cursor;
    for (size_t j = i; j < n; ++j) {
      int32_t value = trie.Walk(std::string_view(&tis_[j], 1), &cursor);
      if (value == KeyTrie::kNoKey) break;
      if (value < 0) continue;
      size_t end = j + 1;  // ๆ and ฯ stay with the word
      while (end < n && IsRepeatMark(FromTis(static_cast<unsigned char>(tis_[end])))) ++end;
      if (boundary_[end]) offer(i, end, true);
    }
    size_t cluster = i + 1;  // or one unknown cluster
    while (!boundary_[cluster]) ++cluster;
    offer(i, cluster, false);
  }
  // Back from the end; neighbouring unknown pieces become one word.
  ends_.clear();
  for (size_t k = n; k > 0;) {
    size_t from = size_t(best_[k].from);
    if (best_[k].known || ends_.empty() || best_[ends_.back()].known) ends_.push_back(uint32_t(k));
    k = from;
  }
  for (size_t e = ends_.size(); e-- > 0;) breaks->push_back(char_bytes_[ends_[e] - 1]);
}

Status ThaiSegmenter::AddDomainWords(const std::vector<std::string>& words) {
  std::vector<std::string> tis;
  for (const std::string& w : words) {
    std::vector<AlphaChar> key;
    for (size_t i = 0; i < w.size();) key.push_back(AlphaChar(utf8::Next(w, &i)));
    key.push_back(0);
    ThaiWord(key.data(), &tis);
  }
  SharedTrie();  // loads libthai's words first
  Dictionary& dict = Dict();
  std::lock_guard<std::mutex> lock(dict.mu);
  dict.words.insert(dict.words.end(), tis.begin(), tis.end());
  Rebuild(dict);
  DictionaryChanged();
  if (dict.trie->empty() && !dict.words.empty()) return Status::Internal("cannot build the Thai dictionary trie");
  return Status::Ok();
}

}  // namespace cxmap::core
