// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"
#include "zip_archive.h"

namespace cxmap::csv::xlsx {

/// One worksheet as the workbook lists it.
struct SheetRef {
  std::string name;  ///< as shown on the tab
  std::string part;  ///< package path, e.g. "xl/worksheets/sheet1.xml"
};

/// What a sheet's cells need from the rest of an XLSX package: the shared
/// strings, which cell styles are dates, and the date system. Read once,
/// fully (these parts are small next to the sheet), from the workbook's
/// relationships rather than fixed paths. Immutable after Open(); safe to
/// share between threads.
class Workbook {
 public:
  /// Reads the workbook, its relationships, shared strings and styles.
  /// InvalidArgument (naming the part and line) for a package that is not
  /// a workbook or has malformed XML; limits as ZipArchive.
  static Result<std::unique_ptr<Workbook>> Open(ZipArchive& zip);

  const std::vector<SheetRef>& sheets() const { return sheets_; }
  /// The sheet called `name` (exact, then case-insensitive), or the first
  /// when `name` is empty. InvalidArgument listing the sheets otherwise.
  Result<SheetRef> Sheet(std::string_view name) const;
  const std::vector<std::string>& shared_strings() const { return shared_strings_; }
  /// True when cell style (cellXfs index) `style` formats numbers as dates.
  bool IsDateStyle(size_t style) const { return style < date_styles_.size() && date_styles_[style]; }
  bool date1904() const { return date1904_; }

 private:
  Workbook() = default;
  Status ReadWorkbook(ZipArchive& zip, const std::string& part);
  Status ReadSharedStrings(ZipArchive& zip, const std::string& part);
  Status ReadStyles(ZipArchive& zip, const std::string& part);

  std::vector<SheetRef> sheets_;
  std::vector<std::string> shared_strings_;
  std::vector<bool> date_styles_;
  bool date1904_ = false;
};

/// True when an Excel number format code shows a date or time: a d, m, y,
/// h or s outside quoted text, escapes and [colour]/[$-locale] brackets.
bool IsDateFormatCode(std::string_view code);

/// True for the built-in number formats (ECMA-376 18.8.30) that are dates
/// or times, including the East Asian ones (27-36, 50-58).
bool IsBuiltInDateFormat(int id);

/// Decodes the _xHHHH_ escapes Excel writes for control characters.
std::string DecodeXmlEscapes(std::string_view s);

}  // namespace cxmap::csv::xlsx
