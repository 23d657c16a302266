// SPDX-License-Identifier: Apache-2.0
// The report a manager opens: one self-contained HTML file (inline CSS and
// SVG, no script, no request of any kind — its Content-Security-Policy
// forbids them) drawn from the journey map and the store's counts. The
// page is a ctemplate template in a file (share/cxmap/templates), expanded
// with auto-escaping by HTML context: every feedback text, label and
// file name reaches the page escaped for where it lands.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/journey/journey_map.h"
#include "core/journey/key_drivers.h"
#include "core/storage/store.h"
#include "cxmap/status.h"

namespace cxmap::core {

struct ReportInput {
  /// Overall, `all`, and one group per segment when query.by is "segment".
  const JourneyMap* map = nullptr;
  const KeyDrivers* drivers = nullptr;   ///< or null
  /// `empathy --json` of everyone, then of each segment (groups); or null.
  const nlohmann::ordered_json* empathy = nullptr;
  /// `stakeholders --json`; or null.
  const nlohmann::ordered_json* stakeholders = nullptr;
  StoreCounts counts;
  std::vector<RejectRow> rejects;  ///< the first few, by file and line
  std::string database;            ///< as the user named it
  std::string generated_at;        ///< ISO 8601, UTC
};

/// Quotes are cut to this many grapheme clusters, whole clusters only.
inline constexpr size_t kReportQuoteGraphemes = 280;

/// The report's template: share/cxmap/templates/report.html.tpl beside the
/// binary's folder (build and install trees), else the source tree's.
std::string DefaultReportTemplate();

/// Expands the template at `template_path` with `input`.
Result<std::string> RenderHtmlReport(const ReportInput& input, const std::string& template_path);

/// Renders with the default template and writes `path` through a temporary
/// file in the same folder, renamed into place.
Status WriteHtmlReport(const ReportInput& input, const std::string& path);

}  // namespace cxmap::core
