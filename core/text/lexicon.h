// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text/key_trie.h"
#include "cxmap/status.h"

namespace cxmap::core {

class TextAnalyzer;

/// What an entry does. Values are part of the C ABI (cxmap_entry_kind).
enum class EntryKind : uint8_t { kCue = 0, kNegator = 1, kIntensifier = 2, kDiminisher = 3, kContrast = 4 };

/// One lexicon line, with the keys it matches under.
struct LexiconEntry {
  std::string term;   // as written in the file
  double weight = 1;  // cue: polarity/strength; intensifier/diminisher: factor
  EntryKind kind = EntryKind::kCue;
  std::string lang;   // optional language tag column ("" = any)
  /// Option `not-capitals`: no match where the span is written in capital
  /// letters only ("kh" is không in chat, "KH" is khách hàng in notes).
  bool not_in_capitals = false;
  std::string key;    // folded units joined (see TextAnalyzer/LexiconMatcher)
  std::string exact;  // same, diacritics kept
  uint32_t line = 0;
};

/// A set of entries loaded from UTF-8 TSV, one per line:
///   term <TAB> weight <TAB> kind [<TAB> lang [<TAB> option]]
/// kind ∈ cue | negator | intensifier | diminisher | contrast (default cue);
/// option: `not-capitals` (see LexiconEntry) or empty;
/// weight may be empty (cue 1, intensifier 1.5, diminisher 0.5); lines
/// starting with '#' and blank lines are skipped. Every term is analysed
/// with the same text services as the texts it will match, so "giao hàng"
/// matches "giao hang" and "GIAO HÀNG", 門市 matches 门市, and multi-word
/// entries match however the words were split. Immutable after loading:
/// share one Lexicon across threads.
class Lexicon {
 public:
  /// Parses TSV text; `origin` names it in error messages ("file:line").
  static Result<std::unique_ptr<Lexicon>> Parse(std::string_view tsv, std::string_view origin,
                                                TextAnalyzer* analyzer);
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& path, TextAnalyzer* analyzer);

  const std::vector<LexiconEntry>& entries() const { return entries_; }
  /// Indices of entries whose folded key is `key` (empty if none).
  const std::vector<uint32_t>* Find(std::string_view key) const;
  /// Longest entry, in matching units (syllables, words, CJK pieces).
  size_t max_units() const { return max_units_; }
  /// Whether `key` is the key of a negator/intensifier/diminisher (these
  /// may be split off the front of a merged CJK token: 不好 → 不 + 好).
  bool IsModifierKey(std::string_view key) const;

  /// Every distinct key, for walking a span unit by unit: a walk's value
  /// is a key group (see Hits) and kNoKey means no entry starts that way.
  const KeyTrie& keys() const { return trie_; }
  /// Entry indices of a key group, in file order.
  const std::vector<uint32_t>& Hits(int32_t group) const { return groups_[group]; }
  /// Whether entry `e` was written without diacritics (its exact key is its
  /// key); kept apart from the entries so the matcher reads one byte.
  bool IsPlain(uint32_t e) const { return plain_[e]; }
  /// Whether a key group holds a negator/intensifier/diminisher.
  bool IsModifierGroup(int32_t group) const { return modifier_[group]; }
  /// The keys of those groups only (values: the group). A few dozen keys, so
  /// the matcher's search for a modifier at the front of every CJK/Thai token
  /// stays in cache instead of walking the whole key trie.
  const KeyTrie& modifier_keys() const { return modifier_trie_; }
  /// Every ASCII word of the Latin-script keys ("customer service" gives
  /// two), valued 1 for a one-word negator key and 0 otherwise: the
  /// vocabulary hashtags are split with (see HashtagSplitter).
  const KeyTrie& latin_words() const { return latin_words_; }

 private:
  bool BuildLatinWords(const std::unordered_map<std::string, int32_t>& groups);
  Status Add(LexiconEntry entry, TextAnalyzer* analyzer,
             std::unordered_map<std::string, int32_t>* groups);

  std::vector<LexiconEntry> entries_;
  std::vector<std::vector<uint32_t>> groups_;  // entries sharing one key
  std::vector<bool> modifier_;                 // per group
  std::vector<uint8_t> plain_;                 // per entry: exact == key
  KeyTrie trie_;                               // key → group
  KeyTrie modifier_trie_;                      // modifier keys → group
  KeyTrie latin_words_;                        // see latin_words()
  size_t max_units_ = 1;
};

}  // namespace cxmap::core
