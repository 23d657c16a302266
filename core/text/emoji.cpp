// SPDX-License-Identifier: Apache-2.0
#include "core/text/emoji.h"

#include <unicode/uchar.h>

#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

constexpr std::string_view kEmoticons[] = {
    ":'(", ":-)", ":-(", ":-d", ":-p", ";-)", "^_^", "^.^", "t_t", "t.t", "-_-", "</3", ">.<",
    ":)",  ":(",  ":d",  ":p",  ";)",  "=)",  "=(",  "=d",  ":v",  "^^",  "<3",  ":|",  ":/",
    ":o",  "@@",  ":3",  "=]",  ":]",  ":["};

bool IsRegional(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
bool IsPictographic(char32_t c) {
  return c >= 0x2190 && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC);
}
bool IsModifier(char32_t c) { return c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3; }

bool Repeats(std::string_view s, char c) {
  for (char x : s) {
    if (x != c) return false;
  }
  return true;
}

}  // namespace

size_t EmojiScanner::EmojiAt(std::string_view s, size_t i) {
  unsigned char lead = static_cast<unsigned char>(s[i]);
  if (lead < 0xE2) return 0;  // all emoji are ≥ U+2190
  // U+4000..U+9FFF (CJK ideographs) hold no Extended_Pictographic character
  // (tests/unit/text/tokenizer_test.cpp checks ICU's data): skip the lookup.
  if (lead >= 0xE4 && lead <= 0xE9) return 0;
  size_t j = i;
  char32_t c = utf8::Next(s, &j);
  if (IsRegional(c)) {
    size_t k = j;
    if (k < s.size() && IsRegional(utf8::Next(s, &k))) j = k;
    return j - i;
  }
  if (!IsPictographic(c)) return 0;
  while (j < s.size()) {
    size_t k = j;
    char32_t d = utf8::Next(s, &k);
    if (IsModifier(d)) {
      j = k;
    } else if (d == 0x200D && k < s.size()) {  // ZWJ joins the next pictograph
      size_t m = k;
      if (!IsPictographic(utf8::Next(s, &m))) break;
      j = m;
    } else {
      break;
    }
  }
  return j - i;
}

namespace {

constexpr bool AllStartWithTwoAsciiBytes() {
  for (std::string_view e : kEmoticons) {
    if (e.size() < 2 || static_cast<unsigned char>(e[0]) >= 0x80 || static_cast<unsigned char>(e[1]) >= 0x80) return false;
  }
  return true;
}
static_assert(AllStartWithTwoAsciiBytes(), "EmoticonAt's first check");

// Which (first, second) byte pairs start an emoticon: most calls (a word
// starting with 't', a lone '-') end at this check instead of comparing
// against every emoticon.
struct EmoticonStarts {
  bool pair[128][128] = {};
  constexpr EmoticonStarts() {
    for (std::string_view e : kEmoticons) pair[static_cast<unsigned char>(e[0])][static_cast<unsigned char>(e[1])] = true;
  }
};
constexpr EmoticonStarts kEmoticonStarts;

}  // namespace

size_t EmojiScanner::EmoticonAt(std::string_view s, size_t i) {
  std::string_view rest = s.substr(i);
  // Every emoticon has two ASCII bytes or more.
  if (rest.size() < 2) return 0;
  unsigned char b0 = static_cast<unsigned char>(rest[0]), b1 = static_cast<unsigned char>(rest[1]);
  if (b0 >= 0x80 || b1 >= 0x80 || !kEmoticonStarts.pair[b0][b1]) return 0;
  for (std::string_view e : kEmoticons) {
    if (e[0] != rest[0] || rest.substr(0, e.size()) != e) continue;
    size_t n = e.size();
    char last = e.back();
    while (n < rest.size() && rest[n] == last && (last == ')' || last == '(' || last == '^')) ++n;
    // ":d" must not start ":dat", ":/" must not be a URL.
    if (n < rest.size() && utf8::IsAsciiAlpha(static_cast<unsigned char>(rest[n])) &&
        utf8::IsAsciiAlpha(static_cast<unsigned char>(last))) {
      continue;
    }
    if (e == ":/" && n < rest.size() && rest[n] == '/') continue;
    return n;
  }
  return 0;
}

bool EmojiScanner::IsLaughterWord(std::string_view w) {
  if (w == "lol" || w == "lmao" || w == "kaka") return true;
  if (w.size() >= 3 && Repeats(w, 'k')) return true;
  if (w.size() < 4) return false;
  for (std::string_view unit : {"ha", "hi", "he", "hj"}) {
    size_t k = 0;
    while (k + 2 <= w.size() && w.substr(k, 2) == unit) k += 2;
    if (k >= 4 && (k == w.size() || (k + 1 == w.size() && w[k] == 'h'))) return true;
  }
  return false;
}

bool EmojiScanner::IsThaiLaughter(std::string_view digits) {
  return digits.size() >= 3 && Repeats(digits, '5');
}

}  // namespace cxmap::core
