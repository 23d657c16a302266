// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "core/plugin_host/analysis_runner.h"
#include "core/plugin_host/plugin_process.h"
#include "core/plugin_host/source_runner.h"
#include "core/plugin_host/wire_source.h"

namespace cxmap::core {

/// A source plugin running in a process of its own (cxmap-plugin-host,
/// plugin_host_main.cpp): sniff(), create(), open(), next_batch(),
/// inspect(), split() and open_piece() run there; requests go out and verdicts, records, rejects, skipped rows and
/// the plugin's log lines come back (wire_source.h). Records are checked
/// again here (record_convert.h) and their ids made here, since the child's
/// bytes are as untrusted as its code. A child that crashes, aborts, exits,
/// sends garbage or exceeds the time limit on one call is killed and
/// reported through fault(); Ctrl-C kills it within 100 ms. Used by one
/// thread at a time.
class IsolatedSource : public SourceRunner {
 public:
  /// Starts the child, which loads the module with the registry's checks
  /// and runs none of the plugin's functions yet. Errors name the plugin;
  /// *fault says how the child died or hung, if it did.
  static Result<std::unique_ptr<IsolatedSource>> Start(const PluginInfo& plugin,
                                                       const RunnerOptions& runner_options,
                                                       const std::atomic<bool>* cancelled,
                                                       std::string* fault);

  /// sniff() of `head` (the first bytes of `path`) into *out.
  Status Sniff(const std::string& path, std::string_view head, SniffCandidate* out);
  /// create() with `options`, once, before Open().
  Status Create(const OptionMap& options);
  Status Open(const std::string& path, const std::string& display = "") override;
  Status Next(size_t hint, Batch& batch, bool* at_end) override;
  /// inspect() in the child (the SDK's default reads the input through
  /// there, so a crash on the way fails the call, not cxmap).
  Result<Inspection> Inspect(const std::string& path) override;
  /// split() and open_piece() in the child; the pieces are checked again
  /// here (CheckPieces), as the child's bytes may be anything.
  Result<std::vector<Piece>> Split(const std::string& path, uint32_t parts) override;
  Status OpenPiece(const std::string& path, const std::string& token,
                   const std::string& display = "") override;
  const std::string& name() const override { return plugin_->name; }
  std::string fault() const override { return process_.fault(); }

 private:
  IsolatedSource(const PluginInfo* plugin, const RunnerOptions& options,
                 const std::atomic<bool>* cancelled)
      : plugin_(plugin), process_(plugin->name, options.batch_timeout, cancelled) {}
  /// One request and its answer; the answer's log lines are logged here.
  /// `whole_file`: the call reads all of request.path (inspect, split), so
  /// its limit grows with the file (WholeFileLimit).
  Status Call(wire::FrameType type, const wire::SourceRequest& request, const char* during,
              wire::SourceAnswer* answer, bool whole_file = false);
  /// An error of the process (not the plugin's own) with the file named.
  Status NamingFile(Status s) const;

  const PluginInfo* plugin_;
  PluginProcess process_;
  std::string display_;  ///< the input opened, as messages name it
};

}  // namespace cxmap::core
