// SPDX-License-Identifier: Apache-2.0
#include "core/storage/fact_reads.h"

#include <tuple>
#include <unordered_map>

#include "core/storage/field_roles.h"

namespace cxmap::core {

void BindAll(Statement& stmt, const std::vector<SqlValue>& values, int first) {
  int i = first;
  for (const auto& v : values) {
    if (const auto* n = std::get_if<int64_t>(&v)) {
      stmt.BindInt(i++, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      stmt.BindDouble(i++, *d);
    } else {
      stmt.BindText(i++, std::get<std::string>(v));
    }
  }
}

Result<SqlFilter> WithTimeWindow(SqlFilter filter, const std::string& since, const std::string& until) {
  // Stakeholder lists (internal people, not customers) never count in the
  // customer journey; source_stakeholders marks their records kind=stakeholder.
  filter.sql = (filter.sql.empty() ? "" : "(" + filter.sql + ") AND ") +
               "(json_extract(attributes, '$.kind') IS NOT 'stakeholder')"
               " AND (speaker IN ('customer', 'unknown'))";
  auto add = [&](const std::string& when, const char* op) -> Status {
    if (when.empty()) return Status::Ok();
    auto ms = ParseIsoTimeMs(when);
    if (!ms.ok()) return Status::InvalidArgument(std::string(op[0] == '>' ? "--since: " : "--until: ") + ms.status().message());
    filter.sql = (filter.sql.empty() ? "" : "(" + filter.sql + ") AND ") + "(time_ms " + op + " ?)";
    filter.binds.emplace_back(*ms);
    return Status::Ok();
  };
  CXMAP_RETURN_IF_ERROR(add(since, ">="));
  CXMAP_RETURN_IF_ERROR(add(until, "<"));
  return filter;
}

Result<std::vector<Fact>> LoadFacts(SqliteDb& db, const SqlFilter& filter) {
  std::string sql =
      "SELECT record, text, lang, channel, segment, time_ms, nps, csat, ces, rating, "
      "CAST(json_extract(attributes, '$.duration_s') AS REAL), touchpoint, stage, owner, "
      "sentiment_label, sentiment, journey_done, response, "
      "CAST(json_extract(attributes, '$.hold_s') AS REAL), "
      "coalesce(json_extract(attributes, '$.disposition'), '') FROM facts";
  if (!filter.sql.empty()) sql += " WHERE " + filter.sql;
  sql += " ORDER BY record";
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, filter.binds);
  std::vector<Fact> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Fact f;
    f.record = stmt->ColumnInt(0);
    f.text = stmt->ColumnText(1);
    f.lang = stmt->ColumnText(2);
    f.channel = stmt->ColumnText(3);
    f.segment = stmt->ColumnText(4);
    f.time_ms = stmt->ColumnOptionalInt(5);
    f.nps = stmt->ColumnOptionalDouble(6);
    f.csat = stmt->ColumnOptionalDouble(7);
    f.ces = stmt->ColumnOptionalDouble(8);
    f.rating = stmt->ColumnOptionalDouble(9);
    f.duration_s = stmt->ColumnOptionalDouble(10);
    f.touchpoint = stmt->ColumnText(11);
    f.stage = stmt->ColumnText(12);
    f.owner = stmt->ColumnText(13);
    f.sentiment_label = LabelValue(stmt->ColumnText(14));
    f.sentiment = stmt->ColumnOptionalDouble(15);
    f.journey_done = stmt->ColumnInt(16) != 0;
    f.response = stmt->ColumnOptionalInt(17).value_or(-f.record);
    f.hold_s = stmt->ColumnOptionalDouble(18);
    f.disposition = stmt->ColumnText(19);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<Unit>> LoadUnits(SqliteDb& db, const SqlFilter& filter,
                                    const std::vector<Fact>& facts) {
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < facts.size(); ++i) index.emplace(facts[i].record, i);
  // The sentence-level values of the roles touchpoint, sentiment.label and
  // sentiment.score, from whichever plugins declare them.
  auto roles = ResolveRoles(db);
  if (!roles.ok()) return roles.status();
  std::vector<SqlValue> binds;
  std::string sql = "SELECT s.record, s.sentence, max(s.sentence_text)", plugins = "''";
  for (const char* role : {"touchpoint", "sentiment.label", "sentiment.score"}) {
    auto it = roles->find(role);
    if (it == roles->end()) {
      sql += ", NULL";
      continue;
    }
    sql += ", max(CASE WHEN s.plugin = ? AND s.field = ? THEN s.value END)";
    binds.emplace_back(it->second.plugin);
    binds.emplace_back(it->second.field);
    plugins += ", ?";
  }
  // The touchpoint's evidence: the cues that named it.
  if (auto it = roles->find("touchpoint"); it != roles->end()) {
    sql += ", max(CASE WHEN s.plugin = ? AND s.field = ? THEN s.evidence END)";
    binds.emplace_back(it->second.plugin);
    binds.emplace_back(it->second.field);
  } else {
    sql += ", NULL";
  }
  std::string field_names = "''";
  for (const char* role : {"touchpoint", "sentiment.label", "sentiment.score"}) {
    if (auto it = roles->find(role); it != roles->end()) {
      binds.emplace_back(it->second.plugin);
      field_names += ", ?";
    }
  }
  for (const char* role : {"touchpoint", "sentiment.label", "sentiment.score"}) {
    if (auto it = roles->find(role); it != roles->end()) binds.emplace_back(it->second.field);
  }
  // The stage's field too: a sentence the journey placed on a stage but on
  // no touchpoint still counts when no sentiment row covers it.
  if (auto it = roles->find("stage"); it != roles->end()) {
    field_names += ", ?";
    binds.emplace_back(it->second.field);
  }
  // Naming the fields, not only the plugins, lets SQLite skip every other
  // column's arm of the results view: 5.1 s → 1.6 s at 100k responses.
  sql += " FROM results s WHERE s.sentence >= 0 AND s.plugin IN (" + plugins +
         ") AND s.field IN (" + field_names + ") AND s.record IN (SELECT record FROM facts";
  if (!filter.sql.empty()) sql += " WHERE " + filter.sql;
  sql += ") GROUP BY s.record, s.sentence ORDER BY s.record, s.sentence";
  binds.insert(binds.end(), filter.binds.begin(), filter.binds.end());
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, binds);
  std::vector<Unit> out;
  std::vector<bool> covered(facts.size(), false);
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto it = index.find(stmt->ColumnInt(0));
    if (it == index.end()) continue;
    Unit u;
    u.fact = it->second;
    u.text = stmt->ColumnText(2);
    u.touchpoint = stmt->ColumnText(3);
    u.sentiment_label = LabelValue(stmt->ColumnText(4));
    u.sentiment = stmt->ColumnOptionalDouble(5).value_or(0);
    u.touchpoint_evidence = stmt->ColumnText(6);
    if (u.text.empty()) continue;
    covered[u.fact] = true;
    out.push_back(std::move(u));
  }
  for (size_t i = 0; i < facts.size(); ++i) {
    if (covered[i] || facts[i].text.empty()) continue;
    out.push_back({i, facts[i].text, facts[i].touchpoint, facts[i].sentiment_label,
                   facts[i].sentiment.value_or(0)});
  }
  return out;
}

namespace {

// The `facts` columns for responses without any unit.
constexpr const char* kTextlessFacts =
    "WITH facts AS (SELECT NULL AS record, p.key AS id, p.source AS source,"
    " p.import_id AS import_id, p.response_id AS external_id, p.channel AS channel,"
    " p.sub_channel AS sub_channel, p.time_ms AS time_ms, p.language AS lang, '' AS text,"
    " p.respondent AS respondent, p.segment AS segment, p.nps AS nps, p.csat AS csat,"
    " p.ces AS ces, p.rating AS rating, p.attributes AS attributes, NULL AS touchpoint,"
    " NULL AS stage, NULL AS owner, NULL AS journey_confidence, NULL AS sentiment_label,"
    " NULL AS sentiment, 0 AS journey_done, p.rowid AS response, 'customer' AS speaker"
    " FROM responses p WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.response = p.rowid))";

}  // namespace

Result<SqlFilter> ResponseFilter(std::string_view response_column, std::string_view where) {
  auto compiled = CompileFilter(where);
  if (!compiled.ok()) return compiled.status();
  // A response matches through one of its customer units, or, when it has
  // none (a respondent who wrote nothing), through its own fields: the
  // same filter runs over a `facts` of text-less responses (the CTE
  // shadows the view), where unit fields such as stage are NULL.
  const std::string column(response_column);
  SqlFilter out;
  out.sql = "(" + column + " IN (SELECT response FROM facts WHERE (" + compiled->sql +
            ") AND speaker IN ('customer', 'unknown')) OR " + column + " IN (" + kTextlessFacts +
            " SELECT response FROM facts WHERE " + compiled->sql + "))";
  out.binds = compiled->binds;
  out.binds.insert(out.binds.end(), compiled->binds.begin(), compiled->binds.end());
  return out;
}

Status ReadResponseScores(SqliteDb& db, std::string_view where, const std::string& since,
                          const std::string& until,
                          const std::function<void(const ResponseScoreRow&)>& fn) {
  std::string sql =
      "SELECT p.nps, p.csat, p.ces, p.channel, "
      "CAST(json_extract(p.attributes, '$.duration_s') AS REAL), "
      "EXISTS (SELECT 1 FROM records r WHERE r.response = p.rowid"
      " AND r.speaker_role IN ('customer', 'unknown')), "
      "CAST(json_extract(p.attributes, '$.hold_s') AS REAL), "
      "coalesce(json_extract(p.attributes, '$.disposition'), ''), p.rowid "
      "FROM responses p WHERE (json_extract(p.attributes, '$.kind') IS NOT 'stakeholder')"
      // A brand's own post (or an agent-only record) is not a customer's
      // response: counted when it has customer words, or no words at all.
      " AND (EXISTS (SELECT 1 FROM records r WHERE r.response = p.rowid"
      " AND r.speaker_role IN ('customer', 'unknown'))"
      " OR NOT EXISTS (SELECT 1 FROM records r WHERE r.response = p.rowid))";
  std::vector<SqlValue> binds;
  for (const auto& [when, op, flag] : {std::tuple{since, " >= ?", "--since: "},
                                       std::tuple{until, " < ?", "--until: "}}) {
    if (when.empty()) continue;
    auto ms = ParseIsoTimeMs(when);
    if (!ms.ok()) return Status::InvalidArgument(flag + ms.status().message());
    sql += std::string(" AND p.time_ms") + op;
    binds.emplace_back(*ms);
  }
  if (!where.empty()) {
    auto filter = ResponseFilter("p.rowid", where);
    if (!filter.ok()) return filter.status();
    sql += " AND " + filter->sql;
    binds.insert(binds.end(), filter->binds.begin(), filter->binds.end());
  }
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, binds);
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ResponseScoreRow r;
    r.nps = stmt->ColumnOptionalDouble(0);
    r.csat = stmt->ColumnOptionalDouble(1);
    r.ces = stmt->ColumnOptionalDouble(2);
    r.channel = stmt->ColumnText(3);
    r.duration_s = stmt->ColumnOptionalDouble(4);
    r.has_customer_text = stmt->ColumnInt(5) != 0;
    r.hold_s = stmt->ColumnOptionalDouble(6);
    r.disposition = stmt->ColumnText(7);
    r.response = stmt->ColumnInt(8);
    fn(r);
  }
  return Status::Ok();
}

Result<uint64_t> CountFacts(SqliteDb& db, const SqlFilter& filter) {
  auto stmt = db.Prepare("SELECT count(*) FROM facts" +
                         (filter.sql.empty() ? std::string() : " WHERE " + filter.sql));
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, filter.binds);
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  return static_cast<uint64_t>(stmt->ColumnInt(0));
}

Status ReadQueryRows(SqliteDb& db, const SqlFilter& filter, size_t limit,
                     const std::function<Status(const QueryRow&)>& fn) {
  auto stmt = db.Prepare(
      "SELECT id, lang, channel, segment, time_ms, touchpoint, stage, sentiment_label, sentiment, "
      "nps, csat, text, record, response, attributes FROM facts" +
      (filter.sql.empty() ? std::string() : " WHERE " + filter.sql) + " ORDER BY record LIMIT ?");
  if (!stmt.ok()) return stmt.status();
  BindAll(*stmt, filter.binds);
  stmt->BindInt(static_cast<int>(filter.binds.size()) + 1,
                limit == 0 ? -1 : static_cast<int64_t>(limit));
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto text = [&](int col) {
      return stmt->ColumnIsNull(col) ? std::nullopt
                                     : std::optional<std::string>(stmt->ColumnText(col));
    };
    QueryRow r;
    r.id = text(0);
    r.language = text(1);
    r.channel = text(2);
    r.segment = text(3);
    r.time_ms = stmt->ColumnOptionalInt(4);
    r.touchpoint = text(5);
    r.stage = text(6);
    r.sentiment = text(7);
    r.score = stmt->ColumnOptionalDouble(8);
    r.nps = stmt->ColumnOptionalDouble(9);
    r.csat = stmt->ColumnOptionalDouble(10);
    r.text = text(11);
    r.record = stmt->ColumnInt(12);
    r.response = stmt->ColumnOptionalInt(13).value_or(0);
    r.attributes = stmt->ColumnText(14);
    CXMAP_RETURN_IF_ERROR(fn(r));
  }
  return Status::Ok();
}

Status ReadRatingAnswers(SqliteDb& db, const std::function<void(const RatingAnswerRow&)>& fn) {
  auto stmt = db.Prepare(
      "SELECT response, question, question_text, number FROM answers"
      " WHERE kind = 'rating' AND number IS NOT NULL ORDER BY response, question, ordinal");
  if (!stmt.ok()) return stmt.status();
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    RatingAnswerRow r;
    r.response = stmt->ColumnInt(0);
    r.question = stmt->ColumnText(1);
    r.question_text = stmt->ColumnText(2);
    r.number = stmt->ColumnDouble(3);
    fn(r);
  }
  return Status::Ok();
}

}  // namespace cxmap::core
