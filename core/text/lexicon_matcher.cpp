// SPDX-License-Identifier: Apache-2.0
#include "core/text/lexicon_matcher.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

// Latin words and numbers are written with spaces between them; keys join
// them with one space. Thai, Han, emoji join with none.
bool IsSpaced(std::string_view key) {
  if (key.empty()) return false;
  unsigned char b = static_cast<unsigned char>(key[0]);
  if (b < 0x80) return utf8::IsAsciiAlpha(b) || utf8::IsDigit(b);  // no decoding for ASCII
  size_t i = 0;
  char32_t c = utf8::Next(key, &i);
  return utf8::IsLatin(c) || utf8::IsDigit(c);
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) utf8::Next(s, &i);
  return n;
}

size_t AdvanceChars(std::string_view s, size_t chars) {
  size_t i = 0;
  while (chars-- > 0 && i < s.size()) utf8::Next(s, &i);
  return i;
}

bool IsCue(EntryKind k) { return k == EntryKind::kCue; }

// U+0E00..0E7F is E0 B8 80..E0 B9 BF in UTF-8: read the bytes, no decoding.
bool StartsThai(std::string_view s) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  return s.size() >= 3 && byte(0) == 0xE0 && (byte(1) == 0xB8 || byte(1) == 0xB9) && (byte(2) & 0xC0) == 0x80;
}

// Thai has no spaces between words; a space ends a phrase, the way a comma
// does in English ("อาหารไม่อร่อย บริการดี": the negator stays in the first).
bool IsThaiSpaceBetween(std::string_view text, uint32_t end, uint32_t begin) {
  if (begin <= end || begin > text.size()) return false;
  std::string_view gap = text.substr(end, begin - end);
  return gap.find_first_of(" \t") != std::string_view::npos || gap.find("\xC2\xA0") != std::string_view::npos;
}

// Bytes of the longest proper prefix of `key`, whole code points, that is a
// modifier entry's key; 0 if none or if `key` itself is an entry's key (then
// it stays whole). The prefix is searched in the small trie of modifier keys;
// the whole key is looked up only when a prefix was found.
size_t LongestModifierPrefix(const Lexicon& lexicon, std::string_view key) {
  const KeyTrie& modifiers = lexicon.modifier_keys();
  KeyTrie::Cursor cursor;
  size_t best = 0;
  for (size_t i = 0; i < key.size();) {
    size_t start = i;
    utf8::Next(key, &i);
    if (i == key.size()) break;  // proper prefixes only
    int32_t group = modifiers.Walk(key.substr(start, i - start), &cursor);
    if (group == KeyTrie::kNoKey) break;
    if (group >= 0) best = i;
  }
  return best > 0 && lexicon.keys().Find(key) >= 0 ? 0 : best;
}

// Whether text[begin, end) has two or more letters, all of them capital
// ASCII ("KH", not "Kh" or "kh"). ASCII only: the one option that asks
// for it (not-capitals) is for abbreviations such as KH (khách hàng).
bool WrittenInCapitals(std::string_view text, uint32_t begin, uint32_t end) {
  if (end > text.size() || begin >= end) return false;
  size_t letters = 0;
  for (char c : text.substr(begin, end - begin)) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return letters >= 2;
}

}  // namespace

void LexiconMatcher::BuildBaseUnits(const TextAnalysis& a) {
  if (a.serial != 0 && a.serial == base_serial_) return;
  base_serial_ = a.serial;
  base_.clear();
  for (uint32_t ti = 0; ti < a.tokens.size(); ++ti) {
    const Token& t = a.tokens[ti];
    std::string_view key = a.key(t), exact = a.exact(t), surface = a.surface(t);
    bool punct = t.kind == TokenKind::kPunct;
    if (t.syllables > 1) {  // a Vietnamese compound: match by syllable
      uint32_t begin = t.begin;
      while (!key.empty()) {
        size_t k = key.find(' '), e = exact.find(' '), s = surface.find_first_of(" \t");
        uint32_t end = s == std::string_view::npos ? t.end : begin + uint32_t(s);
        base_.push_back({key.substr(0, k), exact.substr(0, e), begin, end, ti, t.sentence, true, false});
        if (k == std::string_view::npos) break;
        key.remove_prefix(k + 1), exact.remove_prefix(e + 1);
        size_t skip = surface.find_first_not_of(" \t", s);
        begin += uint32_t(skip);
        surface.remove_prefix(skip);
      }
      continue;
    }
    bool spaced = IsSpaced(key);
    Unit unit{key, exact, t.begin, t.end, ti, t.sentence, spaced, punct};
    // Only a word right after an adjacent "#" can be a hashtag's body.
    if (t.kind == TokenKind::kWord && ti > 0) {
      const Token& hash = a.tokens[ti - 1];
      unit.hashtag = hash.kind == TokenKind::kPunct && hash.end == t.begin && a.surface(hash) == "#";
    }
    unit.splittable = t.kind == TokenKind::kWord && !spaced;
    base_.push_back(unit);
  }
  SetUnitFlags(a, &base_);
}

void LexiconMatcher::SetUnitFlags(const TextAnalysis& a, std::vector<Unit>* units) {
  std::vector<Unit>& us = *units;
  for (size_t u = 0; u < us.size(); ++u) {
    Unit& unit = us[u];
    unit.plain = unit.key.data() == unit.exact.data() ? unit.key.size() == unit.exact.size()
                                                      : unit.key == unit.exact;
    unit.thai = StartsThai(unit.key);
    unit.clause_break = u > 0 && unit.thai && us[u - 1].thai &&
                        IsThaiSpaceBetween(a.text, us[u - 1].end, unit.begin);
  }
}

void LexiconMatcher::BuildUnits(const TextAnalysis& a, const Lexicon* lexicon) {
  BuildBaseUnits(a);
  units_ = base_;
  if (lexicon == nullptr) return;
  // The lexicon splits hashtags into its words and modifiers off the front
  // of merged CJK/Thai tokens (不好 → 不 + 好). Most texts have neither:
  // units_ stays a view of base_, and base_ is copied (with the units the
  // lexicon leaves alone after it) only from the first unit it may split.
  bool copying = false;
  for (size_t u = 0; u < base_.size(); ++u) {
    const Unit& base = base_[u];
    size_t best = 0;
    if (!copying) {
      if (base.splittable) best = LongestModifierPrefix(*lexicon, base.key);
      if (!base.hashtag && best == 0) continue;
      split_units_.assign(base_.begin(), base_.begin() + u);
      copying = true;
    }
    if (base.hashtag && SplitHashtag(a, base.token, *lexicon)) continue;
    if (!base.splittable) {
      split_units_.push_back(base);
      continue;
    }
    std::string_view key = base.key, exact = base.exact, surface = a.surface(a.tokens[base.token]);
    bool spaced = false;
    // `best` may hold the first prefix, found above.
    while (!spaced && (best > 0 || (best = LongestModifierPrefix(*lexicon, key)) > 0)) {
      size_t chars = CharCount(key.substr(0, best));
      size_t ebytes = AdvanceChars(exact, chars), sbytes = AdvanceChars(surface, chars);
      uint32_t begin = uint32_t(surface.data() - a.text.data());
      split_units_.push_back({key.substr(0, best), exact.substr(0, ebytes), begin, begin + uint32_t(sbytes),
                              base.token, base.sentence, false, false});
      key.remove_prefix(best), exact.remove_prefix(ebytes), surface.remove_prefix(sbytes);
      spaced = IsSpaced(key);
      best = 0;
    }
    if (key.size() == base.key.size()) {
      split_units_.push_back(base);
      continue;
    }
    uint32_t begin = uint32_t(surface.data() - a.text.data());
    split_units_.push_back({key, exact, begin, base.end, base.token, base.sentence, spaced, false});
  }
  if (copying) {
    SetUnitFlags(a, &split_units_);
    units_ = split_units_;
  }
}

// `ti` is a word right after an adjacent "#" (Unit::hashtag).
bool LexiconMatcher::SplitHashtag(const TextAnalysis& a, uint32_t ti, const Lexicon& lexicon) {
  const Token& t = a.tokens[ti];
  std::string_view key = a.key(t), surface = a.surface(t);
  if (lexicon.keys().Find(key) >= 0) return false;  // #scam is already a word
  if (!hashtags_.Split(lexicon.latin_words(), key, surface, &piece_ends_)) return false;
  uint32_t from = 0;
  for (uint32_t end : piece_ends_) {  // ASCII body: key, exact and surface align
    std::string_view piece = key.substr(from, end - from);
    split_units_.push_back({piece, piece, t.begin + from, t.begin + end, ti, t.sentence, true, false});
    from = end;
  }
  return true;
}

bool LexiconMatcher::SpanKeys(size_t first, size_t count) {
  key_.clear();
  exact_.clear();
  for (size_t u = first; u < first + count; ++u) {
    const Unit& unit = units_[u];
    if (u > first) {
      if (unit.punct || unit.sentence != units_[first].sentence) return false;
      if (units_[u - 1].spaced && unit.spaced) key_.push_back(' '), exact_.push_back(' ');
    }
    key_.append(unit.key);
    exact_.append(unit.exact);
  }
  return true;
}

size_t LexiconMatcher::KeyOf(const TextAnalysis& analysis, std::string* key, std::string* exact) {
  BuildUnits(analysis, nullptr);
  if (units_.empty() || !SpanKeys(0, units_.size())) {
    // Entries are single phrases; punctuation inside one joins without checks.
    key_.clear(), exact_.clear();
    for (const Unit& u : units_) key_.append(u.key), exact_.append(u.exact);
  }
  *key = key_;
  *exact = exact_;
  return units_.size();
}

void LexiconMatcher::Match(const TextAnalysis& a, const Lexicon& lexicon,
                           std::vector<LexiconMatch>* out) {
  out->clear();
  match_units_.clear();
  BuildUnits(a, &lexicon);
  const auto& entries = lexicon.entries();
  for (size_t i = 0; i < units_.size();) {
    // Walk the key trie unit by unit: every span that is an entry's key is a
    // candidate, and the walk ends where no entry starts with the span (the
    // old way hashed every span length at every unit). A span never crosses
    // punctuation or a sentence end, nor exceeds the longest entry.
    candidates_.clear();
    size_t limit = std::min(lexicon.max_units(), units_.size() - i);
    KeyTrie::Cursor cursor;
    for (size_t n = 1; n <= limit; ++n) {
      const Unit& unit = units_[i + n - 1];
      if (n > 1) {
        if (unit.punct || unit.sentence != units_[i].sentence) break;
        if (units_[i + n - 2].spaced && unit.spaced && lexicon.keys().Walk(" ", &cursor) == KeyTrie::kNoKey) break;
      }
      int32_t group = lexicon.keys().Walk(unit.key, &cursor);
      if (group == KeyTrie::kNoKey) break;
      if (group >= 0) candidates_.push_back({uint32_t(n), group});
    }
    size_t matched = 0;
    for (size_t c = candidates_.size(); c-- > 0 && matched == 0;) {  // longest first
      size_t n = candidates_[c].first;
      // The span's key is the group's key, so it equals every entry's key.
      // Exact keys are built only when a unit has diacritics: otherwise
      // exact_ == key_, which differs from exactly the entries whose exact
      // differs from their key.
      bool text_plain = true;
      for (size_t u = i; u < i + n; ++u) text_plain &= units_[u].plain;
      if (!text_plain) SpanKeys(i, n), text_plain = exact_ == key_;
      for (uint32_t e : lexicon.Hits(candidates_[c].second)) {
        bool entry_plain = lexicon.IsPlain(e);
        bool differs = !entry_plain && (text_plain || entries[e].exact != exact_);
        if (differs && !text_plain) continue;  // tê is not tệ
        const LexiconEntry& entry = entries[e];
        if (entry.not_in_capitals &&
            WrittenInCapitals(a.text, units_[i].begin, units_[i + n - 1].end)) {
          continue;
        }
        std::string_view tag = a.language.runs.empty() ? std::string_view() : a.language.runs[a.tokens[units_[i].token].run].tag;
        if (!entry.lang.empty() && tag.rfind(entry.lang, 0) != 0) continue;
        LexiconMatch m;
        m.begin = units_[i].begin;
        m.end = units_[i + n - 1].end;
        m.entry = e;
        m.base_weight = m.final_weight = entry.weight;
        m.flags = differs ? uint32_t(kMatchFolded) : 0u;
        m.sentence = units_[i].sentence;
        m.first_token = units_[i].token;
        m.token_count = units_[i + n - 1].token - units_[i].token + 1;
        out->push_back(m);
        match_units_.push_back(uint32_t(i));
        match_units_.push_back(uint32_t(i + n - 1));
        matched = n;
        break;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  ApplyRules(lexicon, out);
}

void LexiconMatcher::ApplyRules(const Lexicon& lexicon, std::vector<LexiconMatch>* out) {
  const auto& entries = lexicon.entries();
  // Clause of every unit: punctuation and sentence ends start a new one.
  clause_.assign(units_.size(), 0);
  for (size_t u = 1; u < units_.size(); ++u) {
    clause_[u] = clause_[u - 1] + (units_[u].punct || units_[u - 1].punct || units_[u].clause_break ||
                                   units_[u].sentence != units_[u - 1].sentence);
  }
  std::vector<LexiconMatch>& ms = *out;
  size_t n = ms.size();
  std::vector<uint32_t>& clause = match_clause_;
  clause.assign(n, 0);
  uint32_t contrasts = 0;
  for (size_t k = 0; k < n; ++k) {  // a contrast word also starts a clause
    clause[k] = clause_[match_units_[2 * k]] * 1024 + contrasts;
    contrasts += entries[ms[k].entry].kind == EntryKind::kContrast;
  }
  auto kind = [&](size_t k) { return entries[ms[k].entry].kind; };
  auto gap = [&](size_t a, size_t b) { return int(match_units_[2 * b]) - int(match_units_[2 * a + 1]) - 1; };
  for (size_t k = 0; k < n; ++k) {
    if (kind(k) == EntryKind::kNegator) {
      for (size_t c = k + 1; c < n && clause[c] == clause[k] && gap(k, c) <= kNegationGap; ++c) {
        if (IsCue(kind(c))) ms[c].flags |= kMatchNegated;
      }
    } else if (kind(k) == EntryKind::kIntensifier || kind(k) == EntryKind::kDiminisher) {
      uint32_t flag = kind(k) == EntryKind::kIntensifier ? kMatchIntensified : kMatchDiminished;
      size_t target = n;
      for (size_t c = k + 1; c < n && clause[c] == clause[k] && gap(k, c) <= 1; ++c) {
        if (IsCue(kind(c))) { target = c; break; }
      }
      for (size_t c = k; target == n && c-- > 0 && clause[c] == clause[k] && gap(c, k) <= 1;) {
        if (IsCue(kind(c))) target = c;
      }
      if (target < n) ms[target].flags |= flag, ms[target].final_weight *= entries[ms[k].entry].weight;
    } else if (kind(k) == EntryKind::kContrast) {
      for (size_t c = 0; c < n; ++c) {
        if (!IsCue(kind(c)) || ms[c].sentence != ms[k].sentence) continue;
        ms[c].flags |= c < k ? kMatchBeforeContrast : kMatchAfterContrast;
      }
    }
  }
  for (LexiconMatch& m : ms) {
    if (!IsCue(entries[m.entry].kind)) continue;
    if (m.flags & kMatchNegated) m.final_weight *= kNegationFactor;
    if (m.flags & kMatchBeforeContrast) m.final_weight *= kBeforeContrast;
    if (m.flags & kMatchAfterContrast) m.final_weight *= kAfterContrast;
  }
}

}  // namespace cxmap::core
