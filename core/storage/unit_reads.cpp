// SPDX-License-Identifier: Apache-2.0
#include "core/storage/unit_reads.h"

#include "core/storage/span_codec.h"

namespace cxmap::core {

using Json = nlohmann::ordered_json;

namespace {

// The spans of one stored value as {field, begin, end, text, evidence},
// appended to `out`. A span that does not fit the text or the evidence
// (a database edited by hand) is left out rather than read past the end.
Status AddSpans(std::string_view field, std::string_view blob, std::string_view evidence_json,
                std::string_view text, Json* out) {
  Result<std::vector<ResultSpan>> spans = DecodeSpans(blob);
  if (!spans.ok()) return spans.status();
  const Json evidence = Json::parse(evidence_json, nullptr, false);
  for (const ResultSpan& s : *spans) {
    if (s.begin > s.end || s.end > text.size() || !evidence.is_array() ||
        s.evidence >= evidence.size()) {
      continue;
    }
    out->push_back({{"field", field},
                    {"begin", s.begin},
                    {"end", s.end},
                    {"text", text.substr(s.begin, s.end - s.begin)},
                    {"evidence", evidence[s.evidence]}});
  }
  return Status::Ok();
}

}  // namespace

Result<UnitDetails> ReadUnitDetails(SqliteDb& db, int64_t record, int64_t response) {
  Json results = Json::object(), spans = Json::object(), answers = Json::array();
  auto res = db.Prepare(
      "SELECT plugin, field, value_type, value, evidence, spans,"
      " CASE WHEN spans IS NULL THEN NULL ELSE (SELECT text FROM units WHERE rowid = ?1) END"
      " FROM results WHERE record = ?1 AND sentence = -1 ORDER BY plugin, field");
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
    if (res->ColumnIsNull(5)) continue;
    Json& list = spans[std::string(res->ColumnText(0))];
    if (list.is_null()) list = Json::array();
    // Copies: the next column read may move the bytes of this one.
    const std::string blob(res->ColumnBlob(5)), evidence(res->ColumnText(4));
    CXMAP_RETURN_IF_ERROR(AddSpans(res->ColumnText(1), blob, evidence, res->ColumnText(6), &list));
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
  return UnitDetails{std::move(results), std::move(spans), std::move(answers)};
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
