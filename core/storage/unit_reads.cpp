// SPDX-License-Identifier: Apache-2.0
#include "core/storage/unit_reads.h"

namespace cxmap::core {

using Json = nlohmann::ordered_json;

Result<std::pair<Json, Json>> ReadUnitDetails(SqliteDb& db, int64_t record, int64_t response) {
  Json results = Json::object(), answers = Json::array();
  auto res = db.Prepare(
      "SELECT plugin, field, value_type, value FROM results WHERE record = ?1 AND sentence = -1"
      " ORDER BY plugin, field");
  if (!res.ok()) return res.status();
  res->BindInt(1, record);
  for (;;) {
    auto row = res->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string type(res->ColumnText(2));
    Json v;
    if (type == "integer") v = res->ColumnInt(3);
    else if (type == "real") v = res->ColumnOptionalDouble(3).value_or(0);
    else if (type == "bool") v = res->ColumnInt(3) != 0;
    else if (type == "json") v = Json::parse(res->ColumnText(3), nullptr, false);
    else if (type == "string") v = std::string(res->ColumnText(3));
    results[std::string(res->ColumnText(0))][std::string(res->ColumnText(1))] = std::move(v);
  }
  auto ans = db.Prepare(
      "SELECT question, question_text, kind, value, number FROM answers WHERE response = ?1"
      " ORDER BY question, ordinal");
  if (!ans.ok()) return ans.status();
  ans->BindInt(1, response);
  for (;;) {
    auto row = ans->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto number = ans->ColumnOptionalDouble(4);
    answers.push_back({{"question", std::string(ans->ColumnText(0))},
                       {"question_text", std::string(ans->ColumnText(1))},
                       {"kind", std::string(ans->ColumnText(2))},
                       {"value", std::string(ans->ColumnText(3))},
                       {"number", number ? Json(*number) : Json(nullptr)}});
  }
  return std::make_pair(std::move(results), std::move(answers));
}

std::optional<std::string> ReadRecordLevelText(SqliteDb& db, std::string_view plugin,
                                               std::string_view field) {
  auto stmt = db.Prepare(
      "SELECT value FROM results WHERE plugin = ?1 AND field = ?2 AND sentence = -1 LIMIT 1");
  if (!stmt.ok()) return std::nullopt;
  stmt->BindText(1, plugin);
  stmt->BindText(2, field);
  auto row = stmt->Step();
  if (!row.ok() || !*row || stmt->ColumnIsNull(0)) return std::nullopt;
  return std::string(stmt->ColumnText(0));
}

}  // namespace cxmap::core
