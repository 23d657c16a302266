// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/app_context.h"
#include "core/pipeline/pipeline.h"

namespace cxmap::core {

/// Receives each analysed record and its `classify --jsonl` object, in the
/// order the records were added, on the pipeline's writer thread.
using TextResultFn = std::function<void(const FeedbackRecord&, const nlohmann::ordered_json&)>;

/// Runs records through every analysis plugin without a database: the
/// engine behind `classify` and `eval`. Batches internally; keeps input order
/// whatever the thread count. Used from one thread.
class TextRunner {
 public:
  static Result<std::unique_ptr<TextRunner>> Start(AppContext& app, TextResultFn on_result);

  /// Queues a record (its id is set here). Blocks while the pipeline is full.
  Status Add(FeedbackRecord record);
  /// A text read from a line: NFC-normalised, invalid UTF-8 repaired.
  Status AddLine(std::string_view line, uint64_t line_number);
  /// Flushes and waits for every result.
  Status Finish();
  const std::vector<PluginFailure> failures() const { return pipeline_->failures(); }
  const std::vector<std::string>& plugin_names() const { return pipeline_->plugin_names(); }

 private:
  TextRunner() = default;
  std::unique_ptr<Pipeline> pipeline_;
  Batch pending_;
  uint64_t next_id_ = 1;
};

/// The `classify --jsonl` objects of an analysed batch, one per record:
/// text, language (the record's, else detected) and script runs
/// (`languages`), then one key per plugin in `plugins` (null when that
/// plugin did not run on the batch).
std::vector<nlohmann::ordered_json> BatchJson(const Batch& batch,
                                              const std::vector<std::string>& plugins);

/// One record's object; `rows` are its results grouped by plugin.
nlohmann::ordered_json RecordJson(const Batch& batch, size_t index,
                                  const std::vector<std::string>& plugins,
                                  std::map<std::string, std::vector<const ResultRow*>>& rows);

}  // namespace cxmap::core
