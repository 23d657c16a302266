// SPDX-License-Identifier: Apache-2.0
// `cxmap empathy`: the empathy map (says / thinks / feels / does) filled
// from the stored sentence results of analysis_empathy_map, with counts and
// quotes in the customers' own words, overall or per segment or stage.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/sqlite_db.h"

namespace cxmap::core {

struct EmpathyQuery {
  std::string by;        ///< "", "segment" or "stage"
  std::string where;     ///< filter language (core/storage/record_filter.h)
  size_t items = 5;      ///< per quadrant
  size_t quotes = 3;     ///< per item
};

/// JSON shape: docs/cli.md (`empathy --json`).
Result<nlohmann::ordered_json> BuildEmpathyMap(SqliteDb& db, const EmpathyQuery& query);

/// The empathy map of everyone (first group, "all") followed by one group
/// per segment: what the report and `export --view empathy` show.
Result<nlohmann::ordered_json> BuildEmpathyOverview(SqliteDb& db, const std::string& where);

}  // namespace cxmap::core
