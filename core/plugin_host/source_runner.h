// SPDX-License-Identifier: Apache-2.0
// How an import reads an input through a source plugin, wherever its code
// lives: in this process (SourceInstance) or in a process of its own
// (IsolatedSource), so that a source that crashes, aborts or hangs fails
// its file, is named and quarantined, and the other files go on.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/batch.h"
#include "core/plugin_host/analysis_runner.h"
#include "core/plugin_host/plugin_options.h"
#include "cxmap/source_plugin.h"

namespace cxmap::core {

/// One source's verdict on an input, for choosing a source and `inspect`.
struct SniffCandidate {
  std::string plugin;
  double confidence = 0;
  std::string format;
  std::string reason;
  /// Non-empty when the source's process crashed, aborted or hung in
  /// sniff(): the reason to quarantine it (confidence is then 0).
  std::string fault;
};

/// A source plugin reading one input. Used by one thread at a time.
class SourceRunner {
 public:
  virtual ~SourceRunner() = default;
  /// Opens `path`; `display` (when not empty) is the name the input is known
  /// by in records, rejects and messages. Errors name the file.
  virtual Status Open(const std::string& path, const std::string& display = "") = 0;
  /// Appends up to about `hint` records (each with its stable id) and the
  /// rejects and skipped rows met on the way to `batch`; sets *at_end at end
  /// of input. Errors name the plugin and the file; what was appended before
  /// an error is kept.
  virtual Status Next(size_t hint, Batch& batch, bool* at_end) = 0;
  /// Cuts `path` into at most `parts` pieces at record boundaries (ABI
  /// 1.6; on a runner never opened), for workers to read side by side.
  /// Fewer than two pieces: read the input whole with Open(). The default,
  /// and a source built before 1.6, cannot cut anything.
  virtual Result<std::vector<Piece>> Split(const std::string& path, uint32_t parts) {
    (void)path;
    (void)parts;
    return std::vector<Piece>{};
  }
  /// Opens the piece of `path` that Split() described by `token`, as Open()
  /// opens a whole input.
  virtual Status OpenPiece(const std::string& path, const std::string& token,
                           const std::string& display = "") {
    (void)token;
    (void)display;
    return Status::NotSupported(fmt::format("{}: source {} does not read pieces of an input", path,
                                            name()));
  }
  /// How the source would read `path` (`cxmap inspect`; on a runner never
  /// opened). Errors name the file.
  virtual Result<Inspection> Inspect(const std::string& path) = 0;
  virtual const std::string& name() const = 0;
  /// After a failed call: why the source's process died or was stopped (a
  /// crash, an abort, the time limit), which is reason to quarantine it;
  /// empty for an ordinary error and in process.
  virtual std::string fault() const { return {}; }
};

/// True when source `plugin` reads in a process of its own: a module this
/// build did not make, unless `--isolate none`. The bundled sources read in
/// process even under `--isolate all`: they are cxmap's own code, and what
/// isolating them would cost buys nothing a test of theirs does not.
bool SourceRunsIsolated(const PluginInfo& plugin, const RunnerOptions& options);

/// Creates source `plugin` with `options`, in this process or a child one.
/// Errors: a bad option (kInvalidArgument, before any plugin code runs),
/// create() failing, or the process failing to start; *fault is set when
/// the process crashed, aborted or hung (a reason to quarantine it).
Result<std::unique_ptr<SourceRunner>> StartSource(const PluginInfo& plugin,
                                                  const OptionMap& options,
                                                  const RunnerOptions& runner_options,
                                                  const std::atomic<bool>* cancelled,
                                                  std::string* fault);

/// How SniffAll asks the sources. Default: every source in this process.
struct SniffOptions {
  RunnerOptions runner{Isolation::kNone};
  const std::atomic<bool>* cancelled = nullptr;
  /// Quarantined sources: not asked, listed with confidence 0.
  std::vector<std::string> excluded;
};

/// Asks every source plugin about `head` (the first bytes of `path`); best
/// first. A source that fails or throws is listed with confidence 0 and the
/// error as reason; one whose process crashed or hung has `fault` set too,
/// and the others are still asked.
std::vector<SniffCandidate> SniffAll(const PluginRegistry& registry, const std::string& path,
                                     std::string_view head, const SniffOptions& options = {});

/// One source's sniff() in this process.
SniffCandidate SniffOne(const PluginInfo& plugin, const std::string& path, std::string_view head);

}  // namespace cxmap::core
