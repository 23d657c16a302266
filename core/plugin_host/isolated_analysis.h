// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/plugin_host/analysis_runner.h"
#include "core/plugin_host/plugin_process.h"
#include "core/plugin_host/wire_format.h"

namespace cxmap::core {

/// An analysis plugin running in a process of its own (cxmap-plugin-host,
/// plugin_host_main.cpp), one per plugin and worker thread: what the osquery
/// extension watchdog does for extensions, on a smaller scale. Records go
/// out and results come back over a socket pair (wire_format.h); results
/// are checked again here, since the child's bytes are as untrusted as its
/// code. A child that crashes, aborts, exits, sends garbage or exceeds the
/// time limit is killed and reported through fault(); Ctrl-C kills it
/// within 100 ms. Used by one thread at a time.
class IsolatedAnalysis : public AnalysisRunner {
 public:
  /// Starts the child, which loads the module, checks it like the registry
  /// does and calls create(). Errors name the plugin; when the child died
  /// or hung in create(), *fault says how (see AnalysisRunner::fault()).
  static Result<std::unique_ptr<IsolatedAnalysis>> Start(const PluginInfo& plugin,
                                                         const OptionMap& options,
                                                         const RunnerOptions& runner_options,
                                                         const std::atomic<bool>* cancelled,
                                                         std::string* fault);
  ~IsolatedAnalysis() override = default;

  Status Analyze(Batch& batch) override;
  const std::string& name() const override { return plugin_->name; }
  std::string fault() const override { return process_.fault(); }

 private:
  IsolatedAnalysis(const PluginInfo* plugin, const RunnerOptions& options,
                   const std::atomic<bool>* cancelled)
      : plugin_(plugin),
        options_(options),
        cancelled_(cancelled),
        process_(plugin->name, options.batch_timeout, cancelled) {}
  const PluginInfo* plugin_;
  RunnerOptions options_;
  const std::atomic<bool>* cancelled_;
  PluginProcess process_;
};

}  // namespace cxmap::core
