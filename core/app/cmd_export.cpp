// SPDX-License-Identifier: Apache-2.0
// `cxmap export`: the stored analysis as tables for spreadsheets, BI tools
// and scripts (core/export). Contract: docs/cli.md ("export").
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/app/commands.h"
#include "core/pipeline/phase_meter.h"
#include "core/export/export_views.h"
#include "core/journey/key_drivers.h"
#include "core/report/empathy_report.h"
#include "core/report/stakeholder_report.h"
#include "core/util/ascii.h"
#include "core/util/log.h"

namespace cxmap::core {
namespace {

namespace fs = std::filesystem;

Result<ExportFormat> ChooseFormat(const ExportOptions& options) {
  std::string name = AsciiLower(options.format);
  if (name.empty()) {
    // From the file's extension; CSV for standard output.
    const std::string ext = AsciiLower(fs::path(options.output).extension().string());
    name = ext == ".xlsx" ? "xlsx" : ext == ".json" ? "json" : "csv";
  }
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "json") return ExportFormat::kJson;
  if (name == "xlsx") return ExportFormat::kXlsx;
  return Status::InvalidArgument("--format " + options.format + ": expected csv, xlsx or json");
}

Result<std::vector<ExportView>> ChooseViews(const ExportOptions& options, ExportFormat format) {
  std::string name = AsciiLower(options.view);
  if (name.empty()) name = format == ExportFormat::kXlsx ? "all" : "responses";
  if (name == "all") {
    if (format == ExportFormat::kCsv) {
      return Status::InvalidArgument(
          "--view all: a CSV file holds one view; use --format xlsx or json, or one --view of " +
          ExportViewNames());
    }
    return AllExportViews();
  }
  auto view = ParseExportView(name);
  if (!view) {
    return Status::InvalidArgument("--view " + options.view + ": expected all or one of " +
                                   ExportViewNames());
  }
  return std::vector<ExportView>{*view};
}

std::string DefaultExportPath(const std::string& db) {
  fs::path p(db);
  fs::path name = p.stem();
  name += "-export.xlsx";
  return (p.parent_path() / name).string();
}

}  // namespace

int RunExport(AppContext& app, const ExportOptions& options) {
  auto format = ChooseFormat(options);
  if (!format.ok()) return ReportError(format.status());
  auto views = ChooseViews(options, *format);
  if (!views.ok()) return ReportError(views.status());
  std::string path = options.output;
  if (path.empty()) path = *format == ExportFormat::kXlsx ? DefaultExportPath(app.output_base()) : "-";

  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  const JourneyLabels labels = JourneyLabelsFor(app, **db, "");
  auto where = ResolveWhere(labels, options.where);
  if (!where.ok()) return ReportError(where.status());
  ExportInputs inputs;
  inputs.db = db->get();
  inputs.where = *where;

  // Not while the table itself streams to a terminal.
  std::optional<PhaseMeter> meter(std::in_place, "export",
                                  !app.options().quiet && !(path == "-" && ::isatty(STDOUT_FILENO)));
  PhaseMeter& progress = *meter;
  // The progress line goes before any message, so they never share a line.
  auto fail = [&](const Status& s) {
    meter.reset();
    return ReportError(s);
  };
  auto wants = [&](ExportView v) { return std::find(views->begin(), views->end(), v) != views->end(); };
  bool needs_map = false;
  for (ExportView v : *views) needs_map = needs_map || ExportViewNeedsMap(v);
  std::optional<JourneyMap> map;
  std::optional<KeyDrivers> drivers;
  nlohmann::ordered_json empathy, stakeholders;
  if (needs_map) {
    JourneyQuery query;
    query.by = "segment";
    query.where = *where;
    progress.Phase("building the journey map");
    auto built = BuildJourneyMap(**db, labels, query);
    if (!built.ok()) return fail(built.status());
    map = std::move(*built);
    inputs.map = &*map;
  }
  // Each of these only for the view that shows it.
  if (wants(ExportView::kDrivers)) {
    progress.Phase("key drivers");
    auto key = BuildKeyDrivers(**db, *map);
    if (!key.ok()) return fail(key.status());
    drivers = std::move(*key);
    inputs.drivers = &*drivers;
  }
  if (wants(ExportView::kEmpathy)) {
    progress.Phase("empathy map");
    auto overview = BuildEmpathyOverview(**db, *where);
    if (!overview.ok()) return fail(overview.status());
    empathy = std::move(*overview);
    inputs.empathy = &empathy;
  }
  if (wants(ExportView::kStakeholders)) {
    progress.Phase("stakeholders");
    auto people = BuildStakeholderMap(**db, *map);
    if (!people.ok()) return fail(people.status());
    stakeholders = std::move(*people);
    inputs.stakeholders = &stakeholders;
  }

  inputs.on_rows = [&](uint64_t rows) { progress.Count(rows, "responses"); };
  auto writer = OpenTableWriter(*format, path, views->size() > 1);
  if (!writer.ok()) return fail(writer.status());
  for (ExportView v : *views) {
    progress.Phase("writing " + std::string(ExportViewName(v)));
    if (Status s = WriteExportView(v, inputs, **writer); !s.ok()) return fail(s);
  }
  progress.Phase("writing " + path);
  Status finished = (*writer)->Finish();
  if (!finished.ok()) return fail(finished);
  meter.reset();
  if (path != "-") Log(Severity::kInfo, "", "exported to " + path);
  return kExitOk;
}

}  // namespace cxmap::core
