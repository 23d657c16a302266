// SPDX-License-Identifier: Apache-2.0
// The reads behind the journey map, the empathy map and `query`: units from
// the `facts` view under a compiled filter (record_filter.h), their sentence
// values by role, and every response's scores. The SQL lives here, in the
// storage layer; core/journey turns the rows into maps.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/fact.h"
#include "core/storage/record_filter.h"
#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// Binds `values` to `stmt` from parameter `first` (1-based) on.
void BindAll(Statement& stmt, const std::vector<SqlValue>& values, int first = 1);

/// Adds `--since` / `--until` (ISO dates) to a compiled filter, and keeps
/// out the records of stakeholder lists (attribute kind=stakeholder) and
/// units that are not the customer's voice (agent, brand, system).
Result<SqlFilter> WithTimeWindow(SqlFilter filter, const std::string& since, const std::string& until);

/// Units matching `filter`, in storage order.
Result<std::vector<Fact>> LoadFacts(SqliteDb& db, const SqlFilter& filter);

/// Sentence units of `facts` (same filter) with the sentence values of the
/// roles touchpoint, sentiment.label and sentiment.score, falling back to
/// one unit per fact for facts without sentence results.
Result<std::vector<Unit>> LoadUnits(SqliteDb& db, const SqlFilter& filter,
                                    const std::vector<Fact>& facts);

/// One row of `cxmap query`: a unit's fields as the facts view has them
/// (nullopt for SQL NULL).
struct QueryRow {
  std::optional<std::string> id, language, channel, segment, touchpoint, stage, sentiment, text;
  std::optional<int64_t> time_ms;
  std::optional<double> score, nps, csat;
  int64_t record = 0, response = 0;
  std::string attributes;  ///< JSON object text
};

/// How many units match `filter`.
Result<uint64_t> CountFacts(SqliteDb& db, const SqlFilter& filter);

/// The first `limit` units matching `filter` (0: all), in storage order;
/// stops at the first error `fn` returns. `fn` may read `db` meanwhile.
Status ReadQueryRows(SqliteDb& db, const SqlFilter& filter, size_t limit,
                     const std::function<Status(const QueryRow&)>& fn);

/// The condition "the response in `response_column` matches `where`"
/// (record_filter.h): through one of its customer units, or, for a
/// response without units, through its own fields.
Result<SqlFilter> ResponseFilter(std::string_view response_column, std::string_view where);

/// One response's scores and call figures.
struct ResponseScoreRow {
  int64_t response = 0;  ///< response_rows rowid
  std::optional<double> nps, csat, ces, duration_s, hold_s;
  std::string channel, disposition;
  bool has_customer_text = false;  ///< it has a customer (or unknown) unit
};

/// Calls `fn` for every response in [since, until) (stakeholder lists and
/// brand-only responses left out); with a `where` filter, for the responses
/// that have a customer unit matching it, plus the text-less responses
/// whose own fields match.
Status ReadResponseScores(SqliteDb& db, std::string_view where, const std::string& since,
                          const std::string& until,
                          const std::function<void(const ResponseScoreRow&)>& fn);

/// One numeric answer to a rating question (answers.kind = 'rating').
struct RatingAnswerRow {
  int64_t response = 0;
  std::string question, question_text;
  double number = 0;
};

/// Every numeric rating answer, by response and question.
Status ReadRatingAnswers(SqliteDb& db, const std::function<void(const RatingAnswerRow&)>& fn);

}  // namespace cxmap::core
