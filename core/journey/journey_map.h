// SPDX-License-Identifier: Apache-2.0
// The journey map: every stored record on its stage and touchpoint, with
// volume, the emotion curve, NPS / CSAT / CES, call figures, themes and
// pain points with quotes — overall and cut by segment, language or channel.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/journey/journey_labels.h"
#include "core/storage/sqlite_db.h"

namespace cxmap::core {

struct JourneyQuery {
  std::string where;             ///< filter language (record_filter.h)
  std::string since, until;      ///< ISO dates, inclusive since / exclusive until
  std::string by;                ///< "", "segment", "language" or "channel"
  size_t pain_points = 5;        ///< per touchpoint
  size_t themes = 5;             ///< per touchpoint
  size_t quotes = 3;             ///< per pain point
  size_t unmapped_examples = 5;
};

/// Builds the map from the `facts` view and the sentence-level results of
/// `db` (schema 2+). The JSON shape is the `journey --json` contract in
/// docs/cli.md.
Result<nlohmann::ordered_json> BuildJourneyMap(SqliteDb& db, const JourneyLabels& labels,
                                               const JourneyQuery& query);

}  // namespace cxmap::core
