// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/import_job.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/pipeline/progress_meter.h"
#include "core/storage/open_store.h"
#include "core/util/files.h"
#include "core/util/hash.h"
#include "core/util/log.h"
#include "core/util/stdin_spool.h"
#include "cxmap/strings.h"

namespace cxmap::core {

namespace {

bool DeclaresOption(const PluginInfo& plugin, std::string_view name) {
  const cxmap_plugin_descriptor* d = plugin.descriptor;
  for (size_t i = 0; i < d->option_count; ++i) {
    if (FromC(d->options[i].name) == name) return true;
  }
  return false;
}

void AddWriteStages(StageStats* stats, const BatchOutcome& outcome) {
  if (stats == nullptr) return;
  stats->Add("write responses and units", outcome.units_time);
  stats->Add("write results", outcome.results_time);
  stats->Add("commit", outcome.commit_time);
}

}  // namespace

Status CheckSourceChoice(const PluginRegistry& registry, const std::string& forced,
                         const std::string& format) {
  if (!forced.empty()) {
    const PluginInfo* p = registry.Find(forced);
    if (p == nullptr || p->kind != CXMAP_KIND_SOURCE) {
      return Status::InvalidArgument(fmt::format("--source {}: no such source plugin", forced));
    }
    if (!format.empty() && !DeclaresOption(*p, "format")) {
      return Status::InvalidArgument(
          fmt::format("--format {}: source {} has no format option", format, forced));
    }
  }
  if (format.empty()) return Status::Ok();
  for (const PluginInfo* p : registry.OfKind(CXMAP_KIND_SOURCE)) {
    if (DeclaresOption(*p, "format")) return Status::Ok();
  }
  return Status::InvalidArgument(fmt::format("--format {}: no source plugin takes a format", format));
}

Result<SniffCandidate> ChooseSource(const PluginRegistry& registry, const std::string& path,
                                    const std::string& forced, const std::string& format,
                                    std::vector<SniffCandidate>* all, const SniffOptions& sniff) {
  auto head = ReadHead(path);
  if (!head.ok()) return head.status();
  std::vector<SniffCandidate> candidates = SniffAll(registry, path, *head, sniff);
  if (all != nullptr) *all = candidates;
  if (sniff.cancelled != nullptr && sniff.cancelled->load()) return Status::Cancelled("interrupted");
  if (!forced.empty()) {
    const PluginInfo* p = registry.Find(forced);
    if (p == nullptr || p->kind != CXMAP_KIND_SOURCE) {
      return Status::InvalidArgument(fmt::format("--source {}: no such source plugin", forced));
    }
    if (std::find(sniff.excluded.begin(), sniff.excluded.end(), forced) != sniff.excluded.end()) {
      return Status::NotSupported(fmt::format(
          "{}: --source {} is quarantined; after fixing it, `cxmap plugins retry {}`", path, forced,
          forced));
    }
    for (const auto& c : candidates) {
      if (c.plugin == forced) {
        return SniffCandidate{forced, c.confidence, format.empty() ? c.format : format,
                              "chosen with --source"};
      }
    }
  }
  if (!format.empty()) {
    for (const auto& c : candidates) {
      if (c.format == format) return SniffCandidate{c.plugin, c.confidence, format, "chosen with --format"};
    }
    for (const auto& c : candidates) {
      if (std::find(sniff.excluded.begin(), sniff.excluded.end(), c.plugin) != sniff.excluded.end()) {
        continue;
      }
      if (DeclaresOption(*registry.Find(c.plugin), "format")) {
        return SniffCandidate{c.plugin, c.confidence, format, "chosen with --format"};
      }
    }
    return Status::InvalidArgument(fmt::format("--format {}: no source plugin takes a format", format));
  }
  if (!candidates.empty() && candidates.front().confidence > 0) return candidates.front();
  std::string list;
  for (const auto& c : candidates) list += fmt::format("\n  {}: {}", c.plugin, c.reason);
  return Status::NotSupported(fmt::format(
      "{}: no source plugin recognises this file{}{}\n  (pick one with --source NAME or --format "
      "NAME, or add a source plugin with --plugin-dir)",
      path, candidates.empty() ? " (no source plugins loaded)" : "; candidates:", list));
}

Result<OptionMap> SourceOptions(const PluginInfo& plugin, const OptionMap& given,
                                const std::string& format) {
  OptionMap out = given;
  if (format.empty()) return out;
  if (!DeclaresOption(plugin, "format")) {
    return Status::InvalidArgument(
        fmt::format("--format {}: source {} has no format option", format, plugin.name));
  }
  out["format"] = format;
  return out;
}

namespace {

// A source whose process died or hung, for the caller to quarantine.
void Blame(const std::string& plugin, const std::string& message, const std::string& fault,
           std::vector<PluginFailure>* failures) {
  if (!fault.empty()) failures->push_back({plugin, message, fault, /*source=*/true});
}

}  // namespace

Status ReadIntoImport(const PluginRegistry& registry, Store& store, const std::string& path,
                const std::string& name, const std::string& piece, int64_t import_id,
                const ImportOptions& options, const std::atomic<bool>* cancelled,
                ImportStage* stage, ImportSummary* summary,
                std::vector<PluginFailure>* source_failures) {
  *stage = ImportStage::kOptions;
  const PluginInfo& plugin = *registry.Find(summary->source);
  auto source_options = SourceOptions(plugin, OptionsFor(options.options, plugin.name), options.format);
  if (!source_options.ok()) return source_options.status();
  std::string fault;
  auto source = StartSource(plugin, *source_options, options.pipeline.runner, cancelled, &fault);
  if (!source.ok()) {
    Blame(plugin.name, source.status().message(), fault, source_failures);
    return source.status();
  }
  *stage = ImportStage::kOpening;
  Status opened = piece.empty() ? (*source)->Open(path, name) : (*source)->OpenPiece(path, piece, name);
  if (!opened.ok()) {
    Blame(plugin.name, opened.message(), (*source)->fault(), source_failures);
    return opened;
  }
  *stage = ImportStage::kReading;

  ProgressMeter meter(name, options.progress);
  uint64_t stored = 0;
  auto consume = [&](Batch& batch) -> Status {
    BatchOutcome outcome;
    CXMAP_RETURN_IF_ERROR(store.WriteBatch(import_id, batch, &outcome));
    AddWriteStages(options.stats, outcome);
    summary->responses += outcome.responses;
    summary->answers += outcome.answers;
    summary->inserted += outcome.inserted;
    summary->duplicates += outcome.duplicates;
    summary->skipped += outcome.skipped;
    summary->results += outcome.results;
    stored += batch.records.size();
    meter.Update(stored, batch.bytes_done, batch.bytes_total);
    return Status::Ok();
  };
  auto pipeline = Pipeline::Start(options.analyses, options.options, options.pipeline, cancelled,
                                  consume);
  if (!pipeline.ok()) return pipeline.status();

  Status status;
  for (bool at_end = false; !at_end && status.ok();) {
    if (cancelled && cancelled->load()) {
      status = Status::Cancelled("interrupted");
      break;
    }
    Batch batch;
    {
      StageTimer timer(options.stats, "read (source plugin)");
      status = (*source)->Next(options.batch_size, batch, &at_end);
    }
    summary->read += batch.records.size();
    summary->rejected += batch.rejects.size();
    if (status.ok() || !batch.records.empty() || !batch.rejects.empty()) {
      Status submitted = (*pipeline)->Submit(std::move(batch));
      if (status.ok()) status = submitted;
    }
  }
  Status finished = (*pipeline)->Finish();
  meter.Finish();
  // The batches before a source's crash are stored (one transaction each);
  // the file stays unfinished, so running again resumes it.
  if (!status.ok()) Blame(plugin.name, status.message(), (*source)->fault(), source_failures);
  summary->plugin_failures = (*pipeline)->failures();
  if ((!finished.ok() || !status.ok()) && options.failures_on_error != nullptr) {
    *options.failures_on_error = summary->plugin_failures;
  }
  if (!finished.ok()) return finished;
  return status;
}

namespace {

Result<ImportSummary> ImportFileAt(const PluginRegistry& registry, Store& store, const std::string& path,
                                   const ImportOptions& options, const std::atomic<bool>* cancelled,
                                   ImportStage* stage, std::vector<PluginFailure>* source_failures) {
  ImportSummary summary;
  const std::string& name = options.display_path.empty() ? path : options.display_path;
  summary.path = name;
  CXMAP_RETURN_IF_ERROR(CheckRegularFile(path));
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) {
    // An empty export (nothing answered yet) is not an error, and no
    // source could recognise it: say so and go on with the next file.
    summary.skipped_file = "empty file (0 bytes)";
    return summary;
  }
  std::vector<SniffCandidate> candidates;
  SniffOptions sniff{options.pipeline.runner, cancelled, options.excluded_sources};
  auto chosen = ChooseSource(registry, path, options.source, options.format, &candidates, sniff);
  for (const SniffCandidate& c : candidates) {
    // The other sources were asked all the same: the file may still be read.
    if (c.fault.empty()) continue;
    std::string message = fmt::format("{} (reading {})", c.reason, name);
    Log(Severity::kError, c.plugin, message);
    Blame(c.plugin, message, c.fault, source_failures);
  }
  if (!chosen.ok()) return chosen.status();
  summary.source = chosen->plugin;
  summary.format = chosen->format;
  summary.reason = chosen->reason;

  ImportRequest request{name, "", 0, summary.source, summary.format};
  Result<std::string> sha = [&] {
    StageTimer timer(options.stats, "hash input (SHA-256)");
    return Sha256File(path, &request.size);
  }();
  if (!sha.ok()) return sha.status();
  request.sha256 = *sha;
  auto handle = store.BeginImport(request);
  if (!handle.ok()) return handle.status();
  if (handle->already_complete) {
    summary.already_imported = true;
    return summary;
  }
  summary.resumed = handle->resumed;
  if (handle->resumed && handle->source != summary.source &&
      std::find(options.excluded_sources.begin(), options.excluded_sources.end(),
                handle->source) != options.excluded_sources.end()) {
    // Another source would add its own reading of the rest to the records
    // the first one stored: the file waits for its source instead.
    return Status::NotSupported(fmt::format(
        "{}: its import was begun by source {}, which is quarantined; after fixing it, `cxmap "
        "plugins retry {}` and the same command again resume it",
        name, handle->source, handle->source));
  }

  CXMAP_RETURN_IF_ERROR(ReadIntoImport(registry, store, path, name, "", handle->import_id, options,
                                       cancelled, stage, &summary, source_failures));
  CXMAP_RETURN_IF_ERROR(store.FinishImport(handle->import_id));
  return summary;
}

}  // namespace

Result<ImportSummary> ImportFile(const PluginRegistry& registry, Store& store,
                                 const std::string& path, const ImportOptions& options,
                                 const std::atomic<bool>* cancelled, ImportStage* stage) {
  ImportStage unused;
  if (stage == nullptr) stage = &unused;
  *stage = ImportStage::kInput;
  std::vector<PluginFailure> source_failures;
  auto summary = ImportFileAt(registry, store, path, options, cancelled, stage, &source_failures);
  if (summary.ok()) {
    summary->plugin_failures.insert(summary->plugin_failures.end(), source_failures.begin(),
                                    source_failures.end());
  } else if (options.failures_on_error != nullptr) {
    options.failures_on_error->insert(options.failures_on_error->end(), source_failures.begin(),
                                      source_failures.end());
  }
  const std::string& name = options.display_path;
  if (summary.ok() || name.empty() || name == path) return summary;
  // A message about the spool file is about the input it holds.
  return Status(summary.status().code(), WithDisplayName(summary.status().message(), path, name));
}

Result<ImportSummary> AnalyzeStored(Store& writer, const StoreLocation& location,
                                    const ImportOptions& options,
                                    const std::atomic<bool>* cancelled) {
  ImportSummary summary;
  summary.path = location.display;
  if (options.analyses.empty()) return summary;
  auto reader = OpenStoreAt(location);
  if (!reader.ok()) return reader.status();
  ProgressMeter meter("analyze", options.progress);
  auto consume = [&](Batch& batch) -> Status {
    BatchOutcome outcome;
    CXMAP_RETURN_IF_ERROR(writer.WriteBatch(0, batch, &outcome));
    AddWriteStages(options.stats, outcome);
    summary.results += outcome.results;
    summary.read += batch.records.size();
    meter.Update(summary.read, 0, 0);
    return Status::Ok();
  };
  auto pipeline = Pipeline::Start(options.analyses, options.options, options.pipeline, cancelled,
                                  consume);
  if (!pipeline.ok()) return pipeline.status();
  std::vector<std::string> names = (*pipeline)->plugin_names();
  Status scan = (*reader)->ScanUnanalysed(names, options.batch_size, [&](Batch& batch) -> Status {
    if (cancelled && cancelled->load()) return Status::Cancelled("interrupted");
    return (*pipeline)->Submit(std::move(batch));
  });
  Status finished = (*pipeline)->Finish();
  meter.Finish();
  summary.plugin_failures = (*pipeline)->failures();
  if (!finished.ok()) return finished;
  if (!scan.ok()) return scan;
  return summary;
}

}  // namespace cxmap::core
