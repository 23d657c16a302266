// SPDX-License-Identifier: Apache-2.0
// UTF-8 checks and excerpts every source needs: is a cell valid UTF-8, cut
// a text at a code point boundary, and a printable excerpt of untrusted
// bytes for a reject message.
//
// Written by hand rather than taken from ICU: plugins depend only on the
// SDK, and a vendor building out of tree must not need ICU's headers for
// thirty lines. Validation follows RFC 3629 (no overlong forms, no
// surrogates, nothing above U+10FFFF); an ill-formed sequence is replaced by
// one U+FFFD per maximal subpart, as Unicode (§3.9) and ICU's U8_NEXT do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cxmap::support {

/// The length (1-4) of the well-formed sequence that starts at s[i]; 0 when
/// it is ill-formed, with `*subpart` set to the bytes to skip (the maximal
/// subpart, at least 1). A sequence cut off by the end of `s` is ill-formed.
inline size_t Utf8SequenceAt(std::string_view s, size_t i, size_t* subpart) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *subpart = 1;
    return 0;
  }
  for (size_t k = 1; k < n; ++k) {
    const bool ok = i + k < s.size() &&
                    (k == 1 ? byte(i + k) >= lo && byte(i + k) <= hi
                            : byte(i + k) >= 0x80 && byte(i + k) <= 0xBF);
    if (!ok) {
      *subpart = k;
      return 0;
    }
  }
  return n;
}

/// The offset of the first ill-formed byte of `s`, or npos when it is valid
/// UTF-8. With `allow_truncated_tail`, a sequence cut off by the end of `s`
/// (a buffer that ends mid-character) counts as valid.
inline size_t FirstInvalidUtf8(std::string_view s, bool allow_truncated_tail = false) {
  for (size_t i = 0; i < s.size();) {
    // ASCII fast path, eight bytes at a time: most feedback bytes are ASCII.
    uint64_t word;
    if (i + 8 <= s.size() && (std::memcpy(&word, s.data() + i, 8), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t subpart = 0;
    const size_t n = Utf8SequenceAt(s, i, &subpart);
    if (n == 0) {
      if (allow_truncated_tail && i + subpart == s.size() &&
          static_cast<unsigned char>(s[i]) >= 0xC2 && static_cast<unsigned char>(s[i]) <= 0xF4) {
        return std::string_view::npos;
      }
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

inline bool IsValidUtf8(std::string_view s, bool allow_truncated_tail = false) {
  return FirstInvalidUtf8(s, allow_truncated_tail) == std::string_view::npos;
}

/// At most `max_bytes` of valid UTF-8 `s`, cut at a code point boundary
/// (never inside a character).
inline std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

/// A printable excerpt of untrusted bytes: valid UTF-8 of at most
/// `max_bytes`, each ill-formed subpart replaced by U+FFFD, cut at a
/// character. With `newlines_to_spaces`, CR and LF become spaces (an
/// excerpt meant for one line of a message).
inline std::string SafeExcerpt(std::string_view s, size_t max_bytes,
                               bool newlines_to_spaces = false) {
  // Fast path, the usual case on the hot result path: valid text that fits
  // is copied in one go instead of character by character.
  if (s.size() <= max_bytes && IsValidUtf8(s) &&
      (!newlines_to_spaces || s.find_first_of("\r\n") == std::string_view::npos)) {
    return std::string(s);
  }
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t subpart = 0;
    const size_t n = Utf8SequenceAt(s, i, &subpart);
    std::string_view piece = n == 0 ? std::string_view("\xEF\xBF\xBD") : s.substr(i, n);
    if (newlines_to_spaces && n == 1 && (s[i] == '\n' || s[i] == '\r')) piece = " ";
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += n == 0 ? subpart : n;
  }
  return out;
}

}  // namespace cxmap::support
