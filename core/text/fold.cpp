// SPDX-License-Identifier: Apache-2.0
#include "core/text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>

#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

struct HanRow {
  char32_t cp;
  char32_t folded;
  unsigned char cls;
};
constexpr HanRow kHanRows[] = {
#include "core/text/han_table.inc"
};
constexpr char32_t kHanBase = 0x3400;

// Lower case, then strip what NFD splits off if the base is an ASCII letter.
// This is the "table built once" that replaces an ICU Transliterator (~80×
// slower per the notes); letters without an ASCII base (Æ, Ø) stay as they are.
char32_t FoldLatin(const icu::Normalizer2* nfd, char32_t c) {
  char32_t lower = u_tolower(static_cast<UChar32>(c));
  if (lower == 0x111) return 'd';  // đ has no decomposition
  if (u_getCombiningClass(static_cast<UChar32>(c)) != 0 || (c >= 0x300 && c <= 0x36F)) return 0;
  icu::UnicodeString decomposed;
  UErrorCode status = U_ZERO_ERROR;
  nfd->normalize(icu::UnicodeString(static_cast<UChar32>(lower)), decomposed, status);
  if (U_FAILURE(status) || decomposed.isEmpty()) return lower;
  UChar32 base = decomposed.char32At(0);
  return base < 0x80 ? static_cast<char32_t>(base) : lower;
}

bool IsEmojiModifier(char32_t c) { return c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF); }

}  // namespace

const Folder& Folder::Get() {
  static const Folder folder;  // C++11 magic static: built once, thread-safe
  return folder;
}

Folder::Folder() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  for (char32_t c = 0; c < 0x250; ++c) {
    latin_[c] = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : FoldLatin(nfd, c);
  }
  for (char32_t c = 0; c < 0x100; ++c) vietnamese_[c] = FoldLatin(nfd, 0x1E00 + c);
  for (char32_t c = 0; c < 0x250; ++c) lower_latin_[c] = LowerSlow(c);
  for (char32_t c = 0; c < 0x100; ++c) lower_vietnamese_[c] = LowerSlow(0x1E00 + c);
  for (char32_t c = 0; c < std::size(han_); ++c) {
    han_[c] = kHanBase + c;
    han_class_[c] = 0;
  }
  for (const HanRow& row : kHanRows) {
    if (row.cp < kHanBase || row.cp >= kHanBase + std::size(han_)) continue;
    han_[row.cp - kHanBase] = row.folded;
    han_class_[row.cp - kHanBase] = row.cls;
  }
}

char32_t Folder::LowerSlow(char32_t c) {
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

char32_t Folder::SimplifyChar(char32_t c) const {
  if (c >= kHanBase && c < kHanBase + std::size(han_)) return han_[c - kHanBase];
  if (c >= 0xF900) {
    // Rare: compatibility ideographs and supplementary planes, binary search.
    auto it = std::lower_bound(std::begin(kHanRows), std::end(kHanRows), c,
                               [](const HanRow& r, char32_t v) { return r.cp < v; });
    if (it != std::end(kHanRows) && it->cp == c) return it->folded;
  }
  return c;
}

HanClass Folder::ClassOf(char32_t c) const {
  if (c >= kHanBase && c < kHanBase + std::size(han_)) return HanClass(han_class_[c - kHanBase]);
  return HanClass::kNeutral;
}

char32_t Folder::FoldCharSlow(char32_t c) const {
  if (c < 0x250) return latin_[c];
  if (c >= 0x300 && c <= 0x36F) return 0;
  if (c >= 0x1E00 && c <= 0x1EFF) return vietnamese_[c - 0x1E00];
  if (IsEmojiModifier(c)) return 0;
  if (c >= kHanBase) return SimplifyChar(c);
  if (utf8::IsThai(c)) return c;  // caseless: what u_tolower would return
  return LowerSlow(c);
}

void Folder::FoldAppend(std::string_view in, std::string* out) const {
  for (size_t i = 0; i < in.size();) {
    unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {  // ASCII fast path
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    char32_t f = FoldChar(utf8::Next(in, &i));
    if (f != 0) utf8::Append(f, out);
  }
}

bool Folder::FoldAppendIsSimplify(std::string_view in, std::string* out) const {
  // One decoding pass writing through a pointer. Folding writes at most 3
  // bytes per input byte (an invalid byte becomes U+FFFD): size for that,
  // then trim.
  size_t start = out->size();
  out->resize(start + 3 * in.size());
  char* p = out->data() + start;
  bool same = true;
  for (size_t i = 0; i < in.size();) {
    unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      *p++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    // Thai (U+0E00..0E7F, E0 B8/B9 xx) folds to itself: copy its bytes,
    // no decoding and no out-of-line FoldChar call.
    if (b == 0xE0 && i + 3 <= in.size() && (static_cast<unsigned char>(in[i + 1]) | 1) == 0xB9 &&
        (static_cast<unsigned char>(in[i + 2]) & 0xC0) == 0x80) {
      p[0] = in[i], p[1] = in[i + 1], p[2] = in[i + 2];
      p += 3, i += 3;
      continue;
    }
    char32_t c = utf8::Next(in, &i);
    same &= utf8::IsThai(c) || (c >= kHanBase && c < 0xA000);
    char32_t f = FoldChar(c);
    if (f == 0) continue;
    if (f < 0x80) {
      *p++ = static_cast<char>(f);
    } else if (f < 0x800) {
      *p++ = static_cast<char>(0xC0 | (f >> 6));
      *p++ = static_cast<char>(0x80 | (f & 0x3F));
    } else if (f < 0x10000) {
      *p++ = static_cast<char>(0xE0 | (f >> 12));
      *p++ = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (f & 0x3F));
    } else {  // as utf8::Append
      *p++ = static_cast<char>(0xF0 | (f >> 18));
      *p++ = static_cast<char>(0x80 | ((f >> 12) & 0x3F));
      *p++ = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (f & 0x3F));
    }
  }
  out->resize(static_cast<size_t>(p - out->data()));
  return same;
}

bool Folder::FoldIsSimplify(std::string_view in) {
  for (size_t i = 0; i < in.size();) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t c = utf8::Next(in, &i);
    if (!utf8::IsThai(c) && !(c >= kHanBase && c < 0xA000)) return false;
  }
  return true;
}

void Folder::SimplifyAppend(std::string_view in, std::string* out) const {
  for (size_t i = 0; i < in.size();) {
    unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    char32_t c = utf8::Next(in, &i);
    if (IsEmojiModifier(c)) continue;
    c = c >= kHanBase ? SimplifyChar(c)
        : utf8::IsThai(c) ? c  // caseless
                          : LowerChar(c);
    utf8::Append(c, out);
  }
}

}  // namespace cxmap::core
