// SPDX-License-Identifier: Apache-2.0
#include "core/text/sentence_breaker.h"

#include <unicode/uchar.h>

#include <span>

namespace cxmap::core {
namespace {

using Class = uint8_t;  // a USentenceBreak value

bool IsParaSep(Class c) { return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF; }
bool IsSATerm(Class c) { return c == U_SB_STERM || c == U_SB_ATERM; }

// Classes that can end a sentence: SATerm (SB11) and ParaSep (SB4).
constexpr uint32_t kMayEnd = (1u << U_SB_STERM) | (1u << U_SB_ATERM) | (1u << U_SB_SEP) |
                             (1u << U_SB_CR) | (1u << U_SB_LF);
static_assert(U_SB_COUNT <= 32, "classes fit a 32-bit mask");

// Well-formed UTF-8 only (no overlongs, surrogates or values past U+10FFFF):
// on anything else ICU substitutes U+FFFD by its own rules, so we defer to it.
[[gnu::always_inline]] inline bool NextStrict(std::string_view s, size_t* i, char32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(*i);
  if (b0 < 0x80) return *cp = b0, ++*i, true;
  int len;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF) len = 3, lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
  else if (b0 >= 0xF0 && b0 <= 0xF4) len = 4, lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
  else return false;
  if (*i + len > s.size() || byte(*i + 1) < lo || byte(*i + 1) > hi) return false;
  char32_t c = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    if ((byte(*i + k) & 0xC0) != 0x80) return false;
    c = (c << 6) | (byte(*i + k) & 0x3F);
  }
  *cp = c;
  *i += len;
  return true;
}

// The Basic Multilingual Plane's classes copied out of ICU once (64 KB,
// ~1 ms): a table lookup instead of an ICU property call per character.
struct BmpClasses {
  Class of[0x10000];
  BmpClasses() {
    for (UChar32 c = 0; c < 0x10000; ++c) of[c] = Class(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
  }
};

const Class* BmpTable() {
  static const BmpClasses* bmp = new BmpClasses();  // process lifetime
  return bmp->of;
}

Class ClassOf(const Class* bmp, char32_t c) {
  if (c < 0x10000) return bmp[c];
  return Class(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK));
}

// Decodes the character at text[*i] (well-formed only) and returns its class.
// Inlined: called per character in both passes (GCC stops inlining it
// once Split has two loops, which costs ~15% of Split).
[[gnu::always_inline]] inline bool NextClass(const Class* bmp, std::string_view text, size_t* i, Class* cls) {
  unsigned char b = static_cast<unsigned char>(text[*i]);
  if (b < 0x80) return *cls = bmp[b], ++*i, true;
  char32_t c;
  if (!NextStrict(text, i, &c)) return false;
  *cls = ClassOf(bmp, c);
  return true;
}

// One character with the Extend/Format characters that follow it (SB5).
struct Item {
  Class cls;
  uint32_t end;  // byte offset after it
};

// Whether the rules forbid a break between items[j-1] and items[j] (SB3,
// SB6–SB10); SB4 and SB11 force one; everything else (SB998) joins.
bool BreakBefore(std::span<const Item> items, size_t j) {
  Class a = items[j - 1].cls, b = items[j].cls;
  // Only SB4 and SB11 break, and both need one of these on the left.
  constexpr uint32_t kLeft = (1u << U_SB_SEP) | (1u << U_SB_CR) | (1u << U_SB_LF) | (1u << U_SB_STERM) |
                             (1u << U_SB_ATERM) | (1u << U_SB_CLOSE) | (1u << U_SB_SP);
  if (!((kLeft >> a) & 1u)) return false;
  if (a == U_SB_CR && b == U_SB_LF) return false;                                // SB3
  if (IsParaSep(a)) return true;                                                  // SB4
  if (a == U_SB_ATERM && b == U_SB_NUMERIC) return false;                          // SB6
  if (j >= 2 && (items[j - 2].cls == U_SB_UPPER || items[j - 2].cls == U_SB_LOWER) &&
      a == U_SB_ATERM && b == U_SB_UPPER) {
    return false;                                                                 // SB7
  }
  // Left context "SATerm Close* Sp*", read backwards.
  size_t k = j;
  bool spaces = false;
  while (k > 0 && items[k - 1].cls == U_SB_SP) --k, spaces = true;
  while (k > 0 && items[k - 1].cls == U_SB_CLOSE) --k;
  if (k == 0 || !IsSATerm(items[k - 1].cls)) return false;                        // SB998
  if (items[k - 1].cls == U_SB_ATERM) {                                           // SB8
    size_t f = j;
    while (f < items.size()) {
      Class c = items[f].cls;
      if (c == U_SB_OLETTER || c == U_SB_UPPER || c == U_SB_LOWER || IsParaSep(c) || IsSATerm(c)) break;
      ++f;
    }
    if (f < items.size() && items[f].cls == U_SB_LOWER) return false;
  }
  if (b == U_SB_SCONTINUE || IsSATerm(b)) return false;                            // SB8a
  if (!spaces && (b == U_SB_CLOSE || b == U_SB_SP || IsParaSep(b))) return false;  // SB9
  if (b == U_SB_SP || IsParaSep(b)) return false;                                 // SB10
  return true;                                                                    // SB11
}

}  // namespace

bool SentenceBreaker::Split(std::string_view text, std::vector<uint32_t>* ends) {
  const Class* bmp = BmpTable();
  // A first pass checks well-formedness and finds the first character that
  // can end a sentence; most short feedback has neither terminator nor
  // newline: one sentence, and no items are built nor rules run. (Skipping
  // 8 ASCII bytes at a time was tried: more instructions on mixed feedback,
  // whose ASCII runs are short.)
  size_t first_end = text.size();  // byte offset of the first such character
  size_t last_base = text.size();  // of the last character before it that starts an item
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    Class cls;
    if (!NextClass(bmp, text, &i, &cls)) return false;
    if (first_end != text.size()) continue;
    if ((kMayEnd >> cls) & 1u) first_end = start;
    else if (cls != U_SB_EXTEND && cls != U_SB_FORMAT) last_base = start;
  }
  if (text.empty()) return true;
  if (first_end < text.size()) {
    // Well-formed: decode again into items, at most one per byte, written
    // by index into a buffer sized once. No rule breaks before the first
    // terminator or separator, and the rules look back from it only to the
    // item before it (SB7): items start there. A character that is not
    // Extend/Format starts an item wherever the pass begins, so the items
    // from it on are those a pass from the text's start would build.
    thread_local std::vector<Item> items;
    if (items.size() < text.size()) items.resize(text.size());
    size_t count = 0;
    size_t from = last_base < first_end ? last_base : 0;
    for (size_t i = from; i < text.size();) {
      Class cls;
      NextClass(bmp, text, &i, &cls);
      if ((cls == U_SB_EXTEND || cls == U_SB_FORMAT) && count > 0 && !IsParaSep(items[count - 1].cls)) {
        items[count - 1].end = uint32_t(i);  // SB5: X (Extend | Format)* → X
        continue;
      }
      items[count++] = {cls, uint32_t(i)};
    }
    std::span<const Item> view(items.data(), count);
    for (size_t j = 1; j < count; ++j) {
      if (BreakBefore(view, j)) ends->push_back(view[j - 1].end);
    }
  }
  ends->push_back(uint32_t(text.size()));
  return true;
}

}  // namespace cxmap::core
