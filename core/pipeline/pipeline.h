// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "core/model/batch.h"
#include "core/util/bounded_queue.h"
#include "core/pipeline/stage_stats.h"
#include "core/plugin_host/analysis_runner.h"

namespace cxmap::core {

struct PipelineOptions {
  unsigned workers = 1;         ///< analysis threads
  /// Batches between Submit() and the writer: bounds memory. Four keeps
  /// two workers and the writer busy; eight only queued more results behind
  /// the writer, which sets the pace (100k bench rows: 462 -> 321 MB peak,
  /// 1M: 612 -> 492 MB, no slower).
  size_t max_in_flight = 4;
  StageStats* stats = nullptr;  ///< `--stats`: language detection and each plugin are timed
  RunnerOptions runner;         ///< where plugins run, their time limit, the result limits
};

/// Called on the writer thread with each analysed batch, in Submit() order.
using ConsumeFn = std::function<Status(Batch& batch)>;

/// A plugin that failed during the run; it was switched off for the rest of
/// it, and records went on without its results (`cxmap analyze` retries).
struct PluginFailure {
  std::string plugin;
  std::string message;
  /// Non-empty when its process crashed, aborted or hung (AnalysisRunner::
  /// fault(), SourceRunner::fault()): the caller quarantines it.
  std::string fault;
  /// A source plugin (the file it read failed), not an analysis.
  bool source = false;
};

/// Reader -> analysis workers -> one writer. The caller's thread submits
/// batches; `workers` threads run every analysis plugin over each (one
/// instance per plugin per thread); one thread hands them, in order, to
/// `consume`. At most max_in_flight batches exist at once, so memory stays
/// flat on any input size. A plugin error disables that plugin only; a
/// consume error stops the pipeline.
class Pipeline {
 public:
  /// Creates one instance of each plugin per worker up front. A bad option,
  /// or a create() that fails with kInvalidArgument (its configuration is
  /// invalid), fails here, before any record moves; a plugin whose create()
  /// fails otherwise (or whose process does not start) is switched off for
  /// the run and listed in failures(), and the others go on.
  static Result<std::unique_ptr<Pipeline>> Start(std::vector<const PluginInfo*> analyses,
                                                 std::map<std::string, OptionMap> options,
                                                 PipelineOptions pipe_options,
                                                 const std::atomic<bool>* cancelled,
                                                 ConsumeFn consume);
  ~Pipeline();

  /// Hands a batch to the workers; blocks while max_in_flight are in flight.
  /// Fails once the pipeline stopped (the consume error is returned).
  Status Submit(Batch batch);
  /// Waits until every submitted batch is consumed; returns the first
  /// consume error, if any.
  Status Finish();
  std::vector<PluginFailure> failures() const;
  const std::vector<std::string>& plugin_names() const { return names_; }

 private:
  Pipeline() = default;
  void WorkerLoop(std::vector<std::unique_ptr<AnalysisRunner>> instances);
  void SwitchOff(const std::string& plugin, const std::string& message, const std::string& fault);
  void WriterLoop();
  void Fail(Status s);

  std::vector<const PluginInfo*> analyses_;
  std::vector<std::string> names_;
  std::map<std::string, OptionMap> options_;
  const std::atomic<bool>* cancelled_ = nullptr;
  StageStats* stats_ = nullptr;
  size_t text_bytes_ = 0;  ///< AnalysisLimits::text_bytes
  ConsumeFn consume_;
  std::unique_ptr<BoundedQueue<Batch>> to_workers_, to_writer_;
  std::unique_ptr<std::counting_semaphore<>> slots_;
  std::vector<std::thread> workers_;
  std::thread writer_;
  uint64_t next_sequence_ = 0;
  std::atomic<bool> stopped_{false};
  bool finished_ = false;
  mutable std::mutex mu_;  // guards error_, disabled_, failures_
  Status error_;
  std::vector<std::string> disabled_;
  std::vector<PluginFailure> failures_;
};

}  // namespace cxmap::core
