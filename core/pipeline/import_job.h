// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "core/pipeline/pipeline.h"
#include "core/plugin_host/source_instance.h"
#include "core/plugin_host/source_runner.h"
#include "core/storage/store.h"
#include "core/storage/store_location.h"

namespace cxmap::core {

/// How to import.
struct ImportOptions {
  std::string source;                          ///< plugin name; empty = sniff
  std::string format;                          ///< platform profile (`--format`); empty = sniff
  std::map<std::string, OptionMap> options;    ///< per plugin
  std::vector<const PluginInfo*> analyses;     ///< run during import (`run`); empty for `import`
  PipelineOptions pipeline;
  size_t batch_size = 2000;
  bool progress = true;
  StageStats* stats = nullptr;  ///< `--stats`; also set pipeline.stats
  /// Where ImportFile also puts the plugins that failed when the import
  /// itself fails (Ctrl-C, a read error), so a crash is quarantined then too.
  std::vector<PluginFailure>* failures_on_error = nullptr;
  /// The name the input is stored and reported under, when it is not the
  /// path read: standard input goes through a spool file (SpoolStdin).
  std::string display_path;
  /// Sources left out of sniffing and reading (quarantined ones).
  std::vector<std::string> excluded_sources;
};

/// What one file's import did.
struct ImportSummary {
  std::string path;
  std::string source;
  std::string format;
  std::string reason;           ///< why this source was chosen
  bool already_imported = false;
  std::string skipped_file;     ///< why the whole file was left out (an empty file); "" = read
  bool resumed = false;
  uint64_t read = 0;            ///< records the source produced in this run
  uint64_t responses = 0;       ///< new responses stored in this run
  uint64_t answers = 0;         ///< new closed answers stored in this run
  uint64_t inserted = 0;        ///< new records (text units) stored in this run
  uint64_t duplicates = 0;      ///< records already stored (ids seen before)
  uint64_t rejected = 0;        ///< rejects reported in this run
  uint64_t skipped = 0;         ///< rows the source left out on purpose (new marks)
  uint64_t results = 0;
  std::vector<PluginFailure> plugin_failures;
};

/// How far ImportFile() got before it failed: a bad option is a usage
/// error, a bad file is not, and only an import cut off while reading is
/// worth running again.
enum class ImportStage {
  kInput,      ///< checking, sniffing and hashing the file
  kOptions,    ///< the source's options and Create()
  kOpening,    ///< the source's Open(): nothing stored yet
  kReading,    ///< reading, analysing and storing records
};

/// Checks `--source` and `--format` against the loaded plugins once,
/// before any file is read: InvalidArgument (a usage error) when the
/// source does not exist or no source takes a format.
Status CheckSourceChoice(const PluginRegistry& registry, const std::string& forced,
                         const std::string& format);

/// Picks the source for `path`: `forced` if given (must exist and be a
/// source); else, with a `format`, the source that sniffed that format or
/// failing that the first one with a `format` option; else the most
/// confident sniffer. Errors name the file and list every candidate with
/// its reason. `all`, when given, receives every candidate, best first;
/// `sniff` says where the sources' sniff() runs and which are left out
/// (a source excluded there is refused even with --source). Cancelled
/// when `sniff.cancelled` is set by the time the sources were asked.
Result<SniffCandidate> ChooseSource(const PluginRegistry& registry, const std::string& path,
                                    const std::string& forced, const std::string& format = "",
                                    std::vector<SniffCandidate>* all = nullptr,
                                    const SniffOptions& sniff = {});

/// The options of source `plugin`: `given`, plus `format` when one was
/// asked for. InvalidArgument when the source has no `format` option.
Result<OptionMap> SourceOptions(const PluginInfo& plugin, const OptionMap& given,
                                const std::string& format);

/// Imports one file into `store`: hashes it, skips it if the same content
/// was fully imported before, resumes an import that was cut off, streams
/// it through the source and the pipeline with one transaction per batch,
/// and marks the import finished only when the whole file went through.
/// Only a regular file is read (CheckRegularFile); an empty one is not an
/// error: the summary says `skipped` and nothing is stored. On error,
/// `stage` (when given) says how far it got. A source whose process
/// crashed, aborted or hung (in sniff, create, open or next_batch) is in
/// the summary's plugin_failures, or in *options.failures_on_error when the
/// import failed; a crash in sniff fails only that source's verdict.
Result<ImportSummary> ImportFile(const PluginRegistry& registry, Store& store,
                                 const std::string& path, const ImportOptions& options,
                                 const std::atomic<bool>* cancelled, ImportStage* stage = nullptr);

/// The reading half of ImportFile, for an input whose source is chosen
/// (summary->source) and whose import `import_id` is begun: reads `path`,
/// or its piece `piece` when not empty (ABI 1.6), under the name `name`,
/// through the pipeline into the store, adding to *summary. The import is
/// not marked finished: the caller knows when the whole file is in.
/// Sources whose process died go to *source_failures.
Status ReadIntoImport(const PluginRegistry& registry, Store& store, const std::string& path,
                      const std::string& name, const std::string& piece, int64_t import_id,
                      const ImportOptions& options, const std::atomic<bool>* cancelled,
                      ImportStage* stage, ImportSummary* summary,
                      std::vector<PluginFailure>* source_failures);

/// Analyses stored records that `analyses` have not seen yet (`analyze`).
/// The store at `location` is opened a second time for reading, so reads
/// and the writer run side by side.
Result<ImportSummary> AnalyzeStored(Store& writer, const StoreLocation& location,
                                    const ImportOptions& options,
                                    const std::atomic<bool>* cancelled);

}  // namespace cxmap::core
