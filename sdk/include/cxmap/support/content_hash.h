// SPDX-License-Identifier: Apache-2.0
// A stable content hash for sources that must name a response their input
// gives no id for (a Google Forms row, a generic CSV without an id column).
//
// Written by hand rather than taken from a library: plugins depend only on
// the SDK, std::hash differs between standard libraries and releases, and
// an identity must read the same on every host for ever. FNV-1a 64 is
// public-domain, a dozen lines, and collides with probability ~n²/2⁶⁵
// (3·10⁻⁸ for a million rows of one survey), which is what ids inside one
// survey need; it is not a cryptographic hash and must not be used as one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cxmap::support {

/// FNV-1a over a sequence of parts. Each part is length-prefixed, so
/// ("a", "bc") and ("ab", "c") hash differently.
class ContentHash {
 public:
  ContentHash& Add(std::string_view part) {
    uint64_t n = part.size();
    for (int i = 0; i < 8; ++i) Byte(static_cast<unsigned char>(n >> (8 * i)));
    for (char c : part) Byte(static_cast<unsigned char>(c));
    return *this;
  }
  uint64_t value() const { return h_; }
  /// 16 lowercase hex digits.
  std::string Hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = kDigits[(h_ >> (4 * i)) & 0xF];
    return out;
  }

 private:
  void Byte(unsigned char b) {
    h_ ^= b;
    h_ *= 0x100000001b3ULL;  // FNV 64-bit prime
  }
  uint64_t h_ = 0xcbf29ce484222325ULL;  // FNV 64-bit offset basis
};

}  // namespace cxmap::support
