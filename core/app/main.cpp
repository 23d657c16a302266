// SPDX-License-Identifier: Apache-2.0
// cxmap: command-line entry point. Parses arguments (CLI11), installs the
// Ctrl-C handler, and hands over to one command in commands.h.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <semaphore.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <thread>

#include "core/app/cmd_train.h"
#include "core/app/commands.h"
#include "core/util/stdin_spool.h"
#include "cxmap/version.h"

namespace {

std::atomic<bool>* g_cancel = nullptr;

sem_t g_interrupted;

std::atomic<int> g_interrupts{0};

extern "C" void OnInterrupt(int) {
  // First Ctrl-C: stop cleanly after the current batch (data stays
  // consistent and the import resumes on re-run); a second one kills,
  // leaving no copy of standard input behind.
  if (g_interrupts.fetch_add(1) > 0) {
    cxmap::core::RemoveStdinSpoolNow();
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    return;
  }
  if (g_cancel) g_cancel->store(true);
  sem_post(&g_interrupted);  // async-signal-safe, unlike anything in <thread>
}

/// After the first Ctrl-C the command has 2 s to stop by itself; a plugin
/// running in this process that ignores cancellation (an isolated one is
/// killed within 0.1 s) must not keep it waiting. Every batch written so
/// far is committed, so leaving now loses nothing the next run cannot redo.
void StartInterruptWatchdog() {
  sem_init(&g_interrupted, 0, 0);
  std::thread([] {
    while (sem_wait(&g_interrupted) != 0) {
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
    static const char kMessage[] =
        "cxmap: error: interrupted, and the work under way did not stop within 2 s: stopping "
        "now (every batch committed so far is kept; run the same command again to resume)\n";
    (void)!::write(2, kMessage, sizeof kMessage - 1);
    cxmap::core::RemoveStdinSpoolNow();
    std::_Exit(130);
  }).detach();
}

void AddGlobalOptions(CLI::App& app, cxmap::core::GlobalOptions& g, bool& version) {
  app.add_option("--db", g.db, "SQLite database file (default cxmap.db)");
  app.add_option("--store", g.store,
                 "Store: a SQLite file or postgresql://USER@HOST/DB (default: $CXMAP_STORE, "
                 "the config's store, cxmap.db)");
  app.add_option("--config", g.config, "TOML config file (db, threads, [plugins.NAME] options)");
  app.add_option("--plugin-dir", g.plugin_dirs, "Extra folder of plugin modules (repeatable)");
  app.add_option("-o,--option", g.plugin_options, "Plugin option PLUGIN.KEY=VALUE (repeatable)");
  app.add_option("--threads", g.threads, "Analysis threads (default: one per core)");
  app.add_flag("-q,--quiet", g.quiet, "Only warnings and errors; no progress bar");
  app.add_option("--disable", g.disable, "Do not load or run this plugin (repeatable, or A,B)")
      ->delimiter(',');
  app.add_option("--only", g.only, "Run only these analysis plugins (A,B,...)")->delimiter(',');
  app.add_option("--isolate", g.isolate,
                 "Where analysis plugins run: third-party (default: plugins not bundled with "
                 "cxmap get a process each), all, none");
  app.add_option("--plugin-timeout", g.plugin_timeout_s,
                 "Seconds an isolated plugin may take per batch before it is stopped (default 60)");
  app.add_flag("--version", version, "Print the version and exit");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cxmap::core;
  CLI::App app{"cxmap — customer feedback to customer-journey insight"};
  app.fallthrough();  // global options are accepted after the subcommand too
  app.require_subcommand(0, 1);
  GlobalOptions g;
  bool version = false;
  AddGlobalOptions(app, g, version);

  ImportCommandOptions run_opts, import_opts;
  import_opts.analyse = false;
  size_t analyze_batch = 2000;
  auto* run = app.add_subcommand("run", "Import then analyse (no input: the bundled samples)");
  run->add_option("inputs", run_opts.inputs, "Files or folders; - reads standard input");
  run->add_option("--stdin-name", run_opts.stdin_name,
                  "Name input - is stored and reported under; its extension helps detection (default stdin)");
  run->add_option("--source", run_opts.source, "Source plugin to use instead of sniffing");
  run->add_option("--format", run_opts.format, "Platform profile (qualtrics, surveymonkey...) instead of sniffing");
  run->add_option("--batch-size", run_opts.batch_size, "Records per batch/transaction");
  run->add_flag("!--no-compact", run_opts.compact,
                "Do not compact a new database after the load (VACUUM needs about twice its size free)");
  run->add_flag("--stats", run_opts.stats,
                "Print the time spent per stage (read, each analysis, write, commit) on stderr");
  run->add_option("--report", run_opts.report_path,
                  "Where to write the HTML report (default: <database name>-report.html beside it)");
  run->add_flag("!--no-report", run_opts.report, "Do not write the HTML report");
  auto* imp = app.add_subcommand("import", "Import files into the database, no analysis");
  imp->add_option("inputs", import_opts.inputs, "Files or folders; - reads standard input")->required();
  imp->add_option("--stdin-name", import_opts.stdin_name,
                  "Name input - is stored and reported under; its extension helps detection (default stdin)");
  imp->add_option("--source", import_opts.source, "Source plugin to use instead of sniffing");
  imp->add_option("--format", import_opts.format, "Platform profile (qualtrics, surveymonkey...) instead of sniffing");
  imp->add_option("--batch-size", import_opts.batch_size, "Records per batch/transaction");
  imp->add_flag("!--no-compact", import_opts.compact,
                "Do not compact a new database after the load (VACUUM needs about twice its size free)");
  imp->add_flag("--stats", import_opts.stats,
                "Print the time spent per stage (read, write, commit) on stderr");
  auto* analyze = app.add_subcommand("analyze", "Analyse stored records not analysed yet");
  analyze->add_option("--batch-size", analyze_batch, "Records per batch/transaction");
  bool analyze_stats = false;
  analyze->add_flag("--stats", analyze_stats,
                    "Print the time spent per stage (each analysis, write, commit) on stderr");

  SubmitOptions submit_opts;
  auto* submit = app.add_subcommand(
      "submit", "Cut files into shards for `cxmap worker`s (PostgreSQL store)");
  submit->add_option("inputs", submit_opts.inputs, "Files or folders every worker can read")
      ->required();
  submit->add_option("--shards", submit_opts.shards,
                     "Shards in all (default: one a file, large files in ~32 MiB pieces)");
  submit->add_option("--source", submit_opts.source, "Source plugin to use instead of sniffing");
  submit->add_option("--format", submit_opts.format,
                     "Platform profile (qualtrics, surveymonkey...) instead of sniffing");
  WorkerOptions worker_opts;
  auto* worker = app.add_subcommand(
      "worker", "Import and analyse submitted shards (PostgreSQL store; run many)");
  worker->add_flag("--until-done", worker_opts.until_done,
                   "Exit once no shard is pending or running (default: wait for more)");
  worker->add_option("--lease", worker_opts.lease_seconds,
                     "Seconds a shard stays with a worker that stopped renewing it (default 60)");
  worker->add_option("--max-attempts", worker_opts.max_attempts,
                     "Claims of one shard before it is failed (default 10)");
  worker->add_option("--poll", worker_opts.poll_seconds,
                     "Seconds between looks at an empty queue (default 2)");
  worker->add_option("--batch-size", worker_opts.batch_size, "Records per batch/transaction");

  bool json = false;
  std::string describe_name;
  auto* plugins = app.add_subcommand("plugins", "List or describe plugins");
  plugins->require_subcommand(1);
  auto* list = plugins->add_subcommand("list", "List loaded plugins from their metadata");
  list->add_flag("--json", json, "JSON output");
  auto* describe = plugins->add_subcommand("describe", "Show a plugin's options and fields");
  describe->add_option("name", describe_name, "Plugin name")->required();
  describe->add_flag("--json", json, "JSON output");
  std::string retry_name;
  auto* retry = plugins->add_subcommand(
      "retry", "End a plugin's quarantine in this database (then `cxmap analyze`)");
  retry->add_option("name", retry_name, "Plugin name")->required();
  auto* status = app.add_subcommand("status", "What the database holds");
  status->add_flag("--json", json, "JSON output");
  bool list_rejects = false;
  size_t reject_limit = 0;
  status->add_flag("--rejects", list_rejects, "List the rejected rows: file, line, reason, excerpt");
  status->add_option("--limit", reject_limit, "With --rejects: at most this many (0: all)");

  ClassifyOptions classify_opts;
  auto* classify = app.add_subcommand("classify", "Run every analysis over texts, no database");
  classify->add_option("input", classify_opts.input, "File (.txt: one text per line) or - for stdin");
  classify->add_flag("--jsonl", classify_opts.jsonl, "One JSON object per input text");
  classify->add_option("--column", classify_opts.column, "Read FILE with a source; keep this column");
  classify->add_option("--source", classify_opts.source, "Source plugin to read FILE with");
  classify->add_option("--format", classify_opts.format, "Platform profile to read FILE with");

  InspectOptions inspect_opts;
  auto* inspect = app.add_subcommand("inspect", "Show how a file will be read, importing nothing");
  inspect->add_option("input", inspect_opts.input, "File to inspect")->required();
  inspect->add_option("--source", inspect_opts.source, "Source plugin to use instead of sniffing");
  inspect->add_option("--format", inspect_opts.format, "Platform profile instead of sniffing");
  inspect->add_flag("--json", inspect_opts.json, "JSON output");

  JourneyOptions journey_opts;
  auto* journey = app.add_subcommand("journey", "Print the journey map of the stored records");
  journey->add_flag("--json", journey_opts.json, "JSON output");
  journey->add_option("--by", journey_opts.query.by, "Also cut the map by segment, language or channel");
  journey->add_option("--since", journey_opts.query.since, "Records at or after this date (YYYY-MM-DD)");
  journey->add_option("--until", journey_opts.query.until, "Records before this date (YYYY-MM-DD)");
  journey->add_option("--where", journey_opts.query.where, "Filter, as in `query --where`");
  journey->add_option("--model", journey_opts.model, "Stage model to label (default: the one stored)");
  journey->add_option("--pain-points", journey_opts.query.pain_points, "Pain points per touchpoint");
  journey->add_option("--quotes", journey_opts.query.quotes, "Quotes per pain point");
  journey->add_option("--why", journey_opts.why,
                      "Root causes of a pain point: TOUCHPOINT or TOUCHPOINT:THEME");

  EmpathyOptions empathy_opts;
  auto* empathy = app.add_subcommand("empathy", "Print the empathy map (says / thinks / feels / does)");
  empathy->add_flag("--json", empathy_opts.json, "JSON output");
  empathy->add_option("--by", empathy_opts.query.by, "Cut by segment or stage");
  empathy->add_option("--where", empathy_opts.query.where, "Filter, as in `query --where`");
  empathy->add_option("--items", empathy_opts.query.items, "Items per quadrant")->capture_default_str();
  ReportOptions report_opts;
  auto* report = app.add_subcommand("report", "Write the HTML report a manager opens (self-contained, offline)");
  report->add_option("-o,--output", report_opts.output,
                     "HTML file to write (default: <database name>-report.html beside it)");
  ExportOptions export_opts;
  auto* exp = app.add_subcommand("export", "Write the analysis as CSV, XLSX or JSON tables");
  exp->add_option("--format", export_opts.format,
                  "csv, xlsx or json (default: from -o's extension, else csv)");
  exp->add_option("-o,--output", export_opts.output,
                  "File to write; - for standard output (default: standard output, or "
                  "<database name>-export.xlsx for xlsx)");
  exp->add_option("--view", export_opts.view,
                  "responses, journey, stages, touchpoints, pain-points, drivers, empathy, "
                  "stakeholders, rejects, or all (default: all for xlsx, else responses)");
  exp->add_option("--where", export_opts.where, "Filter, as in `query --where`");
  auto* stakeholders = app.add_subcommand("stakeholders", "Print the stakeholder map, linked to the journey");
  stakeholders->add_flag("--json", json, "JSON output");

  QueryOptions query_opts;
  auto* query = app.add_subcommand("query", "List stored records matching a filter");
  query->add_option("--where", query_opts.where,
                    "Filter, e.g. 'lang = vi and stage = purchase and sentiment < 0'");
  query->add_option("--limit", query_opts.limit, "At most this many records (0 = all)")->capture_default_str();
  query->add_flag("--count", query_opts.count, "Print only the number of matching records");
  query->add_flag("--json", query_opts.json, "JSON array output");
  query->add_flag("--jsonl", query_opts.jsonl, "One JSON object per record");

  EvalOptions eval_opts;
  auto* eval = app.add_subcommand("eval", "Score an analysis on a labelled label<TAB>text file");
  eval->add_option("input", eval_opts.input, "label<TAB>text file")->required();
  eval->add_option("--field", eval_opts.field, "sentiment, touchpoint, stage, empathy or KEY.FIELD")
      ->capture_default_str();
  eval->add_flag("--json", eval_opts.json, "JSON output");
  eval->add_option("--errors", eval_opts.show_errors, "Show this many misclassified rows");

  TrainCommandOptions train_opts;
  auto* train = AddTrainCommand(app, train_opts);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (version) {
    fmt::print("cxmap {} (plugin ABI {}.{}, SDK {})\n", CXMAP_VERSION, CXMAP_ABI_MAJOR,
               CXMAP_ABI_MINOR, CXMAP_SDK_VERSION);
    return kExitOk;
  }
  if (app.get_subcommands().empty()) {
    fmt::print("{}", app.help());
    return kExitUsage;
  }

  AppContext ctx(g);
  g_cancel = ctx.cancelled();
  StartInterruptWatchdog();
  std::signal(SIGINT, OnInterrupt);
  if (cxmap::Status s = ctx.Init(); !s.ok()) return ReportError(s);

  if (run->parsed()) return RunImportCommand(ctx, run_opts);
  if (inspect->parsed()) return RunInspect(ctx, inspect_opts);
  if (journey->parsed()) return RunJourney(ctx, journey_opts);
  if (query->parsed()) return RunQuery(ctx, query_opts);
  if (report->parsed()) return RunReport(ctx, report_opts);
  if (exp->parsed()) return RunExport(ctx, export_opts);
  if (empathy->parsed()) return RunEmpathy(ctx, empathy_opts);
  if (stakeholders->parsed()) return RunStakeholders(ctx, json);
  if (imp->parsed()) return RunImportCommand(ctx, import_opts);
  if (submit->parsed()) return RunSubmit(ctx, submit_opts);
  if (worker->parsed()) return RunWorker(ctx, worker_opts);
  if (analyze->parsed()) return RunAnalyzeCommand(ctx, analyze_batch, analyze_stats);
  if (list->parsed()) return RunPluginsList(ctx, json);
  if (describe->parsed()) return RunPluginsDescribe(ctx, describe_name, json);
  if (retry->parsed()) return RunPluginsRetry(ctx, retry_name);
  if (status->parsed()) return RunStatus(ctx, json, list_rejects, reject_limit);
  if (classify->parsed()) return RunClassify(ctx, classify_opts);
  if (eval->parsed()) return RunEval(ctx, eval_opts);
  if (train->parsed()) return RunTrain(ctx, train_opts);
  return kExitUsage;
}
