// SPDX-License-Identifier: Apache-2.0
// Feedback is untrusted, and a spreadsheet runs a cell that starts with
// "=" (or "+", "-", "@", which Excel and LibreOffice also read as the
// start of a formula; a leading TAB or CR hides one). OWASP's CSV
// injection guidance: prefix such a cell with a single quote, so it is
// shown as the text it is and never evaluated. Numbers written as numbers
// are not text and keep their sign.
#pragma once

#include <string>
#include <string_view>

namespace cxmap::core {

/// True when a spreadsheet could read `text` as a formula.
inline bool LooksLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

/// `text`, with a leading "'" when LooksLikeFormula(text).
inline std::string NeutraliseFormula(std::string_view text) {
  if (!LooksLikeFormula(text)) return std::string(text);
  std::string out = "'";
  out += text;
  return out;
}

}  // namespace cxmap::core
