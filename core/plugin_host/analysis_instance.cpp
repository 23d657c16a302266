// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/analysis_instance.h"

#include <fmt/format.h>

#include "core/plugin_host/abi_sizes.h"
#include "core/plugin_host/plugin_call.h"
#include "core/plugin_host/record_convert.h"
#include "cxmap/strings.h"
#include "cxmap/support/utf8.h"

namespace cxmap::core {

Result<std::unique_ptr<AnalysisInstance>> AnalysisInstance::Create(
    const PluginInfo& plugin, const OptionMap& options, const std::atomic<bool>* cancelled,
    const AnalysisLimits& limits) {
  std::unique_ptr<AnalysisInstance> self(new AnalysisInstance(
      &plugin, std::make_unique<HostContext>(plugin, cancelled, nullptr), limits));
  auto vtable = plugin.Vtable();
  if (!vtable.ok()) return vtable.status();
  self->vtable_ = static_cast<const cxmap_analysis_vtable*>(*vtable);
  CXMAP_RETURN_IF_ERROR(CreateWithOptions(plugin, options, self->vtable_->create,
                                          self->host_->c(), &self->instance_));
  return self;
}

AnalysisInstance::~AnalysisInstance() {
  if (instance_ == nullptr) return;
  try {
    vtable_->destroy(instance_);
  } catch (...) {  // a plugin's destructor must not take the engine down
  }
}

static bool IsCustomerVoice(const Record& r) {
  // What the customer said: analyses of sentiment, empathy and the journey
  // must not read an agent's "I have escalated this" as a complaint. A
  // speaker the source could not place is kept (a whole conversation
  // without speaker labels is still mostly the customer's). A response
  // without text is analysed like an empty text (the store keeps no results
  // for it), so `classify` answers every input line.
  return r.speaker_role == SpeakerRole::kCustomer || r.speaker_role == SpeakerRole::kUnknown;
}

Status AnalysisInstance::Analyze(Batch& batch) {
  selected_.clear();
  for (size_t i = 0; i < batch.records.size(); ++i) {
    if (IsCustomerVoice(batch.records[i].rec)) selected_.push_back(static_cast<uint32_t>(i));
  }
  size_t n = selected_.size();
  c_records_.resize(n);
  if (c_attrs_.size() < n) c_attrs_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const FeedbackRecord& fr = batch.records[selected_[i]];
    c_records_[i] = ToC(fr.rec, c_attrs_[i]);
    c_records_[i].id = ToC(fr.id);
    c_records_[i].text = ToC(AnalysedText(fr.rec.text, limits_.text_bytes));
  }
  if (n == 0) return Status::Ok();
  current_ = &batch;
  results_before_ = batch.results.size();
  emit_error_.clear();
  cxmap_result_sink sink{sizeof(cxmap_result_sink), this, &EmitThunk};
  Status s = CallPlugin(plugin_->name, "analyze", [&](cxmap_error* e) {
    return vtable_->analyze(instance_, c_records_.data(), n, &sink, e);
  });
  current_ = nullptr;
  // A refused result explains a plugin error better than the plugin does.
  if (!emit_error_.empty()) s = Status::InvalidArgument(emit_error_);
  if (!s.ok()) batch.results.resize(results_before_);  // all or nothing per call
  return s;
}

Status AnalysisInstance::Accept(const cxmap_result& r) {
  if (r.record_index >= c_records_.size()) {
    return Status::InvalidArgument(fmt::format("result for record {} of a batch of {}",
                                               r.record_index, c_records_.size()));
  }
  if ((r.span_count > 0 && r.spans == nullptr) || (r.evidence_count > 0 && r.evidence == nullptr)) {
    return Status::InvalidArgument(fmt::format("field {}: a count without its array",
                                               support::SafeExcerpt(FromC(r.field), 100)));
  }
  // Counts are checked before anything is copied: a plugin that claims a
  // million evidence items must not make the host allocate them.
  if (r.evidence_count > limits_.evidence_items || r.span_count > 4 * limits_.evidence_items) {
    return Status::InvalidArgument(fmt::format(
        "field {}: {} evidence items and {} spans, over the limit of {} evidence items",
        support::SafeExcerpt(FromC(r.field), 100), r.evidence_count, r.span_count,
        limits_.evidence_items));
  }
  ResultRow row;
  row.record_index = selected_[r.record_index];
  row.plugin = plugin_->name;
  row.field = std::string(FromC(r.field));
  row.sentence = r.sentence_index;
  row.sentence_text = std::string(FromC(r.sentence_text));
  row.type = r.type;
  row.integer = r.integer_value;
  row.real = r.real_value;
  row.text = std::string(FromC(r.text_value));
  row.evidence.reserve(r.evidence_count);
  for (size_t i = 0; i < r.evidence_count; ++i) row.evidence.emplace_back(FromC(r.evidence[i]));
  row.spans.reserve(r.span_count);
  for (size_t i = 0; i < r.span_count; ++i) {
    row.spans.push_back({r.spans[i].begin, r.spans[i].end, r.spans[i].evidence});
  }
  CXMAP_RETURN_IF_ERROR(
      CheckResultRow(*plugin_, row, FromC(c_records_[r.record_index].text), limits_));
  current_->results.push_back(std::move(row));
  return Status::Ok();
}

int32_t AnalysisInstance::EmitThunk(void* ctx, const cxmap_result* given) {
  auto* self = static_cast<AnalysisInstance*>(ctx);
  if (self->current_ == nullptr || given == nullptr) return CXMAP_INVALID_ARGUMENT;
  cxmap_result widened;
  Status s = WidenAbiStruct(*given, kResultSizeV1_0, &widened)
                 ? self->Accept(widened)
                 : Status::InvalidArgument("result struct smaller than ABI 1.0 defines");
  if (!s.ok()) {
    if (self->emit_error_.empty()) {
      self->emit_error_ = fmt::format("plugin {}: {}", self->plugin_->name, s.message());
    }
    return CXMAP_INVALID_ARGUMENT;
  }
  return CXMAP_OK;
}

}  // namespace cxmap::core
