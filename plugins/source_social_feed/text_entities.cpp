// SPDX-License-Identifier: Apache-2.0
#include "text_entities.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace cxmap::social {
namespace {

/// Letters, marks, decimal digits and '_' in any script (ICU character
/// classes, so Thai and Han tags work as they do on the platforms).
bool IsWordChar(UChar32 c) {
  if (c == '_') return true;
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

bool IsHandleChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '.';
}

void AddOnce(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

/// The code point ending just before byte `i` (0 at the start or after a
/// bad byte): what precedes a '#' or '@'.
UChar32 Previous(std::string_view s, int32_t i) {
  if (i == 0) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  UChar32 c;
  U8_PREV(p, 0, i, c);
  return c < 0 ? 0 : c;
}

/// The code point starting at byte `i` (0 for a bad sequence).
UChar32 NextCodePoint(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto at = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, at, static_cast<int32_t>(s.size()), c);
  return c < 0 ? 0 : c;
}

/// Length in bytes of a hashtag body starting at `i` (0 if none).
size_t HashtagBody(std::string_view s, int32_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), start = i;
  bool has_non_digit = false;
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !IsWordChar(c)) {
      i = at;
      break;
    }
    if (!(c >= '0' && c <= '9')) has_non_digit = true;
  }
  return has_non_digit ? static_cast<size_t>(i - start) : 0;
}

/// Length of a URL starting at `i`, closing punctuation trimmed.
size_t UrlLength(std::string_view s, size_t i) {
  size_t end = i;
  while (end < s.size() && static_cast<unsigned char>(s[end]) > ' ' && s[end] != '"' &&
         s[end] != '<' && s[end] != '>') {
    ++end;
  }
  while (end > i && std::string_view(".,;:!?)]}'").find(s[end - 1]) != std::string_view::npos) {
    --end;
  }
  return end - i;
}

}  // namespace

TextEntities ExtractEntities(std::string_view text) {
  TextEntities out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    std::string_view rest = text.substr(static_cast<size_t>(at));
    if (rest.substr(0, 7) == "http://" || rest.substr(0, 8) == "https://") {
      size_t len = UrlLength(text, static_cast<size_t>(at));
      AddOnce(out.urls, std::string(text.substr(static_cast<size_t>(at), len)));
      i = at + static_cast<int32_t>(std::max<size_t>(len, 1));
      continue;
    }
    UChar32 before = Previous(text, at);
    if ((c == '#' || c == 0xFF03) && !IsWordChar(before) && before != '&') {
      size_t len = HashtagBody(text, i);
      if (len > 0) {
        AddOnce(out.hashtags, "#" + std::string(text.substr(static_cast<size_t>(i), len)));
        i += static_cast<int32_t>(len);
      }
      continue;
    }
    bool reddit_user = c == 'u' && rest.substr(0, 2) == "u/" && !IsWordChar(before) && before != '/';
    if ((c == '@' && !IsWordChar(before)) || reddit_user) {
      size_t body = static_cast<size_t>(at) + (reddit_user ? 2 : 1);
      size_t end = body;
      while (end < text.size() && IsHandleChar(text[end])) ++end;
      while (end > body && text[end - 1] == '.') --end;  // "@name." ends a sentence
      // "@Nguyễn" is a name typed after '@', not a handle "@Nguy".
      bool cut_word = end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80 &&
                      IsWordChar(NextCodePoint(text, end));
      if (end > body && !cut_word) {
        AddOnce(out.mentions, std::string(text.substr(static_cast<size_t>(at), end - at)));
        i = static_cast<int32_t>(end);
      }
    }
  }
  return out;
}

std::string JoinSpaced(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace cxmap::social
