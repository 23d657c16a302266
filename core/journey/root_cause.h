// SPDX-License-Identifier: Apache-2.0
// Root-cause drill-down (the "5 Whys" step a CX analyst does by hand): for
// one pain point, what co-occurs with it more than chance — themes, other
// touchpoints, segments, channels and languages.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/journey/journey_map.h"

namespace cxmap::core {

/// `pain` is "TOUCHPOINT" or "TOUCHPOINT:THEME" (a theme phrase as shown by
/// the map, matched after folding). The pain set is the records with a
/// negative sentence at the touchpoint (holding the theme). For each
/// candidate driver x, with n_x of the N records in the filter having x and
/// k of the n pain records: expected = n × n_x / N, lift = k / expected,
/// z = (k − expected) / sqrt(expected × (1 − n_x / N)). Drivers need k ≥ 2
/// and lift > 1 and are ranked by z. JSON shape: docs/cli.md.
Result<nlohmann::ordered_json> DrillDown(SqliteDb& db, const JourneyQuery& query,
                                         const std::string& pain, size_t limit = 5);

}  // namespace cxmap::core
