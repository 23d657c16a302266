// SPDX-License-Identifier: Apache-2.0
// What a source says when a JSON document is broken or hostile: where the
// parser stopped as a line and column, a reason a person can act on
// (truncated file, bad UTF-8, or the parser's own words), a safe excerpt,
// and a guard against nesting deep enough to exhaust the stack of a
// recursive reader. Parser-agnostic: give it the byte offset and message
// your parser reports (nlohmann's parse_error::byte is 1-based: pass
// byte - 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cxmap/support/utf8.h"

namespace cxmap::support {

/// The offset of the first '[' or '{' that opens a level deeper than
/// `max_depth` (brackets inside strings do not count), or npos.
inline size_t FirstTooDeep(std::string_view json, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

/// A problem at a place in a text.
struct JsonProblem {
  uint64_t line = 0;   ///< 1-based, counting from `first_line`
  size_t column = 0;   ///< 1-based byte column
  std::string reason;
  std::string excerpt;  ///< the line, cut to 200 bytes; empty when not UTF-8
};

/// Line (from `first_line`) and column (1-based) of byte `at` of `data`,
/// and that line's excerpt.
inline JsonProblem ProblemAt(std::string_view data, size_t at, uint64_t first_line,
                             std::string reason) {
  if (at > data.size()) at = data.size();
  JsonProblem p;
  p.line = first_line;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (data[i] == '\n') ++p.line, line_start = i + 1;
  }
  p.column = at - line_start + 1;
  p.reason = std::move(reason);
  std::string_view rest = data.substr(line_start);
  std::string_view excerpt = TruncateUtf8(rest.substr(0, rest.find('\n')), 200);
  if (FirstInvalidUtf8(excerpt) == std::string_view::npos) p.excerpt = std::string(excerpt);
  return p;
}

/// A parser stopped at byte `at` (0-based) of `data` saying `message`: a
/// document that ends there (or only blanks follow) was cut off; a parser
/// that names UTF-8 met a bad byte; anything else is reported with the
/// parser's words.
inline JsonProblem DescribeJsonError(std::string_view data, size_t at, uint64_t first_line,
                                     std::string_view message) {
  const size_t last_content = data.find_last_not_of(" \t\r\n");
  const bool truncated = message.find("unexpected end of input") != std::string_view::npos ||
                         last_content == std::string_view::npos || at >= last_content;
  const bool bad_utf8 = message.find("UTF-8") != std::string_view::npos;
  return ProblemAt(data, at, first_line,
                   truncated  ? "JSON ends early (truncated file?)"
                   : bad_utf8 ? "invalid UTF-8 in a JSON string"
                              : "not valid JSON: " + std::string(message));
}

}  // namespace cxmap::support
