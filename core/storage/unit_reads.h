// SPDX-License-Identifier: Apache-2.0
// Reads of one stored unit for the CLI (`query --json`, the journey's
// model): SQL stays in the storage layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// What `query --json` shows of a unit beyond its columns.
struct UnitDetails {
  nlohmann::ordered_json results;  ///< {plugin: {field: value}}, typed as stored
  nlohmann::ordered_json spans;    ///< {plugin: [{field, begin, end, text, evidence}]}
  nlohmann::ordered_json answers;  ///< the response's closed answers
};

/// The record-level results of unit `record` with the places of their
/// evidence in the unit's text, and the closed answers of its response
/// `response`.
Result<UnitDetails> ReadUnitDetails(SqliteDb& db, int64_t record, int64_t response);

/// The first record-level text value of `plugin`.`field` in the database,
/// or nullopt (none stored, or the read failed).
std::optional<std::string> ReadRecordLevelText(SqliteDb& db, std::string_view plugin,
                                               std::string_view field);

}  // namespace cxmap::core
