// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core {

class KeyTrie;

/// Thai word segmentation by maximal matching over libthai's dictionary
/// (/usr/share/libthai/thbrk.tri, read once with libdatrie into a KeyTrie):
/// of all splits of a Thai run into dictionary words and unknown character
/// clusters, the one with the fewest unknown characters, then the fewest
/// words (ties: longer words first). Words end only at cluster boundaries
/// (never before a vowel or tone mark that belongs to the character before,
/// never after a leading vowel เ แ โ ใ ไ, never before a silenced consonant
/// ก์); ๆ and ฯ stay with the word before; neighbouring unknown clusters
/// form one token. Word F1 on tests/data/segmentation/th.txt: see
/// core/text/README.md. Replaced libthai's th_brk (the same dictionary)
/// because libthai allocated on every call and was a fifth of the text
/// services' cost; it also ran every unknown word together with the rest
/// of its run (ช้อปเลยที่, จุ้บจริง), where this splits off the known words.
/// Not thread-safe (reuses buffers): one instance per thread; the
/// dictionary is shared and read-only.
class ThaiSegmenter {
 public:
  /// Uses the dictionary as of now: libthai's plus AddDomainWords() so far.
  ThaiSegmenter();
  ~ThaiSegmenter();
  ThaiSegmenter(const ThaiSegmenter&) = delete;
  ThaiSegmenter& operator=(const ThaiSegmenter&) = delete;

  /// Appends to `breaks` the byte offsets (relative to `thai`) where words
  /// end inside `thai`, which must hold only Thai code points (U+0E01..0E5B);
  /// the final end is included.
  void Segment(std::string_view thai, std::vector<size_t>* breaks);

  /// Adds words (UTF-8 Thai) to the process-wide dictionary: libthai's
  /// default plus every word added so far. Affects segmenters created
  /// afterwards. Thread-safe; rebuilds the dictionary (tens of ms).
  /// Words with non-Thai characters can never match and are ignored.
  static Status AddDomainWords(const std::vector<std::string>& words);

 private:
  // Best split of the run's first k characters (see Segment()).
  struct Cell {
    uint32_t unknown, words;
    int32_t from;  // start of the last piece; -1 while unreached
    bool known;    // the last piece is a dictionary word
  };
  void FindBoundaries();

  std::shared_ptr<const KeyTrie> dict_;
  std::string tis_;                  // the run, one byte per character
  std::vector<size_t> char_bytes_;   // UTF-8 end of each character
  std::vector<uint8_t> boundary_;    // per character index: a word may start/end here
  std::vector<Cell> best_;
  std::vector<uint32_t> ends_;
};

}  // namespace cxmap::core
