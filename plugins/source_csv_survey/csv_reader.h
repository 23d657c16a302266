// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cxmap::csv {

/// One record as the reader found it. Field views point into the reader's
/// storage and stay valid until the next call to CsvReader::Next().
struct CsvRow {
  uint64_t line = 0;  ///< 1-based physical line where the record starts
  std::vector<std::string_view> fields;
  bool unterminated_quote = false;  ///< input ended inside a quoted field
  bool too_large = false;           ///< longer than max_record_bytes; fields truncated
  /// Set by readers other than CsvReader (XLSX) when a cell of the row
  /// cannot be read: the reason, naming the cell. The row is rejected.
  std::string_view problem;
};

/// An RFC 4180 reader over a UTF-8 (or any ASCII-compatible) byte stream,
/// written as a resumable state machine so input can arrive in chunks of any
/// size, cut anywhere, and memory stays bounded by the longest record.
///
/// Accepted beyond RFC 4180: LF, CRLF and lone CR line ends (mixed freely);
/// any single-byte delimiter; a quote inside an unquoted field, or text
/// after a closing quote, is kept literally (as Excel and Python do) rather
/// than failing the record; blank lines between records are skipped.
///
/// Not thread-safe; one reader per input.
class CsvReader {
 public:
  struct Options {
    char delimiter = ',';
    char quote = '"';
    /// Beyond this many bytes a record stops being stored (its fields are
    /// truncated and CsvRow::too_large is set) but is still scanned to its
    /// end, so an unterminated quote cannot make memory grow with the file.
    size_t max_record_bytes = size_t{16} << 20;
  };

  enum class Event { kRow, kNeedInput, kEnd };

  explicit CsvReader(Options options);

  /// Hands the reader the next piece of input. `chunk` is borrowed: it must
  /// stay valid until Next() returns kNeedInput. `last` marks end of input.
  void Feed(std::string_view chunk, bool last);

  /// Parses on. kRow: `row` holds the next record. kNeedInput: the current
  /// chunk is used up, call Feed(). kEnd: input exhausted (after last=true).
  Event Next(CsvRow* row);

  /// Physical line the reader is on (1-based).
  uint64_t line() const { return line_; }

  /// Numbers lines from `line` on: for a reader that starts at a row in the
  /// middle of a file (a piece, see piece_split.h). Call before any Feed().
  void StartAtLine(uint64_t line) { line_ = row_line_ = line; }

 private:
  enum class State { kRecordStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

  void Append(const char* begin, const char* end);
  void EndField();
  void FinishRow(CsvRow* row);
  void CountLineBreaks(const char* begin, const char* end);
  /// Consumes a line end at `p_` (CR, LF or CRLF) and completes the row.
  void EndLine();
  bool StepRecordStart();
  void StepUnquoted();
  void StepQuoted();
  bool StepQuoteInQuoted();

  Options options_;
  bool is_special_[256] = {};  // delimiter, quote, CR, LF
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  bool last_ = false;
  State state_ = State::kRecordStart;
  bool skip_lf_ = false;        // a CR ended the previous line; swallow a following LF
  bool prev_cr_ = false;        // inside quoted text: the previous byte was CR
  bool row_done_ = false;
  uint64_t line_ = 1;
  uint64_t row_line_ = 1;
  bool unterminated_ = false;
  bool too_large_ = false;
  std::string data_;            // unescaped bytes of the current record's fields
  std::vector<size_t> ends_;    // end offset in data_ of each completed field
};

/// The delimiter among `, ; TAB |` that splits `sample` (decoded UTF-8, the
/// first rows of a file) into the most consistent number of fields (>1) per
/// row; ',' when none does. Quote-aware: uses CsvReader itself. `columns` is
/// set to the field count of the first row for the chosen delimiter.
char DetectDelimiter(std::string_view sample, bool sample_is_whole_file, size_t* columns);

/// Human name of a delimiter: "comma", "semicolon", "tab", "pipe" or the char.
std::string DelimiterName(char delimiter);

}  // namespace cxmap::csv
