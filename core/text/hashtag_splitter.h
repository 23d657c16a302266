// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/text/key_trie.h"

namespace cxmap::core {

/// Splits the body of a hashtag into words, so the verdict it carries is
/// read like the same words written apart: #nothappy → not happy,
/// #worstflightever → worst · flightever, #LifeIsGood → life is good.
///
/// Why by hand: there is no English word list among the Debian packages we
/// install, and the words that matter are the lexicon's own. So the pieces
/// are lexicon words; the letters between them stay one "gap" piece.
///  - Written in CamelCase (a lower-case letter followed by an upper-case
///    one): the author's own word breaks are used, nothing else.
///  - Otherwise a best cover by lexicon words of at least 3 letters (2 for
///    a negator at the very start: #nolove); a gap must be at least 3
///    letters, so a word is never pulled out of the middle of another
///    (#oscars is not o · scar · s), and a negator must be followed by a
///    word (#notebook is not not · ebook). The cover maximises the sum of squared
///    word lengths (long words beat their parts), then has fewest pieces.
/// Not thread-safe (reuses a buffer): one per LexiconMatcher.
/// Only bodies of 5 to 48 ASCII letters are split; `key` is the folded
/// (lower-case) body and `surface` the body as written, the same length.
class HashtagSplitter {
 public:
  static constexpr size_t kMinBody = 5, kMaxBody = 48;
  /// `words`: lexicon words (ASCII lower case) → 1 for a negator, else 0
  /// (Lexicon::latin_words). Replaces `ends` with the end offset of every piece (the last is the
  /// body's size). Returns false, with `ends` empty, when the body is not
  /// split (too short or long, not ASCII letters, or no lexicon word in it).
  bool Split(const KeyTrie& words, std::string_view key, std::string_view surface, std::vector<uint32_t>* ends);

 private:
  bool SplitCamel(std::string_view surface, std::vector<uint32_t>* ends) const;

  struct Cell {
    int32_t score = -1;  // -1: unreachable
    uint8_t pieces = 0;
    uint8_t from = 0;
    uint8_t from_state = 0;
  };
  std::vector<Cell> best_;  // (position, kind of the last piece) triples
};

}  // namespace cxmap::core
