// SPDX-License-Identifier: Apache-2.0
#include "core/app/text_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "core/plugin_host/record_convert.h"
#include "core/report/result_json.h"
#include "core/text/language_id.h"
#include "core/text/normalize.h"

namespace cxmap::core {
namespace {
constexpr size_t kBatch = 512;
}  // namespace

Result<std::unique_ptr<TextRunner>> TextRunner::Start(AppContext& app, TextResultFn on_result) {
  std::unique_ptr<TextRunner> self(new TextRunner());
  std::vector<const PluginInfo*> analyses = app.SelectedAnalyses();
  std::vector<std::string> names;
  for (const auto* a : analyses) names.push_back(a->name);
  auto writer = [fn = std::move(on_result), names](Batch& batch) -> Status {
    std::vector<nlohmann::ordered_json> objects = BatchJson(batch, names);
    for (size_t i = 0; i < batch.records.size(); ++i) fn(batch.records[i], objects[i]);
    return Status::Ok();
  };
  PipelineOptions po;
  po.workers = app.threads();
  po.runner = app.runner_options();
  auto pipeline = Pipeline::Start(analyses, app.plugin_options(), po, app.cancelled(), writer);
  if (!pipeline.ok()) return pipeline.status();
  self->pipeline_ = std::move(pipeline.value());
  return self;
}

Status TextRunner::Add(FeedbackRecord record) {
  record.id = fmt::format("text:{}", next_id_++);
  pending_.records.push_back(std::move(record));
  if (pending_.records.size() < kBatch) return Status::Ok();
  return pipeline_->Submit(std::exchange(pending_, {}));
}

Status TextRunner::AddLine(std::string_view line, uint64_t line_number) {
  FeedbackRecord r;
  r.rec.text = NormalizeNfc(SafeExcerpt(line, SIZE_MAX));
  r.rec.line = r.rec.record_number = line_number;
  return Add(std::move(r));
}

Status TextRunner::Finish() {
  Status s;
  if (!pending_.records.empty()) s = pipeline_->Submit(std::exchange(pending_, {}));
  Status finished = pipeline_->Finish();
  return s.ok() ? finished : s;
}

std::vector<nlohmann::ordered_json> BatchJson(const Batch& batch,
                                              const std::vector<std::string>& plugins) {
  // Group results by record and plugin once: a per-record scan would be
  // quadratic in the batch size.
  std::vector<std::map<std::string, std::vector<const ResultRow*>>> rows(batch.records.size());
  for (const auto& row : batch.results) rows[row.record_index][row.plugin].push_back(&row);
  std::vector<nlohmann::ordered_json> out;
  out.reserve(batch.records.size());
  for (size_t i = 0; i < batch.records.size(); ++i) out.push_back(RecordJson(batch, i, plugins, rows[i]));
  return out;
}

nlohmann::ordered_json RecordJson(const Batch& batch, size_t index,
                                  const std::vector<std::string>& plugins,
                                  std::map<std::string, std::vector<const ResultRow*>>& rows) {
  const Record& r = batch.records[index].rec;
  // The pipeline already set r.language when the input had none; the runs
  // of mixed text are recomputed here (cheap) rather than carried around.
  LanguageResult detected = DetectLanguage(r.text);
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const auto& run : detected.runs) {
    runs.push_back({{"language", run.tag}, {"begin", run.begin}, {"end", run.end}});
  }
  nlohmann::ordered_json j = {{"text", r.text},
                              {"language", r.language.empty() ? detected.tag : r.language},
                              {"languages", std::move(runs)}};
  for (const auto& name : plugins) {
    bool ran = std::find(batch.plugins.begin(), batch.plugins.end(), name) != batch.plugins.end();
    j[PluginKey(name)] = ran ? ComposePluginResult(rows[name], r.text) : nlohmann::ordered_json(nullptr);
  }
  return j;
}

}  // namespace cxmap::core
