// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/plugin_host/plugin_registry.h"
#include "cxmap/abi_host.h"

namespace cxmap::core {

/// Called with progress reported by a plugin (sources: bytes).
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

/// The cxmap_host lent to one plugin instance: logging tagged with the
/// plugin's name, the job's cancellation flag, progress, text services. Must outlive the
/// instance; not copyable because the C struct points into it.
class HostContext {
 public:
  HostContext(const PluginInfo& plugin, const std::atomic<bool>* cancelled, ProgressFn progress);
  HostContext(const HostContext&) = delete;
  HostContext& operator=(const HostContext&) = delete;

  const cxmap_host* c() const { return &host_; }
  const std::string& plugin_name() const { return name_; }
  /// The plugin's log lines say `display` where they say `path` (an input
  /// read through a spool file is named by its display name).
  void RenameInLogs(std::string path, std::string display) {
    renamed_path_ = std::move(path);
    display_ = std::move(display);
  }

 private:
  static void LogThunk(void* ctx, int32_t level, cxmap_str message);
  static int32_t CancelledThunk(void* ctx);
  static void ProgressThunk(void* ctx, uint64_t done, uint64_t total);

  std::string name_;
  std::string data_dir_;
  const std::atomic<bool>* cancelled_;
  ProgressFn progress_;
  cxmap_host host_{};
  std::string renamed_path_, display_;
};

}  // namespace cxmap::core
