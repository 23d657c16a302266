// SPDX-License-Identifier: Apache-2.0
// The reads behind `cxmap export --view responses`: the rows of the
// bi_responses view (migration_10.h) merged with each response's closed
// answers, streamed in storage order so a million responses never sit in
// memory. The SQL lives here, in the storage layer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// A value as SQLite typed it: NULL, integer, real or text.
using ExportValue = std::variant<std::monostate, int64_t, double, std::string>;

/// A closed question: its id, its wording, and its kind (answers.kind).
struct ExportQuestion {
  std::string id, text, kind;
};

/// Every closed question of the stored responses, in the order a reader
/// expects (ids compared with their digits as numbers: Q2 before Q10).
Result<std::vector<ExportQuestion>> ReadExportQuestions(SqliteDb& db);

/// One answer cell of a response: the values it gave to one question in
/// ordinal order (several for a multiple-choice question), and the number
/// when the question has exactly one numeric value.
struct ExportAnswer {
  std::vector<std::string> values;
  std::optional<double> number;
};

/// One row of bi_responses with its answers, indexed like the questions
/// of ReadExportQuestions (absent: the response did not answer).
struct ResponseExportRow {
  std::vector<ExportValue> values;  ///< in the order of ResponseExportColumns()
  std::vector<std::optional<ExportAnswer>> answers;
};

/// The column names of bi_responses, as ResponseExportRow::values has them.
const std::vector<std::string>& ResponseExportColumns();

/// Calls `fn` for every row of bi_responses in response order, with its
/// answers to `questions`; with a `where` filter (record_filter.h), only
/// the responses that ReadResponseScores counts for it. Stops at the first
/// error `fn` returns.
Status ReadResponsesForExport(SqliteDb& db, const std::vector<ExportQuestion>& questions,
                              std::string_view where,
                              const std::function<Status(const ResponseExportRow&)>& fn);

/// A whole BI view read as rows of typed values, for the small views
/// (bi_rejects): its column names and rows in storage order.
struct ExportTableRows {
  std::vector<std::string> columns;
  std::vector<std::vector<ExportValue>> rows;
};
Result<ExportTableRows> ReadRejectsForExport(SqliteDb& db);

}  // namespace cxmap::core
