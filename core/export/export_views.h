// SPDX-License-Identifier: Apache-2.0
// The tables `cxmap export` writes: each view of the stored analysis as
// rows and columns that a spreadsheet, a BI tool or a script reads without
// knowing cxmap. Columns: docs/cli.md ("export"). `responses` streams from
// the store (the bi_responses SQL view plus a column per closed question);
// the others are cut from the journey map, key drivers, empathy and
// stakeholder maps the report draws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/export/table_writer.h"
#include "core/journey/journey_map.h"
#include "core/journey/key_drivers.h"
#include "core/storage/sqlite_db.h"

namespace cxmap::core {

enum class ExportView {
  kResponses,
  kJourney,
  kStages,
  kTouchpoints,
  kPainPoints,
  kDrivers,
  kEmpathy,
  kStakeholders,
  kRejects,
};

/// Every view, in the order an XLSX workbook holds them.
const std::vector<ExportView>& AllExportViews();
/// "responses", "journey", "pain-points", …
std::string_view ExportViewName(ExportView view);
std::optional<ExportView> ParseExportView(std::string_view name);
/// "responses, journey, …" for messages.
std::string ExportViewNames();
/// True when the view is cut from the journey map (needs ExportInputs::map).
bool ExportViewNeedsMap(ExportView view);

struct ExportInputs {
  SqliteDb* db = nullptr;
  std::string where;                               ///< responses: record_filter.h language
  const JourneyMap* map = nullptr;                 ///< built with by = "segment"
  const KeyDrivers* drivers = nullptr;
  const nlohmann::ordered_json* empathy = nullptr;       ///< BuildEmpathyMap, by segment
  const nlohmann::ordered_json* stakeholders = nullptr;  ///< BuildStakeholderMap
  /// Called after every 1,000 responses written (progress); may be empty.
  std::function<void(uint64_t)> on_rows;
};

/// Writes `view` as one table of `writer`.
Status WriteExportView(ExportView view, const ExportInputs& inputs, TableWriter& writer);

}  // namespace cxmap::core
