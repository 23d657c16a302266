// SPDX-License-Identifier: Apache-2.0
// `cxmap stakeholders`: each stakeholder with support, influence, quadrant,
// strategy and the reason (from analysis_stakeholder), linked to the
// journey: the touchpoints its department owns, with their volume,
// sentiment, NPS and top pain points, worst first.
#pragma once

#include <nlohmann/json.hpp>

#include "core/journey/journey_map.h"
#include "core/storage/sqlite_db.h"

namespace cxmap::core {

/// `journey` is the journey map of the same database (its touchpoints
/// carry owners); JSON shape: docs/cli.md (`stakeholders --json`).
Result<nlohmann::ordered_json> BuildStakeholderMap(SqliteDb& db, const JourneyMap& journey);

}  // namespace cxmap::core
