// SPDX-License-Identifier: Apache-2.0
// `cxmap report`: the HTML report of the stored records (core/report/
// html_report.h); `cxmap run` writes one too.
#include <fmt/format.h>

#include <ctime>
#include <filesystem>

#include "core/app/commands.h"
#include "core/storage/open_store.h"
#include "core/pipeline/phase_meter.h"
#include "core/journey/journey_map.h"
#include "core/journey/key_drivers.h"
#include "core/report/empathy_report.h"
#include "core/report/html_report.h"
#include "core/report/stakeholder_report.h"
#include "core/util/log.h"
#include "core/util/utc_time.h"

namespace cxmap::core {

namespace fs = std::filesystem;

std::string DefaultReportPath(const std::string& db) {
  fs::path p(db);
  fs::path name = p.stem();
  name += "-report.html";
  return (p.parent_path() / name).string();
}

Status WriteReport(AppContext& app, const std::string& path) {
  StoreLocation snapshot;
  auto db = OpenDatabaseForReading(app, &snapshot);
  if (!db.ok()) return db.status();
  PhaseMeter progress("report", !app.options().quiet);
  progress.Phase("counting");
  // On a server, the counts and rejects of the snapshot the maps are built
  // from: workers writing meanwhile must not make the report disagree with
  // itself.
  auto store = app.store_location().postgres() ? OpenStoreAt(snapshot, StoreAccess::kReadOnly)
                                               : app.OpenStore(StoreAccess::kRead);
  if (!store.ok()) return store.status();
  ReportInput input;
  auto counts = (*store)->Counts();
  if (!counts.ok()) return counts.status();
  input.counts = std::move(*counts);
  auto rejects = (*store)->Rejects(50);
  if (!rejects.ok()) return rejects.status();
  input.rejects = std::move(*rejects);
  store->reset();

  progress.Phase("building the journey map");
  JourneyLabels labels = JourneyLabelsFor(app, **db, "");
  JourneyQuery query;
  query.by = "segment";  // one pass gives the whole map and each segment's
  auto map = BuildJourneyMap(**db, labels, query);
  if (!map.ok()) return map.status();
  progress.Phase("key drivers");
  auto drivers = BuildKeyDrivers(**db, *map);
  if (!drivers.ok()) return drivers.status();
  input.drivers = &*drivers;
  input.map = &*map;
  progress.Phase("empathy map");
  auto empathy = BuildEmpathyOverview(**db, "");
  if (!empathy.ok()) return empathy.status();
  input.empathy = &*empathy;
  progress.Phase("stakeholders");
  auto stakeholders = BuildStakeholderMap(**db, *map);
  if (!stakeholders.ok()) return stakeholders.status();
  input.stakeholders = &*stakeholders;
  input.database = app.options().db;
  input.generated_at = UtcNow("%Y-%m-%d %H:%M UTC");
  progress.Phase("writing " + path);
  return WriteHtmlReport(input, path);
}

int RunReport(AppContext& app, const ReportOptions& options) {
  const std::string path =
      options.output.empty() ? DefaultReportPath(app.output_base()) : options.output;
  if (Status s = WriteReport(app, path); !s.ok()) return ReportError(s);
  Log(Severity::kInfo, "", "report written to " + path);
  return kExitOk;
}

}  // namespace cxmap::core
