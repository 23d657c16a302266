// SPDX-License-Identifier: Apache-2.0
// Minimal UTF-8 stepping shared by the text services. Invalid bytes decode
// as U+FFFD and advance one byte, so no input can stall a loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cxmap::core::utf8 {

/// Decodes the code point at `s[*i]` and advances `*i` past it.
inline char32_t Next(std::string_view s, size_t* i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(*i);
  if (c < 0x80) return (*i)++, c;
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || *i + len > s.size()) return (*i)++, 0xFFFD;
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    if ((b(*i + k) & 0xC0) != 0x80) return (*i)++, 0xFFFD;
    cp = (cp << 6) | (b(*i + k) & 0x3F);
  }
  *i += len;
  return cp;
}

/// Appends the UTF-8 encoding of `cp` to `out`.
inline void Append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline bool IsThai(char32_t c) { return c >= 0x0E00 && c <= 0x0E7F; }
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}
inline bool IsKana(char32_t c) { return c >= 0x3040 && c <= 0x30FF; }
inline bool IsHangul(char32_t c) { return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF); }
inline bool IsAsciiAlpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
/// Latin letters this engine handles: ASCII, Latin-1/Extended-A/B, the
/// Vietnamese block, and combining marks that follow them (NFD input).
inline bool IsLatin(char32_t c) {
  return IsAsciiAlpha(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x300 && c <= 0x36F);
}

}  // namespace cxmap::core::utf8
