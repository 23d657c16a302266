// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/isolated_analysis.h"

#include <fmt/format.h>

#include "core/util/log.h"

namespace cxmap::core {
using wire::FrameType;

Result<std::unique_ptr<IsolatedAnalysis>> IsolatedAnalysis::Start(
    const PluginInfo& plugin, const OptionMap& options, const RunnerOptions& runner_options,
    const std::atomic<bool>* cancelled, std::string* fault) {
  std::unique_ptr<IsolatedAnalysis> self(new IsolatedAnalysis(&plugin, runner_options, cancelled));
  CXMAP_RETURN_IF_ERROR(self->process_.Spawn());
  wire::InitMessage init;
  init.module_path = plugin.module_path.string();
  init.plugin = plugin.name;
  init.options = options;
  init.limits = runner_options.limits;
  init.log_threshold = static_cast<uint32_t>(LogThreshold());
  wire::Writer w;
  wire::EncodeInit(init, &w);
  Status ready = self->process_.Exchange(FrameType::kInit, w.bytes(), FrameType::kReady, "create");
  if (!ready.ok()) {
    *fault = self->process_.fault();
    return ready;
  }
  return self;
}

Status IsolatedAnalysis::Analyze(Batch& batch) {
  if (!process_.alive()) {
    if (cancelled_ != nullptr && cancelled_->load()) return Status::Cancelled("cancelled");
    return Status::Internal(fmt::format("plugin {}: its process is gone", name()));
  }
  // The child gets the text it may analyse, not more: a 10 MB text costs
  // the socket nothing beyond the limit.
  std::vector<FeedbackRecord> sent;
  sent.reserve(batch.records.size());
  for (const FeedbackRecord& fr : batch.records) {
    FeedbackRecord copy;
    copy.id = fr.id;
    copy.rec.external_id = fr.rec.external_id;
    copy.rec.channel = fr.rec.channel;
    copy.rec.sub_channel = fr.rec.sub_channel;
    copy.rec.time_unix_ms = fr.rec.time_unix_ms;
    copy.rec.language = fr.rec.language;
    copy.rec.text = std::string(AnalysedText(fr.rec.text, options_.limits.text_bytes));
    copy.rec.respondent = fr.rec.respondent;
    copy.rec.segment = fr.rec.segment;
    copy.rec.nps = fr.rec.nps;
    copy.rec.csat = fr.rec.csat;
    copy.rec.ces = fr.rec.ces;
    copy.rec.rating = fr.rec.rating;
    copy.rec.attributes = fr.rec.attributes;
    copy.rec.file = fr.rec.file;
    copy.rec.line = fr.rec.line;
    copy.rec.record_number = fr.rec.record_number;
    copy.rec.response_id = fr.rec.response_id;
    copy.rec.speaker_role = fr.rec.speaker_role;
    sent.push_back(std::move(copy));
  }
  wire::Writer w;
  wire::EncodeRecords(sent, &w);
  std::string payload = std::move(w.bytes());
  CXMAP_RETURN_IF_ERROR(process_.Exchange(FrameType::kBatch, payload, FrameType::kResults, "analyze"));
  Status status;
  std::vector<ResultRow> rows;
  if (!wire::DecodeResults(payload, &status, &rows, options_.limits)) {
    return process_.Stop("sent results that cannot be read");
  }
  if (!status.ok()) return status;  // the plugin's own error, already naming it
  for (ResultRow& row : rows) {
    if (row.record_index >= sent.size()) {
      return process_.Stop(fmt::format("sent a result for record {} of a batch of {}", row.record_index,
                              sent.size()));
    }
    Status s = CheckResultRow(*plugin_, row, sent[row.record_index].rec.text, options_.limits);
    if (!s.ok()) return Status::InvalidArgument(fmt::format("plugin {}: {}", name(), s.message()));
  }
  for (ResultRow& row : rows) {
    row.plugin = plugin_->name;
    batch.results.push_back(std::move(row));
  }
  return Status::Ok();
}

}  // namespace cxmap::core
