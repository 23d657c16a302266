// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "cxmap/status.h"
#include "workbook.h"
#include "xml_parser.h"
#include "zip_archive.h"

namespace cxmap::csv::xlsx {

/// One sheet row as text cells, the way a CSV row would hold them.
struct SheetRow {
  uint64_t number = 0;             ///< the sheet's 1-based row number
  std::vector<std::string> cells;  ///< column A first; gaps are empty strings
  std::string problem;             ///< first unreadable cell, e.g. "cell C7: …"; empty if none
  bool too_large = false;          ///< longer than max_row_bytes; cells truncated
};

/// Streams the rows of one worksheet: the sheet XML is inflated and parsed
/// 64 KiB at a time, so memory holds a row, not the sheet. Cell values:
/// shared and inline strings, numbers as written, booleans TRUE/FALSE,
/// errors as written (#N/A), numbers in a date style as "YYYY-MM-DD
/// HH:MM:SS" (1900 or 1904 date system). Rows without any value are
/// skipped. Not thread-safe; the workbook must outlive the reader.
class SheetReader {
 public:
  /// `max_row_bytes` bounds one row's text (a cell may hold 10 MB).
  static Result<std::unique_ptr<SheetReader>> Open(ZipArchive& zip, const Workbook& workbook,
                                                   const SheetRef& sheet, size_t max_row_bytes);
  ~SheetReader();

  /// The next row; false at the end. A malformed sheet or a zip limit ends
  /// the stream with one last row whose problem names the part, line and
  /// column (the rows before it are good); Next() then returns false.
  Result<bool> Next(SheetRow* row);
  /// Inflated bytes of the sheet so far and its declared size.
  uint64_t bytes_done() const;
  uint64_t bytes_total() const;

 private:
  class Handler;
  SheetReader() = default;
  Status Pump();

  std::unique_ptr<ZipEntry> entry_;
  std::unique_ptr<Handler> handler_;
  std::unique_ptr<XmlParser> parser_;
  std::deque<SheetRow> ready_;  // rows parsed from the last chunk, not yet returned
  std::string buffer_;
  bool done_ = false;
};

/// "C7" for column index 2 (0-based) and row 7.
std::string CellName(size_t column, uint64_t row);
/// Column index (0-based) and row of a reference such as "AB12"; false if
/// it is not one (or beyond XFD1048576).
bool ParseCellName(std::string_view ref, size_t* column, uint64_t* row);
/// An Excel serial date as "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or
/// "HH:MM:SS"; empty when out of range (negative, past year 9999).
std::string SerialToText(double serial, bool date1904);

}  // namespace cxmap::csv::xlsx
