// SPDX-License-Identifier: Apache-2.0
#include "core/util/terminal_text.h"

#include <fmt/format.h>

namespace cxmap::core {

namespace {

std::string Escape(std::string_view s, bool keep_indented_newlines) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      if (keep_indented_newlines && s.substr(i + 1, 2) == "  ")
        out += '\n';
      else
        out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      // U+0080..U+009F: C1 controls (CSI is U+009B).
      out += fmt::format("\\u{{{:02x}}}", static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string TerminalSafe(std::string_view s) { return Escape(s, false); }

std::string TerminalSafeMessage(std::string_view s) { return Escape(s, true); }

}  // namespace cxmap::core
