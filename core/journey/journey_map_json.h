// SPDX-License-Identifier: Apache-2.0
// The journey map as JSON: the `journey --json` contract (docs/cli.md).
#pragma once

#include <nlohmann/json.hpp>

#include "core/journey/journey_map.h"

namespace cxmap::core {

/// The whole map, keys in the contract's order.
nlohmann::ordered_json JourneyMapJson(const JourneyMap& map);

/// One cell's scores: sentiment, nps, csat, ces and calls (null when absent).
nlohmann::ordered_json CellScoresJson(const CellScores& scores);

/// An NPS with its interval and counts, or null.
nlohmann::ordered_json NpsJson(const std::optional<Nps>& nps);

}  // namespace cxmap::core
