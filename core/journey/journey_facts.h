// SPDX-License-Identifier: Apache-2.0
// What the journey map is built from: the units and sentences the store
// reads (core/storage/fact_reads.h), their phrase index, and the scores of
// every response.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/journey/journey_metrics.h"
#include "core/journey/keyphrases.h"
#include "core/model/fact.h"
#include "core/storage/fact_reads.h"
#include "core/storage/sqlite_db.h"

namespace cxmap::core {

/// The phrase keys of every unit (keyphrases.h), and the corpus statistics
/// over all units.
struct PhraseIndex {
  std::vector<std::vector<std::string>> keys;  ///< per unit
  PhraseStats corpus;
};
PhraseIndex IndexPhrases(const std::vector<Fact>& facts, const std::vector<Unit>& units);

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

}  // namespace cxmap::core
