// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <string>

#include "core/plugin_host/analysis_runner.h"
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
  ~IsolatedAnalysis() override;

  Status Analyze(Batch& batch) override;
  const std::string& name() const override { return plugin_->name; }
  std::string fault() const override { return fault_; }

 private:
  IsolatedAnalysis(const PluginInfo* plugin, const RunnerOptions& options,
                   const std::atomic<bool>* cancelled)
      : plugin_(plugin), options_(options), cancelled_(cancelled) {}
  Status Spawn();
  /// One request and its answer, within the time limit.
  Status Exchange(wire::FrameType type, std::string& payload, wire::FrameType answer,
                  const char* during);
  Status SendAll(const char* data, size_t size, const char* during);
  Status ReceiveAll(char* data, size_t size, const char* during);
  /// Waits for the deadline or cancellation on fd_; ok when ready.
  Status Wait(short events, const char* during);
  /// Kills and reaps the child; returns the error that says what became of it.
  Status Stop(const std::string& why);
  Status ChildGone(const char* during);
  /// The child exited with `status`: says how (a fault), or Cancelled.
  Status Reaped(int status, const char* during);

  const PluginInfo* plugin_;
  RunnerOptions options_;
  const std::atomic<bool>* cancelled_;
  pid_t pid_ = -1;
  int fd_ = -1;
  std::chrono::steady_clock::time_point deadline_;
  std::string fault_;
};

/// The plugin host binary: cxmap-plugin-host beside the running binary (a
/// build tree) or in <exe dir>/../lib/cxmap (an install). Empty if neither.
std::string PluginHostBinary();

/// A started cxmap-plugin-host: its pid (leader of its own process group)
/// and cxmap's end of the socket pair whose other end is the child's fd 3.
struct PluginHostChild {
  pid_t pid = -1;
  int fd = -1;
};

/// Starts `binary 3 ARGS…` with the socket as fd 3, its stdout sent to
/// stderr, in a process group of its own. `who` starts error messages.
Result<PluginHostChild> SpawnPluginHost(const std::string& binary, const std::vector<std::string>& args,
                                        const std::string& who);

/// How a child process ended, from its wait status: "crashed with signal 11
/// (SIGSEGV, Segmentation fault)", "exited with status 3".
std::string DescribeExit(int status);

}  // namespace cxmap::core
