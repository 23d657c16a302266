// SPDX-License-Identifier: Apache-2.0
#include "core/storage/export_reads.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/storage/fact_reads.h"

namespace cxmap::core {
namespace {

// "Q2" < "Q10" < "Q10_1": runs of digits compare as numbers, the rest as
// bytes, so questions come out in the order the survey asked them.
bool NaturalLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

ExportValue ColumnValue(const Statement& stmt, int col) {
  switch (stmt.ColumnType(col)) {
    case SQLITE_INTEGER: return stmt.ColumnInt(col);
    case SQLITE_FLOAT: return stmt.ColumnDouble(col);
    case SQLITE_NULL: return std::monostate{};
    default: return std::string(stmt.ColumnText(col));
  }
}

}  // namespace

const std::vector<std::string>& ResponseExportColumns() {
  static const std::vector<std::string> columns = {
      "response", "key", "source", "response_id", "channel", "sub_channel", "time",
      "language", "segment", "respondent", "nps", "nps_group", "csat", "ces", "rating",
      "text_units", "text", "sentiment", "sentiment_score", "positive_units", "negative_units",
      "touchpoints", "stages", "file", "line"};
  return columns;
}

Result<std::vector<ExportQuestion>> ReadExportQuestions(SqliteDb& db) {
  auto stmt = db.Prepare(
      "SELECT question, max(question_text), max(kind) FROM bi_answers GROUP BY question");
  if (!stmt.ok()) return stmt.status();
  std::vector<ExportQuestion> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({std::string(stmt->ColumnText(0)), std::string(stmt->ColumnText(1)),
                   std::string(stmt->ColumnText(2))});
  }
  std::stable_sort(out.begin(), out.end(), [](const ExportQuestion& a, const ExportQuestion& b) {
    return NaturalLess(a.id, b.id);
  });
  return out;
}

Status ReadResponsesForExport(SqliteDb& db, const std::vector<ExportQuestion>& questions,
                              std::string_view where,
                              const std::function<Status(const ResponseExportRow&)>& fn) {
  std::string sql;
  for (const std::string& c : ResponseExportColumns()) sql += (sql.empty() ? "" : ", ") + c;
  sql = "SELECT " + sql + " FROM bi_responses";
  std::vector<SqlValue> binds;
  if (!where.empty()) {
    auto filter = ResponseFilter("response", where);
    if (!filter.ok()) return filter.status();
    sql += " WHERE " + filter->sql;
    binds = std::move(filter->binds);
  }
  sql += " ORDER BY response";
  auto rows = db.Prepare(sql);
  if (!rows.ok()) return rows.status();
  BindAll(*rows, binds);
  // The answers table's key is (response, question, ordinal): this walk
  // needs no sort and meets the responses in the same order.
  auto answers = db.Prepare(
      "SELECT response, question, value, number FROM answers ORDER BY response, question, ordinal");
  if (!answers.ok()) return answers.status();
  std::unordered_map<std::string, size_t> column_of;
  for (size_t i = 0; i < questions.size(); ++i) column_of.emplace(questions[i].id, i);

  const size_t width = ResponseExportColumns().size();
  bool answer_pending = false, answers_done = false;
  ResponseExportRow out;
  for (;;) {
    auto row = rows->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.values.clear();
    for (size_t c = 0; c < width; ++c) out.values.push_back(ColumnValue(*rows, static_cast<int>(c)));
    out.answers.assign(questions.size(), std::nullopt);
    const int64_t response = rows->ColumnInt(0);
    while (!answers_done) {
      if (!answer_pending) {
        auto more = answers->Step();
        if (!more.ok()) return more.status();
        if (!*more) {
          answers_done = true;
          break;
        }
        answer_pending = true;
      }
      const int64_t owner = answers->ColumnInt(0);
      if (owner > response) break;  // the next response's
      answer_pending = false;
      if (owner < response) continue;  // a response left out of the view
      auto it = column_of.find(std::string(answers->ColumnText(1)));
      if (it == column_of.end()) continue;
      auto& cell = out.answers[it->second];
      if (!cell) cell.emplace();
      cell->values.emplace_back(answers->ColumnText(2));
      cell->number = cell->values.size() == 1 ? answers->ColumnOptionalDouble(3) : std::nullopt;
    }
    CXMAP_RETURN_IF_ERROR(fn(out));
  }
  return Status::Ok();
}

Result<ExportTableRows> ReadRejectsForExport(SqliteDb& db) {
  auto stmt = db.Prepare(
      "SELECT import_id, file, line, reason, excerpt FROM bi_rejects ORDER BY file, line, reason");
  if (!stmt.ok()) return stmt.status();
  ExportTableRows out;
  out.columns = {"import_id", "file", "line", "reason", "excerpt"};
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::vector<ExportValue> values;
    for (int c = 0; c < 5; ++c) values.push_back(ColumnValue(*stmt, c));
    out.rows.push_back(std::move(values));
  }
  return out;
}

}  // namespace cxmap::core
