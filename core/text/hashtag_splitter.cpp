// SPDX-License-Identifier: Apache-2.0
#include "core/text/hashtag_splitter.h"

#include <algorithm>

namespace cxmap::core {
namespace {

constexpr size_t kMinWord = 3, kMinGap = 3;

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

bool HashtagSplitter::SplitCamel(std::string_view surface, std::vector<uint32_t>* ends) const {
  // "LifeIsGood", "DoBetter", "SFOtoBOS" (an acronym ends where a word
  // starts: the last capital before a lower-case letter begins the word).
  for (size_t i = 1; i < surface.size(); ++i) {
    bool lower_upper = IsLower(surface[i - 1]) && IsUpper(surface[i]);
    bool acronym_end = i + 1 < surface.size() && IsUpper(surface[i - 1]) && IsUpper(surface[i]) &&
                       IsLower(surface[i + 1]);
    if (lower_upper || acronym_end) ends->push_back(uint32_t(i));
  }
  if (ends->empty()) return false;
  ends->push_back(uint32_t(surface.size()));
  return true;
}

bool HashtagSplitter::Split(const KeyTrie& words, std::string_view key, std::string_view surface, std::vector<uint32_t>* ends) {
  ends->clear();
  size_t n = key.size();
  if (words.empty() || n < kMinBody || n > kMaxBody || surface.size() != n) return false;
  for (char c : key) {
    if (!IsLower(c)) return false;
  }
  if (SplitCamel(surface, ends)) return true;

  // best_[kStates*i + state]: the best cover of key[0, i) whose last piece
  // is a word, a gap or a negator.
  enum State : uint8_t { kWord = 0, kGap = 1, kNegator = 2, kStates = 3 };
  best_.assign(kStates * (n + 1), Cell{});
  best_[0].score = 0;
  auto relax = [&](size_t from, uint8_t from_state, size_t to, uint8_t state) {
    const Cell& a = best_[kStates * from + from_state];
    size_t len = to - from;
    int32_t score = a.score + (state == kGap ? 0 : int32_t(len * len));
    Cell& b = best_[kStates * to + state];
    uint8_t pieces = uint8_t(a.pieces + 1);
    if (score > b.score || (score == b.score && pieces < b.pieces)) {
      b = {score, pieces, uint8_t(from), from_state};
    }
  };
  for (size_t i = 0; i < n; ++i) {
    for (uint8_t s = 0; s < kStates; ++s) {
      if (best_[kStates * i + s].score < 0) continue;
      KeyTrie::Cursor cursor;
      for (size_t j = i; j < n; ++j) {  // words starting at i
        int32_t value = words.Walk(key.substr(j, 1), &cursor);
        if (value == KeyTrie::kNoKey) break;
        size_t len = j + 1 - i;
        if (value >= 0 && (len >= kMinWord || (i == 0 && value == 1))) {
          relax(i, s, j + 1, value == 1 ? kNegator : kWord);
        }
      }
      // A gap never follows a gap (it would be one longer gap), nor a
      // negator: #notebook is not "not · ebook", #nordic not "no · rdic".
      if (s == kWord) {
        for (size_t j = i + kMinGap; j <= n; ++j) relax(i, s, j, kGap);
      }
    }
  }
  // A cover may not end on a negator (#nothing… is "no thing" only when
  // "thing" is a word, and then it ends on that word).
  uint8_t s = best_[kStates * n + kGap].score > best_[kStates * n + kWord].score ||
                      (best_[kStates * n + kGap].score == best_[kStates * n + kWord].score &&
                       best_[kStates * n + kGap].pieces < best_[kStates * n + kWord].pieces)
                  ? kGap
                  : kWord;
  const Cell& last = best_[kStates * n + s];
  if (last.score <= 0 || last.pieces < 2) return false;  // no word, or the body is one word
  for (size_t at = n; at > 0;) {
    const Cell& c = best_[kStates * at + s];
    ends->push_back(uint32_t(at));
    at = c.from, s = c.from_state;
  }
  std::reverse(ends->begin(), ends->end());
  return true;
}

}  // namespace cxmap::core
