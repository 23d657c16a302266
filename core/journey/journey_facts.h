// SPDX-License-Identifier: Apache-2.0
// Reading what the journey map is built from: record-level facts and
// sentence-level units, under one filter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/journey/journey_metrics.h"
#include "core/journey/keyphrases.h"
#include "core/journey/record_filter.h"
#include "core/storage/sqlite_db.h"

namespace cxmap::core {

/// One record, from the `facts` view.
struct Fact {
  int64_t record = 0;
  int64_t response = 0;  ///< the response the unit belongs to
  std::string text, lang, channel, segment;
  std::optional<int64_t> time_ms;
  std::optional<double> nps, csat, ces, rating, duration_s, hold_s;
  std::string disposition;  ///< a call's outcome, as the source wrote it
  std::string touchpoint, stage, owner;  ///< empty when unmapped
  int sentiment_label = 0;               ///< +1 / 0 / -1
  std::optional<double> sentiment;       ///< score; empty when not analysed
  bool journey_done = false;
};

/// One sentence of a record with its own touchpoint and sentiment, or the
/// whole record when no sentence-level results were stored.
struct Unit {
  size_t fact = 0;  ///< index into the facts
  std::string text;
  std::string touchpoint;
  int sentiment_label = 0;
  double sentiment = 0;
};

/// The phrase keys of every unit (keyphrases.h), and the corpus statistics
/// over all units.
struct PhraseIndex {
  std::vector<std::vector<std::string>> keys;  ///< per unit
  PhraseStats corpus;
};
PhraseIndex IndexPhrases(const std::vector<Fact>& facts, const std::vector<Unit>& units);

/// Adds `--since` / `--until` (ISO dates) to a compiled filter, and keeps
/// out the records of stakeholder lists (attribute kind=stakeholder) and
/// units that are not the customer's voice (agent, brand, system).
Result<SqlFilter> WithTimeWindow(SqlFilter filter, const std::string& since, const std::string& until);

/// Records matching `filter`, in storage order.
Result<std::vector<Fact>> LoadFacts(SqliteDb& db, const SqlFilter& filter);

/// Sentence units of `facts` (same filter), falling back to one unit per
/// record for records without sentence results.
Result<std::vector<Unit>> LoadUnits(SqliteDb& db, const SqlFilter& filter,
                                    const std::vector<Fact>& facts);

/// Scores over every response (not only those with text): the headline
/// figures of a map.
struct ResponseTotals {
  uint64_t responses = 0;
  uint64_t with_text = 0;
  ScoreAccumulator scores;
};

/// Totals over the responses in [since, until) (stakeholder lists left
/// out); with a `where` filter, over the responses that have a customer
/// unit matching it, plus the text-less responses whose own fields match.
Result<ResponseTotals> LoadResponseTotals(SqliteDb& db, std::string_view where,
                                          const std::string& since, const std::string& until);

/// Everything a journey view reads: the facts and units of the records
/// matching `where` (record_filter.h) within [since, until], and their
/// phrase index.
struct JourneyData {
  std::vector<Fact> facts;
  std::vector<Unit> units;
  PhraseIndex phrases;
};
Result<JourneyData> LoadJourneyData(SqliteDb& db, std::string_view where, const std::string& since,
                                    const std::string& until);

/// Binds `values` to `stmt` from parameter `first` (1-based) on.
void BindAll(Statement& stmt, const std::vector<SqlValue>& values, int first = 1);

int LabelValue(std::string_view label);

}  // namespace cxmap::core
