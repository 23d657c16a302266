// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/model/batch.h"
#include "core/plugin_host/host_context.h"
#include "core/plugin_host/plugin_options.h"

namespace cxmap::core {

/// A live instance of an analysis plugin. The pipeline creates one per
/// worker thread; an instance is used by one thread at a time.
class AnalysisInstance {
 public:
  static Result<std::unique_ptr<AnalysisInstance>> Create(const PluginInfo& plugin,
                                                          const OptionMap& options,
                                                          const std::atomic<bool>* cancelled);
  ~AnalysisInstance();

  /// Runs the plugin over the customer's voice in batch.records (records
  /// whose speaker is the customer or unknown) and appends its results, checked
  /// against its declared fields, to batch.results. On error nothing of
  /// this call is kept and the Status names the plugin.
  Status Analyze(Batch& batch);
  const std::string& name() const { return plugin_->name; }

 private:
  AnalysisInstance(const PluginInfo* plugin, std::unique_ptr<HostContext> host)
      : plugin_(plugin), host_(std::move(host)) {}
  static int32_t EmitThunk(void* ctx, const cxmap_result* result);
  Status Check(const cxmap_result& r) const;
  /// Refuses spans outside `text` (the record's), off character boundaries or
  /// pointing past the evidence list.
  static Status CheckSpans(const cxmap_result& r, std::string_view text);

  const PluginInfo* plugin_;
  std::unique_ptr<HostContext> host_;
  const cxmap_analysis_vtable* vtable_ = nullptr;
  void* instance_ = nullptr;
  // Per-call state, reused across calls to avoid reallocating.
  std::vector<cxmap_record> c_records_;
  std::vector<std::vector<cxmap_kv>> c_attrs_;
  std::vector<uint32_t> selected_;  // batch index of each record handed to the plugin
  Batch* current_ = nullptr;
  size_t results_before_ = 0;
  std::string emit_error_;
};

}  // namespace cxmap::core
