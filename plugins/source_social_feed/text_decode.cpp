// SPDX-License-Identifier: Apache-2.0
#include "text_decode.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace cxmap::social {
namespace {

/// NUL bytes at odd (LE) or even (BE) offsets of an ASCII-heavy header:
/// a UTF-16 file written without a BOM.
std::string_view GuessBomlessUtf16(std::string_view b) {
  size_t n = std::min<size_t>(b.size() & ~size_t{1}, 400);
  if (n < 8) return {};
  size_t zero_odd = 0, zero_even = 0;
  for (size_t i = 0; i < n; i += 2) {
    zero_even += b[i] == '\0' ? 1 : 0;
    zero_odd += b[i + 1] == '\0' ? 1 : 0;
  }
  size_t units = n / 2;
  if (zero_odd * 10 >= units * 7 && zero_even * 10 <= units) return "UTF-16LE";
  if (zero_even * 10 >= units * 7 && zero_odd * 10 <= units) return "UTF-16BE";
  return {};
}

// Hand-written rather than an ICU converter: ICU substitutes bad units
// silently, and the row that holds one must be rejected, not altered.
std::string Utf16ToUtf8(std::string_view b, bool big_endian, bool complete) {
  std::string out;
  out.reserve(b.size());
  auto unit = [&](size_t i) -> uint16_t {
    auto hi = static_cast<uint8_t>(b[big_endian ? i : i + 1]);
    auto lo = static_cast<uint8_t>(b[big_endian ? i + 1 : i]);
    return static_cast<uint16_t>(hi << 8 | lo);
  };
  size_t i = 0;
  for (; i + 1 < b.size(); i += 2) {
    uint32_t c = unit(i);
    if (U16_IS_LEAD(c)) {
      if (i + 3 < b.size() && U16_IS_TRAIL(unit(i + 2))) {
        c = U16_GET_SUPPLEMENTARY(c, unit(i + 2));
        i += 2;
      } else if (!complete && i + 3 >= b.size()) {
        break;  // the pair was cut by the head's end
      } else {
        out.push_back('\xFF');
        continue;
      }
    } else if (U16_IS_TRAIL(c)) {
      out.push_back('\xFF');
      continue;
    }
    uint8_t buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
  }
  if (complete && i < b.size()) out.push_back('\xFF');  // odd byte count: a cut file
  return out;
}

}  // namespace

DecodedText DecodeExport(std::string_view bytes, bool complete) {
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    return {Utf16ToUtf8(bytes.substr(2), false, complete), "UTF-16LE", "UTF-16LE byte order mark"};
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") {
    return {Utf16ToUtf8(bytes.substr(2), true, complete), "UTF-16BE", "UTF-16BE byte order mark"};
  }
  std::string_view guess = GuessBomlessUtf16(bytes);
  if (!guess.empty()) {
    return {Utf16ToUtf8(bytes, guess == "UTF-16BE", complete), std::string(guess),
            "NUL in every other byte, no byte order mark"};
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return {std::string(bytes.substr(3)), "UTF-8", "UTF-8 byte order mark"};
  }
  return {std::string(bytes), "UTF-8", "no byte order mark"};
}

}  // namespace cxmap::social
