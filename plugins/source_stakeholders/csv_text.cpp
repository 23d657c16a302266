// SPDX-License-Identifier: Apache-2.0
#include "csv_text.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace cxmap::stakeholders {
namespace {

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

DecodedText DecodeList(std::string_view bytes, bool complete) {
  if (bytes.substr(0, 2) == "\xFF\xFE") return {Utf16ToUtf8(bytes.substr(2), false, complete), "UTF-16LE"};
  if (bytes.substr(0, 2) == "\xFE\xFF") return {Utf16ToUtf8(bytes.substr(2), true, complete), "UTF-16BE"};
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return {std::string(bytes), "UTF-8"};
}

std::string_view Trim(std::string_view s) {
  auto space_at = [](std::string_view v, size_t i) {
    if (v[i] == ' ' || v[i] == '\t') return size_t{1};
    return v.substr(i, 2) == "\xC2\xA0" ? size_t{2} : size_t{0};
  };
  while (!s.empty()) {
    size_t n = space_at(s, 0);
    if (n == 0) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

bool IsBlank(const CsvRow& row) {
  for (const auto& f : row.fields) {
    if (!Trim(f).empty()) return false;
  }
  return true;
}

}  // namespace cxmap::stakeholders
