// SPDX-License-Identifier: Apache-2.0
// Where `cxmap export` puts its tables: CSV, JSON or XLSX behind one
// interface, so every view is written the same way by every format. A
// writer receives tables one after another (CSV and JSON one, XLSX a
// sheet each), then Finish() puts the file in place.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/storage/export_reads.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// A column: `key` names it in JSON (stable, ASCII: a question's id),
/// `title` heads it in CSV and XLSX (what a reader sees), `wide` asks a
/// spreadsheet for room (texts, quotes).
struct ExportColumn {
  std::string key, title;
  bool wide = false;
};

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual Status BeginTable(const std::string& name, const std::vector<ExportColumn>& columns) = 0;
  /// One value per column, in column order.
  virtual Status Row(const std::vector<ExportValue>& values) = 0;
  virtual Status EndTable() = 0;
  /// Completes the file; before this nothing is at the destination.
  virtual Status Finish() = 0;
};

enum class ExportFormat { kCsv, kJson, kXlsx };

/// `path` "-" writes to standard output (CSV and JSON); anything else is
/// written through a temporary file beside it, renamed into place by
/// Finish(), so a failed export never leaves half a file under its name.
/// CSV and XLSX cells of text that a spreadsheet would run as a formula
/// are neutralised (cell_safety.h); JSON keeps every value exact.
/// `multi_table` (JSON): the file is an object of tables, not one array.
Result<std::unique_ptr<TableWriter>> OpenTableWriter(ExportFormat format, const std::string& path,
                                                     bool multi_table);

}  // namespace cxmap::core
