// SPDX-License-Identifier: Apache-2.0
// A cxmap-plugin-host child process and the socket to it: what an isolated
// analysis (isolated_analysis.h) and an isolated source (isolated_source.h)
// share. One frame out, one frame back, within a time limit; a child that
// crashes, aborts, exits, hangs or answers garbage is killed and its fault
// kept, and Ctrl-C kills it within 100 ms.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "core/plugin_host/wire_format.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// One started cxmap-plugin-host running the plugin `plugin`. Used by one
/// thread at a time. The destructor closes the socket (the child then
/// destroys its instance and exits) and kills a child that does not exit
/// within a second.
class PluginProcess {
 public:
  PluginProcess(std::string plugin, std::chrono::milliseconds timeout,
                const std::atomic<bool>* cancelled)
      : plugin_(std::move(plugin)), timeout_(timeout), cancelled_(cancelled) {}
  ~PluginProcess();
  PluginProcess(const PluginProcess&) = delete;
  PluginProcess& operator=(const PluginProcess&) = delete;

  /// Starts the child. NotFound when cxmap-plugin-host is missing.
  Status Spawn();
  /// False once the child is gone (killed, crashed, stopped).
  bool alive() const { return pid_ > 0; }
  /// Sends a frame of `type` with `payload` and puts the answer's payload
  /// in `payload`; the answer must be of type `answer` and come within the
  /// time limit. `during` names the plugin entry point for messages ("in
  /// next_batch"). Errors name the plugin; fault() then says how the child
  /// ended unless the run was cancelled (Code::kCancelled). A payload too
  /// large for one frame is InvalidArgument and not the plugin's fault.
  Status Exchange(wire::FrameType type, std::string& payload, wire::FrameType answer,
                  const char* during);
  /// The same with a time limit of its own for this call (a source's
  /// inspect() or split(), which read the whole input).
  Status Exchange(wire::FrameType type, std::string& payload, wire::FrameType answer,
                  const char* during, std::chrono::milliseconds limit);
  /// The time limit of one call.
  std::chrono::milliseconds timeout() const { return timeout_; }
  /// Kills and reaps the child; returns the error that says why, naming the
  /// plugin, and keeps `why` as the fault.
  Status Stop(const std::string& why);
  /// Why the child died or was stopped; empty while it is well.
  const std::string& fault() const { return fault_; }
  const std::string& plugin() const { return plugin_; }

 private:
  Status SendAll(const char* data, size_t size, const char* during);
  Status ReceiveAll(char* data, size_t size, const char* during);
  /// Waits for the deadline or cancellation on fd_; ok when ready.
  Status Wait(short events, const char* during);
  Status ChildGone(const char* during);
  /// The child exited with `status`: says how (a fault), or Cancelled.
  Status Reaped(int status, const char* during);

  std::string plugin_;
  std::chrono::milliseconds timeout_;
  const std::atomic<bool>* cancelled_;
  pid_t pid_ = -1;
  int fd_ = -1;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::milliseconds limit_{0};  ///< the running call's limit, for messages
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
Result<PluginHostChild> SpawnPluginHost(const std::string& binary,
                                        const std::vector<std::string>& args,
                                        const std::string& who);

/// How a child process ended, from its wait status: "crashed with signal 11
/// (SIGSEGV, Segmentation fault)", "exited with status 3".
std::string DescribeExit(int status);

}  // namespace cxmap::core
