// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/model/batch.h"
#include "core/plugin_host/analysis_runner.h"
#include "core/plugin_host/host_context.h"
#include "core/plugin_host/plugin_options.h"

namespace cxmap::core {

/// A live instance of an analysis plugin in this process. The pipeline
/// creates one per worker thread; an instance is used by one thread at a
/// time. Plugins read at most limits.text_bytes of each text.
class AnalysisInstance : public AnalysisRunner {
 public:
  static Result<std::unique_ptr<AnalysisInstance>> Create(const PluginInfo& plugin,
                                                          const OptionMap& options,
                                                          const std::atomic<bool>* cancelled,
                                                          const AnalysisLimits& limits = {});
  ~AnalysisInstance() override;

  /// Runs the plugin over the customer's voice in batch.records (records
  /// whose speaker is the customer or unknown) and appends its results,
  /// checked by CheckResultRow, to batch.results.
  Status Analyze(Batch& batch) override;
  const std::string& name() const override { return plugin_->name; }

 private:
  AnalysisInstance(const PluginInfo* plugin, std::unique_ptr<HostContext> host,
                   const AnalysisLimits& limits)
      : plugin_(plugin), host_(std::move(host)), limits_(limits) {}
  static int32_t EmitThunk(void* ctx, const cxmap_result* result);
  Status Accept(const cxmap_result& r);

  const PluginInfo* plugin_;
  std::unique_ptr<HostContext> host_;
  AnalysisLimits limits_;
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
