// SPDX-License-Identifier: Apache-2.0
// How the pipeline runs an analysis plugin, wherever its code lives: in
// this process (AnalysisInstance) or in a process of its own
// (IsolatedAnalysis), so that a plugin that crashes, aborts or hangs is
// named and switched off while the run completes.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "core/model/batch.h"
#include "core/plugin_host/plugin_options.h"
#include "core/plugin_host/result_check.h"

namespace cxmap::core {

/// One plugin's instance as a worker thread sees it; used by one thread at
/// a time.
class AnalysisRunner {
 public:
  virtual ~AnalysisRunner() = default;
  /// Runs the plugin over the customer's voice in batch.records and appends
  /// its checked results to batch.results. On error nothing of this call is
  /// kept and the Status names the plugin.
  virtual Status Analyze(Batch& batch) = 0;
  virtual const std::string& name() const = 0;
  /// After a failed Analyze: why the plugin's process died or was stopped
  /// (a crash, an abort, the time limit), which is reason to quarantine it;
  /// empty for an ordinary error the plugin reported itself.
  virtual std::string fault() const { return {}; }
};

/// Where plugins run (`--isolate`, config `isolate`).
enum class Isolation {
  kThirdParty,  ///< plugins from outside the bundled folder (the default)
  kAll,
  kNone,
};

struct RunnerOptions {
  Isolation isolation = Isolation::kThirdParty;
  /// Longest an isolated plugin may take to start or to analyse one batch.
  std::chrono::milliseconds batch_timeout{std::chrono::seconds(60)};
  AnalysisLimits limits;
};

/// True when `plugin` runs in a process of its own under `options`.
bool RunsIsolated(const PluginInfo& plugin, const RunnerOptions& options);

/// Creates the plugin's instance, in this process or a child one. Errors:
/// a bad option (kInvalidArgument, before any plugin code runs), the
/// plugin's create() failing, or its process failing to start; *fault is
/// set when the process crashed, aborted or hung in create() (a reason to
/// quarantine it).
Result<std::unique_ptr<AnalysisRunner>> StartAnalysis(const PluginInfo& plugin,
                                                      const OptionMap& options,
                                                      const RunnerOptions& runner_options,
                                                      const std::atomic<bool>* cancelled,
                                                      std::string* fault);

}  // namespace cxmap::core
