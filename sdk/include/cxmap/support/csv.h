// SPDX-License-Identifier: Apache-2.0
// An RFC 4180 splitter for a delimited text held in memory: what a source
// needs for a small export read at once (a stakeholder list, a Play
// Console review file). The survey source streams large files with its
// own reader; a line-based log may split one line with Boost.Spirit.
//
// Written by hand: Debian has no C++ CSV library, and plugins never link
// each other, so this header is how two sources share one splitter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cxmap::support {

/// One delimited row and the physical line it starts on (1-based).
struct CsvRow {
  std::vector<std::string> fields;
  uint64_t line = 0;
  std::string_view raw;       ///< the row's bytes (line end included), for excerpts
  bool unterminated = false;  ///< a quoted field ran to the end of the text
};

/// Splits UTF-8 text into rows: `delimiter` between fields, '"' quotes a
/// field (blanks before the opening quote are dropped) with "" for a
/// quote inside, line breaks inside quotes belong to the field, and LF,
/// CRLF or CR end a row. As spreadsheets do, a quote in the middle of an
/// unquoted field and text after a closing quote are kept as written.
/// Not thread-safe; `text` must outlive the splitter and its rows' `raw`.
class CsvSplitter {
 public:
  explicit CsvSplitter(std::string_view text, char delimiter = ',')
      : text_(text), delimiter_(delimiter) {}

  /// The next row; false at the end of the text.
  bool Next(CsvRow* row) {
    row->fields.clear();
    row->unterminated = false;
    if (pos_ >= text_.size()) return false;
    row->line = line_;
    const size_t row_start = pos_;
    std::string field;
    bool quoted = false, was_quoted = false, blank_so_far = true;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
          field.push_back(c);
        }
        continue;
      }
      if (c == '"' && !was_quoted && blank_so_far) {
        quoted = was_quoted = true;
        field.clear();
      } else if (c == delimiter_) {
        row->fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
        blank_so_far = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        row->fields.push_back(std::move(field));
        row->raw = text_.substr(row_start, pos_ - row_start);
        return true;
      } else {
        field.push_back(c);
        if (c != ' ' && c != '\t') blank_so_far = false;
      }
    }
    row->unterminated = quoted;
    row->fields.push_back(std::move(field));
    row->raw = text_.substr(row_start, pos_ - row_start);
    return true;
  }

  /// Bytes consumed so far.
  size_t position() const { return pos_; }

 private:
  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
};

}  // namespace cxmap::support
