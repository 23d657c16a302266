// SPDX-License-Identifier: Apache-2.0
// The reads behind `cxmap empathy` and `cxmap stakeholders`: each finds its
// plugin and fields by role (field_roles.h), never by name. The SQL lives
// here, in the storage layer; core/report builds the maps.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/record_filter.h"
#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// One sentence with the values of the roles empathy.quadrant, empathy.item
/// and emotion, its own stage (else its unit's), segment and language.
struct EmpathySentenceRow {
  int64_t record = 0;
  std::string text, quadrant, item, emotion, stage, segment, lang;
};

/// The sentences of the units matching `filter` that have a quadrant, in
/// storage order (none when no plugin declares empathy.quadrant). An empty
/// item reads as the quadrant ("statement" for says).
Result<std::vector<EmpathySentenceRow>> LoadEmpathySentences(SqliteDb& db, const SqlFilter& filter);

/// The unit-level values of the plugin that declares stakeholder.quadrant,
/// per unit, keyed by what follows "stakeholder." in each field's role.
Result<std::map<int64_t, nlohmann::ordered_json>> ReadStakeholderFields(SqliteDb& db);

}  // namespace cxmap::core
