// SPDX-License-Identifier: Apache-2.0
// The subcommands of `cxmap`; each returns a documented exit code.
#pragma once

#include <string>
#include <vector>

#include "core/app/app_context.h"
#include "core/pipeline/import_job.h"
#include "core/util/terminal_text.h"
#include "core/journey/journey_map.h"
#include "core/report/empathy_report.h"

namespace cxmap::core {

struct ImportCommandOptions {
  std::vector<std::string> inputs;  ///< files or folders; empty = bundled samples (run only)
  std::string source;               ///< force a source plugin
  std::string format;               ///< force a platform profile of the source
  bool analyse = true;              ///< run: true; import: false
  size_t batch_size = 2000;
  bool compact = true;              ///< VACUUM after a first load (Store::Compact)
  bool stats = false;               ///< print time per stage on standard error
  bool report = true;               ///< run: write the HTML report at the end
  std::string report_path;          ///< "" = DefaultReportPath(db)
  std::string stdin_name = "stdin"; ///< input `-`: the name it is stored under
};
int RunImportCommand(AppContext& app, const ImportCommandOptions& options);

/// The ImportOptions every command that reads or analyses starts from: the
/// plugins' options, threads, isolation, quarantined sources left out, and
/// with `analyse` the selected analysis plugins not quarantined.
Result<ImportOptions> MakeImportOptions(AppContext& app, Store& store, bool analyse,
                                        size_t batch_size);

/// `submit`: cuts inputs into shards for `worker`s (PostgreSQL store only).
struct SubmitOptions {
  std::vector<std::string> inputs;
  std::string source;
  std::string format;
  uint32_t shards = 0;  ///< 0: one a file, large files in pieces of about 32 MiB
};
int RunSubmit(AppContext& app, const SubmitOptions& options);

/// `worker`: claims shards and imports and analyses them, as `run` does.
struct WorkerOptions {
  bool until_done = false;     ///< exit once no shard is pending or running
  double lease_seconds = 60;   ///< a shard held longer without renewal goes back
  int max_attempts = 10;       ///< claims of one shard before it is failed
  double poll_seconds = 2;     ///< wait between looks at an empty queue
  size_t batch_size = 2000;
};
int RunWorker(AppContext& app, const WorkerOptions& options);
int RunAnalyzeCommand(AppContext& app, size_t batch_size, bool stats = false);

int RunPluginsList(AppContext& app, bool json);
int RunPluginsDescribe(AppContext& app, const std::string& name, bool json);
/// `plugins retry NAME`: ends NAME's quarantine in the database.
int RunPluginsRetry(AppContext& app, const std::string& name);

/// `status`; with `rejects`, also lists up to `limit` rejects (0: all).
int RunStatus(AppContext& app, bool json, bool rejects = false, size_t limit = 0);

struct ClassifyOptions {
  std::string input = "-";  ///< file or "-" (standard input)
  bool jsonl = false;
  std::string column;       ///< read with source plugins, keep this question/column
  std::string source;       ///< force a source plugin
  std::string format;       ///< force a platform profile
};
int RunClassify(AppContext& app, const ClassifyOptions& options);

struct InspectOptions {
  std::string input;
  std::string source;  ///< force a source plugin
  std::string format;  ///< force a platform profile
  bool json = false;
};
int RunInspect(AppContext& app, const InspectOptions& options);

struct JourneyOptions {
  JourneyQuery query;
  std::string model;  ///< stage model whose labels to show; empty = the one stored
  std::string why;    ///< TOUCHPOINT[:THEME]: root-cause drill-down instead of the map
  bool json = false;
};
int RunJourney(AppContext& app, const JourneyOptions& options);

struct QueryOptions {
  std::string where;
  size_t limit = 50;  ///< 0 = all
  bool count = false;
  bool json = false;
  bool jsonl = false;
};
int RunQuery(AppContext& app, const QueryOptions& options);

struct EmpathyOptions {
  EmpathyQuery query;
  bool json = false;
};
int RunEmpathy(AppContext& app, const EmpathyOptions& options);
int RunStakeholders(AppContext& app, bool json);

struct ReportOptions {
  std::string output;  ///< "" = DefaultReportPath(db)
};
int RunReport(AppContext& app, const ReportOptions& options);
/// Writes the HTML report of the database to `path`.
Status WriteReport(AppContext& app, const std::string& path);
struct ExportOptions {
  std::string format;  ///< csv | xlsx | json; "" = from the output's extension, else csv
  std::string output;  ///< "" = standard output (csv, json) or <db name>-export.xlsx; "-" = stdout
  std::string view;    ///< a view name or "all"; "" = all for xlsx, responses otherwise
  std::string where;   ///< filter language (record_filter.h)
};
int RunExport(AppContext& app, const ExportOptions& options);

/// `<folder>/<db name without extension>-report.html`, beside the database.
std::string DefaultReportPath(const std::string& db);

/// The database, opened for reading after the store brought its schema up
/// to date. On a PostgreSQL store, a private SQLite copy of one snapshot of
/// the server (pg_snapshot.h); `snapshot`, when given, then receives the
/// copy's location, so a command can read its counts from the same
/// snapshot as its maps (left as it is on SQLite).
Result<std::unique_ptr<SqliteDb>> OpenDatabaseForReading(AppContext& app,
                                                         StoreLocation* snapshot = nullptr);
/// Stage and touchpoint names for the journey model `model` (empty: the
/// one stored), from analysis_journey's data files; ids only without them.
JourneyLabels JourneyLabelsFor(AppContext& app, SqliteDb& db, const std::string& model);

/// `where` with stage and touchpoint values given by label or id, in any
/// case, replaced by their ids (record_filter.h ResolveFilterValues); an
/// unknown one is an InvalidArgument listing the valid ones.
Result<std::string> ResolveWhere(const JourneyLabels& labels, const std::string& where);

/// `s` cut to at most `max_graphemes` user-perceived characters (whole
/// grapheme clusters: a Thai or Vietnamese mark stays with its letter),
/// with "…" appended when anything was cut.
std::string ShortText(const std::string& s, size_t max_graphemes);


struct EvalOptions {
  std::string input;               ///< label<TAB>text file
  std::string field = "sentiment"; ///< sentiment | touchpoint | stage | empathy | KEY.FIELD
  bool json = false;
  size_t show_errors = 0;          ///< print this many misclassified rows
};
int RunEval(AppContext& app, const EvalOptions& options);

}  // namespace cxmap::core
