// SPDX-License-Identifier: Apache-2.0
// `cxmap run`, `cxmap import` and `cxmap analyze`.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/app/commands.h"
#include "core/app/input_entries.h"
#include "core/pipeline/import_job.h"
#include "core/pipeline/stage_stats.h"
#include "core/util/log.h"
#include "core/util/stdin_spool.h"

namespace cxmap::core {
namespace fs = std::filesystem;

namespace {

/// What happened to one input, for the summary at the end.
struct FileOutcome {
  std::string path;
  std::string what;  ///< "imported", "already imported", "skipped: …", "failed: …"
};

// A message as one line of the summary: its first line, without the path
// the summary line already starts with, nor a dangling list header.
std::string Reason(const std::string& path, const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  if (line.rfind(path + ": ", 0) == 0) line.erase(0, path.size() + 2);
  for (const char* tail : {"; candidates:", ":"}) {
    const std::string t = tail;
    if (line.size() > t.size() && line.compare(line.size() - t.size(), t.size(), t) == 0) {
      line.erase(line.size() - t.size());
      break;
    }
  }
  return line;
}

void PrintSummary(const ImportSummary& s, bool analysed) {
  if (!s.skipped_file.empty()) {
    fmt::print("{}: skipped: {}, nothing to import\n", s.path, s.skipped_file);
    return;
  }
  if (s.already_imported) {
    fmt::print("{}: already imported (same content), nothing to do\n", s.path);
    return;
  }
  fmt::print("{}: {} via {}{}: {} records read, {} new responses ({} answers), {} new text units,"
             " {} already stored, {} rejected, {} skipped",
             s.path, s.format.empty() ? "?" : s.format, s.source, s.resumed ? " (resumed)" : "",
             s.read, s.responses, s.answers, s.inserted, s.duplicates, s.rejected, s.skipped);
  if (analysed) fmt::print(", {} results", s.results);
  fmt::print("\n");
  if (s.read > 0 && s.responses == 0 && s.inserted == 0 && s.duplicates > 0) {
    // Same response ids as stored ones: a re-export (fine) or another
    // survey whose ids collide (not fine); say so rather than stay silent.
    Log(Severity::kWarn, "", fmt::format("{}: every response was already stored (same response ids);"
                                         " if this is another survey, import it with"
                                         " -o {}.survey_id=NAME",
                                         s.path, s.source));
  }
}

int PluginFailureExit(const std::vector<PluginFailure>& failures) {
  for (const auto& f : failures) {
    // A source's fault was logged where it happened, with its file.
    if (f.source) continue;
    Log(Severity::kError, f.plugin, f.message + "; its records were stored without its results — "
                                                "fix the plugin and run `cxmap analyze`");
  }
  return failures.empty() ? kExitOk : kExitFailure;
}

// The summary at the end of a run over several inputs: one line per
// input, so a failed file among many is not lost in the scroll.
void PrintOutcomes(const std::vector<FileOutcome>& outcomes) {
  size_t imported = 0, failed = 0, other = 0;
  for (const auto& o : outcomes) {
    if (o.what.rfind("imported", 0) == 0 || o.what.rfind("already", 0) == 0) {
      ++imported;
    } else if (o.what.rfind("failed", 0) == 0 || o.what.rfind("interrupted", 0) == 0) {
      ++failed;
    } else {
      ++other;
    }
  }
  fmt::print("summary: {} inputs: {} imported, {} skipped, {} failed\n", outcomes.size(), imported,
             other, failed);
  for (const auto& o : outcomes) fmt::print("  {}: {}\n", o.path, o.what);
}

std::string OutcomeOf(const ImportSummary& s) {
  if (!s.skipped_file.empty()) return "skipped: " + s.skipped_file;
  if (s.already_imported) return "already imported";
  return fmt::format("imported: {} records read, {} rejected", s.read, s.rejected);
}

}  // namespace

Result<ImportOptions> MakeImportOptions(AppContext& app, Store& store, bool analyse,
                                        size_t batch_size) {
  ImportOptions io;
  io.options = app.plugin_options();
  if (analyse) {
    auto analyses = app.Analyses(store);
    if (!analyses.ok()) return analyses.status();
    io.analyses = std::move(analyses).value();
  }
  io.pipeline.workers = app.threads();
  io.pipeline.runner = app.runner_options();
  io.batch_size = batch_size;
  io.progress = !app.options().quiet;
  auto excluded = app.QuarantinedSources(store);
  if (!excluded.ok()) return excluded.status();
  io.excluded_sources = std::move(excluded).value();
  return io;
}

int RunImportCommand(AppContext& app, const ImportCommandOptions& options) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back(app.SamplesDir());
  // A bad --source or --format fails every file alike: a usage error, once.
  Status choice = CheckSourceChoice(app.registry(), options.source, options.format);
  if (!choice.ok()) return ReportError(choice);
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
    return ReportError(Status::InvalidArgument("- (standard input) can be given once"));
  }
  if (std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    // Checked before any input is read: a usage error imports nothing.
    if (Status ready = CheckStdinInput(options.stdin_name); !ready.ok()) return ReportError(ready);
  }
  std::vector<InputEntry> entries = ExpandInputs(inputs);
  std::string nothing;
  for (const auto& e : entries) {
    if (!e.empty_folder) {
      nothing.clear();
      break;
    }
    nothing += (nothing.empty() ? "" : "\n") + e.problem.message();
  }
  if (!nothing.empty()) return ReportError(Status::InvalidArgument(nothing));
  auto store = app.OpenStore();
  if (!store.ok()) return ReportError(store.status());

  auto made = MakeImportOptions(app, **store, options.analyse, options.batch_size);
  if (!made.ok()) return ReportError(made.status());
  ImportOptions io = std::move(made).value();
  io.source = options.source;
  io.format = options.format;
  const auto started = std::chrono::steady_clock::now();
  StageStats stats;
  if (options.stats) io.stats = io.pipeline.stats = &stats;
  // Printed however the command ends, so a failed run still says where
  // its time went.
  struct PrintAtExit {
    const StageStats* stats;
    std::chrono::steady_clock::time_point started;
    ~PrintAtExit() {
      if (stats != nullptr) {
        fmt::print(stderr, "{}", stats->Format(std::chrono::steady_clock::now() - started));
      }
    }
  } print_stats{options.stats ? &stats : nullptr, started};

  uint64_t rejected = 0;
  int plugin_exit = kExitOk;
  int file_exit = kExitOk;  // the worst of the files that failed
  bool stop = false;        // Ctrl-C, or a bad option
  bool any_read = false;    // some file imported now or before: worth a report
  std::vector<FileOutcome> outcomes;
  // Plugins that failed: reported, quarantined when their process died,
  // and not tried again on the next file of this run.
  auto settle = [&](const std::vector<PluginFailure>& failures) {
    app.Quarantine(**store, failures);
    plugin_exit = std::max(plugin_exit, PluginFailureExit(failures));
    for (const PluginFailure& f : failures) {
      std::erase_if(io.analyses, [&](const PluginInfo* p) { return p->name == f.plugin; });
      // A source whose process died reads no more files in this run.
      if (f.source && !f.fault.empty()) io.excluded_sources.push_back(f.plugin);
    }
  };
  for (const auto& entry : entries) {
    if (stop) break;
    if (!entry.problem.ok()) {
      // Reported and passed over: one bad entry does not stop the others.
      Log(entry.empty_folder ? Severity::kWarn : Severity::kError, "", entry.problem.message());
      outcomes.push_back({entry.path, entry.empty_folder ? "skipped: no input files in this folder"
                                                         : "failed: " + Reason(entry.path, entry.problem.message())});
      if (!entry.empty_folder) file_exit = std::max<int>(file_exit, kExitFailure);
      continue;
    }
    ImportStage stage = ImportStage::kInput;
    std::vector<PluginFailure> failed_plugins;
    io.failures_on_error = &failed_plugins;
    std::unique_ptr<StdinSpool> spool;  // input "-": a copy the sources can sniff and seek
    std::string path = entry.path;
    io.display_path.clear();
    if (entry.path == "-") {
      auto read = StdinSpool::Read(options.stdin_name, app.stdin_bytes(), app.cancelled());
      if (!read.ok()) {
        Log(Severity::kError, "", read.status().message());
        const bool interrupted = read.status().code() == Code::kCancelled;
        outcomes.push_back({options.stdin_name,
                            (interrupted ? "interrupted: " : "failed: ") + Reason("-", read.status().message())});
        file_exit = std::max<int>(file_exit, read.status().code() == Code::kInvalidArgument ? kExitUsage : kExitFailure);
        stop = true;  // what was piped in is gone: nothing after it would be complete either
        continue;
      }
      spool = std::move(read).value();
      path = spool->path();
      io.display_path = options.stdin_name;
    }
    auto summary = ImportFile(app.registry(), **store, path, io, app.cancelled(), &stage);
    if (!summary.ok()) {
      settle(failed_plugins);  // a crash before the import failed counts all the same
      const Status& error = summary.status();
      const bool interrupted = error.code() == Code::kCancelled;
      // Bad plugin options fail every file alike: a usage error (exit 2).
      const bool usage = stage == ImportStage::kOptions && error.code() == Code::kInvalidArgument;
      // Running again helps only an import cut off while it was storing:
      // not a file no source reads, nor a bad option.
      const bool resumable = stage == ImportStage::kReading &&
                             (interrupted || error.code() == Code::kIoError || error.code() == Code::kInternal);
      std::string message = error.message();
      if (stage == ImportStage::kReading) message += "\n  records stored before the error are kept";
      auto source_died = std::find_if(failed_plugins.begin(), failed_plugins.end(),
                                      [](const PluginFailure& f) { return f.source && !f.fault.empty(); });
      if (resumable && source_died != failed_plugins.end()) {
        message += fmt::format("; after fixing {0}, `cxmap plugins retry {0}` and the same command again resume it",
                               source_died->plugin);
      } else if (resumable) {
        message += "; run the same command again to resume";
      }
      Log(Severity::kError, "", message);
      const std::string& shown = io.display_path.empty() ? entry.path : io.display_path;
      outcomes.push_back({shown, (interrupted ? "interrupted: " : "failed: ") + Reason(shown, error.message())});
      file_exit = std::max<int>(file_exit, kExitFailure);
      if (usage) file_exit = kExitUsage;
      stop = interrupted || usage;
      continue;
    }
    PrintSummary(*summary, options.analyse);
    any_read = any_read || summary->skipped_file.empty();
    outcomes.push_back({summary->path, OutcomeOf(*summary)});
    rejected += summary->rejected;
    settle(summary->plugin_failures);
  }
  // Resuming means complete: records an earlier run stored but did not
  // analyse (Ctrl-C, kill -9, an import without analysis, a plugin that
  // failed then) are analysed now. A database that was empty before this
  // run holds only what this run analysed, so the scan is skipped there.
  std::vector<std::string> selected;
  for (const PluginInfo* p : io.analyses) selected.push_back(p->name);
  auto unanalysed = options.analyse && !(*store)->OpenedEmpty() && !app.cancelled()->load()
                        ? (*store)->CountUnanalysed(selected)
                        : Result<uint64_t>(uint64_t{0});
  if (!unanalysed.ok()) return ReportError(unanalysed.status());
  // (Counted first: starting isolated plugins for nothing costs seconds.)
  if (*unanalysed > 0) {
    auto caught_up = AnalyzeStored(**store, app.store_location(), io, app.cancelled());
    if (!caught_up.ok()) return ReportError(caught_up.status());
    if (caught_up->read > 0) {
      Log(Severity::kInfo, "", fmt::format("analysed {} stored text units that an earlier run left "
                                           "unanalysed", caught_up->read));
    }
    settle(caught_up->plugin_failures);
  }
  if (entries.size() > 1) PrintOutcomes(outcomes);
  if (stop) return file_exit;
  if (options.compact && (*store)->OpenedEmpty()) {
    // A first load into a new database: pack it (sqlite_store.h).
    StageTimer timer(io.stats, "compact (VACUUM)");
    Status compacted = (*store)->Compact();
    if (!compacted.ok()) Log(Severity::kWarn, "", compacted.message());
  }
  if (options.analyse && options.report && any_read) {
    // After a failed plugin or rejected rows too: the report shows both.
    const std::string path =
        options.report_path.empty() ? DefaultReportPath(app.output_base()) : options.report_path;
    Status written = WriteReport(app, path);
    if (!written.ok()) {
      Log(Severity::kError, "", "the report was not written: " + written.message() +
                                    " (the data is stored; `cxmap report` tries again)");
      // Worse than rejected rows (exit 1): say so with the failure code.
      if (plugin_exit == kExitOk) plugin_exit = kExitFailure;
    } else {
      Log(Severity::kInfo, "", "report: " + path);
    }
  }
  if (file_exit == kExitUsage) return file_exit;
  if (std::max(plugin_exit, file_exit) != kExitOk) return std::max(plugin_exit, file_exit);
  if (rejected > 0) {
    Log(Severity::kWarn, "", fmt::format("{} records were rejected; `cxmap status --rejects` lists them",
                                         rejected));
    return kExitRejected;
  }
  return kExitOk;
}

int RunAnalyzeCommand(AppContext& app, size_t batch_size, bool print_stats) {
  auto store = app.OpenStore();
  if (!store.ok()) return ReportError(store.status());
  auto made = MakeImportOptions(app, **store, /*analyse=*/true, batch_size);
  if (!made.ok()) return ReportError(made.status());
  ImportOptions io = std::move(made).value();
  const auto started = std::chrono::steady_clock::now();
  StageStats stats;
  if (print_stats) io.stats = io.pipeline.stats = &stats;
  auto summary = AnalyzeStored(**store, app.store_location(), io, app.cancelled());
  if (print_stats) fmt::print(stderr, "{}", stats.Format(std::chrono::steady_clock::now() - started));
  if (!summary.ok()) return ReportError(summary.status());
  app.Quarantine(**store, summary->plugin_failures);
  fmt::print("analysed {} records with {} plugins: {} results\n", summary->read,
             io.analyses.size(), summary->results);
  return PluginFailureExit(summary->plugin_failures);
}

}  // namespace cxmap::core
