// SPDX-License-Identifier: Apache-2.0
// `cxmap run`, `cxmap import` and `cxmap analyze`.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/app/commands.h"
#include "core/pipeline/import_job.h"
#include "core/pipeline/stage_stats.h"
#include "core/util/log.h"

namespace cxmap::core {
namespace fs = std::filesystem;

namespace {

/// Expands folders into their files (sorted, hidden files and READMEs
/// skipped); keeps files as given.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      files.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(in, ec)) {
      std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name.front() == '.' || e.path().extension() == ".md") continue;
      found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void PrintSummary(const ImportSummary& s, bool analysed) {
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
    Log(Severity::kError, f.plugin, f.message + "; its records were stored without its results — "
                                                "fix the plugin and run `cxmap analyze`");
  }
  return failures.empty() ? kExitOk : kExitFailure;
}

}  // namespace

int RunImportCommand(AppContext& app, const ImportCommandOptions& options) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back(app.SamplesDir());
  std::vector<std::string> files = ExpandInputs(inputs);
  if (files.empty()) return ReportError(Status::InvalidArgument("no input files found"));
  auto store = app.OpenStore();
  if (!store.ok()) return ReportError(store.status());

  ImportOptions io;
  io.source = options.source;
  io.format = options.format;
  io.options = app.plugin_options();
  if (options.analyse) {
    auto analyses = app.Analyses(**store);
    if (!analyses.ok()) return ReportError(analyses.status());
    io.analyses = std::move(analyses).value();
  }
  io.pipeline.workers = app.threads();
  io.pipeline.runner = app.runner_options();
  io.batch_size = options.batch_size;
  io.progress = !app.options().quiet;
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
  for (const auto& file : files) {
    auto summary = ImportFile(app.registry(), **store, file, io, app.cancelled());
    if (!summary.ok()) {
      return ReportError(Status(summary.status().code(),
                                summary.status().message() +
                                    "\n  records stored before the error are kept; run the same "
                                    "command again to resume"));
    }
    PrintSummary(*summary, options.analyse);
    rejected += summary->rejected;
    app.Quarantine(**store, summary->plugin_failures);
    plugin_exit = std::max(plugin_exit, PluginFailureExit(summary->plugin_failures));
    // A plugin that failed is not tried again on the next file of this run.
    for (const PluginFailure& f : summary->plugin_failures) {
      std::erase_if(io.analyses, [&](const PluginInfo* p) { return p->name == f.plugin; });
    }
  }
  // Resuming means complete: records an earlier run stored but did not
  // analyse (Ctrl-C, kill -9, an import without analysis, a plugin that
  // failed then) are analysed now. A database that was empty before this
  // run holds only what this run analysed, so the scan is skipped there.
  if (options.analyse && !io.analyses.empty() && !(*store)->OpenedEmpty() &&
      !app.cancelled()->load()) {
    auto caught_up = AnalyzeStored(**store, app.options().db, io, app.cancelled());
    if (!caught_up.ok()) return ReportError(caught_up.status());
    if (caught_up->read > 0) {
      Log(Severity::kInfo, "", fmt::format("analysed {} stored text units that an earlier run left "
                                           "unanalysed", caught_up->read));
    }
    app.Quarantine(**store, caught_up->plugin_failures);
    plugin_exit = std::max(plugin_exit, PluginFailureExit(caught_up->plugin_failures));
  }
  if (options.compact && (*store)->OpenedEmpty()) {
    // A first load into a new database: pack it (sqlite_store.h).
    StageTimer timer(io.stats, "compact (VACUUM)");
    Status compacted = (*store)->Compact();
    if (!compacted.ok()) Log(Severity::kWarn, "", compacted.message());
  }
  if (options.analyse && options.report) {
    // After a failed plugin or rejected rows too: the report shows both.
    const std::string path =
        options.report_path.empty() ? DefaultReportPath(app.options().db) : options.report_path;
    Status written = WriteReport(app, path);
    if (!written.ok()) {
      Log(Severity::kError, "", "the report was not written: " + written.message() +
                                    " (the data is stored; `cxmap report` tries again)");
      // Worse than rejected rows (exit 1): say so with the failure code.
      if (plugin_exit == kExitOk) return kExitFailure;
    } else {
      Log(Severity::kInfo, "", "report: " + path);
    }
  }
  if (plugin_exit != kExitOk) return plugin_exit;
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
  ImportOptions io;
  io.options = app.plugin_options();
  auto analyses = app.Analyses(**store);
  if (!analyses.ok()) return ReportError(analyses.status());
  io.analyses = std::move(analyses).value();
  io.pipeline.workers = app.threads();
  io.pipeline.runner = app.runner_options();
  io.batch_size = batch_size;
  io.progress = !app.options().quiet;
  const auto started = std::chrono::steady_clock::now();
  StageStats stats;
  if (print_stats) io.stats = io.pipeline.stats = &stats;
  auto summary = AnalyzeStored(**store, app.options().db, io, app.cancelled());
  if (print_stats) fmt::print(stderr, "{}", stats.Format(std::chrono::steady_clock::now() - started));
  if (!summary.ok()) return ReportError(summary.status());
  app.Quarantine(**store, summary->plugin_failures);
  fmt::print("analysed {} records with {} plugins: {} results\n", summary->read,
             io.analyses.size(), summary->results);
  return PluginFailureExit(summary->plugin_failures);
}

}  // namespace cxmap::core
