// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/analysis_instance.h"

#include <fmt/format.h>

#include "core/plugin_host/abi_sizes.h"
#include "core/plugin_host/json_check.h"
#include "core/plugin_host/plugin_call.h"
#include "core/plugin_host/record_convert.h"
#include "cxmap/strings.h"

namespace cxmap::core {

Result<std::unique_ptr<AnalysisInstance>> AnalysisInstance::Create(
    const PluginInfo& plugin, const OptionMap& options, const std::atomic<bool>* cancelled) {
  std::unique_ptr<AnalysisInstance> self(
      new AnalysisInstance(&plugin, std::make_unique<HostContext>(plugin, cancelled, nullptr)));
  self->vtable_ = static_cast<const cxmap_analysis_vtable*>(plugin.descriptor->vtable);
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

Status AnalysisInstance::Check(const cxmap_result& r) const {
  if (r.record_index >= c_records_.size()) {
    return Status::InvalidArgument(fmt::format("result for record {} of a batch of {}",
                                               r.record_index, c_records_.size()));
  }
  std::string_view field = FromC(r.field);
  for (const FieldDecl& declared : plugin_->fields) {
    if (declared.name != field) continue;
    if (r.type != CXMAP_TYPE_NULL && r.type != declared.type) {
      return Status::InvalidArgument(fmt::format("field {} is declared {} but got {}", field,
                                                 TypeName(declared.type), TypeName(r.type)));
    }
    if (r.type == CXMAP_TYPE_JSON && !IsWellFormedJson(FromC(r.text_value))) {
      return Status::InvalidArgument(fmt::format("field {}: value is not valid JSON", field));
    }
    return CheckSpans(r, FromC(c_records_[r.record_index].text));
  }
  return Status::InvalidArgument(fmt::format("result for undeclared field '{}'", field));
}

Status AnalysisInstance::CheckSpans(const cxmap_result& r, std::string_view text) {
  if (r.span_count > 0 && r.spans == nullptr) {
    return Status::InvalidArgument(fmt::format("field {}: {} spans but no array", FromC(r.field),
                                               r.span_count));
  }
  // A span must land on character boundaries, or a report that highlights
  // it would cut a character in two.
  auto boundary = [&](size_t at) {
    return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  };
  for (size_t i = 0; i < r.span_count; ++i) {
    const cxmap_span& s = r.spans[i];
    if (s.begin > s.end || s.end > text.size() || !boundary(s.begin) || !boundary(s.end)) {
      return Status::InvalidArgument(fmt::format(
          "field {}: span [{}, {}) is not a stretch of whole characters of the record's {}-byte text",
          FromC(r.field), s.begin, s.end, text.size()));
    }
    if (s.evidence >= r.evidence_count) {
      return Status::InvalidArgument(fmt::format("field {}: span points at evidence {} of {}",
                                                 FromC(r.field), s.evidence, r.evidence_count));
    }
  }
  return Status::Ok();
}

int32_t AnalysisInstance::EmitThunk(void* ctx, const cxmap_result* given) {
  auto* self = static_cast<AnalysisInstance*>(ctx);
  if (self->current_ == nullptr || given == nullptr) return CXMAP_INVALID_ARGUMENT;
  cxmap_result widened;
  const cxmap_result* r = &widened;
  Status s = WidenAbiStruct(*given, kResultSizeV1_0, &widened)
                 ? self->Check(widened)
                 : Status::InvalidArgument("result struct smaller than ABI 1.0 defines");
  if (!s.ok()) {
    if (self->emit_error_.empty()) {
      self->emit_error_ = fmt::format("plugin {}: {}", self->plugin_->name, s.message());
    }
    return CXMAP_INVALID_ARGUMENT;
  }
  ResultRow row;
  row.record_index = self->selected_[r->record_index];
  row.plugin = self->plugin_->name;
  row.field = std::string(FromC(r->field));
  row.sentence = r->sentence_index < 0 ? -1 : r->sentence_index;
  row.sentence_text = SafeExcerpt(FromC(r->sentence_text), SIZE_MAX);
  row.type = r->type;
  row.integer = r->integer_value;
  row.real = r->real_value;
  row.text = SafeExcerpt(FromC(r->text_value), SIZE_MAX);
  for (size_t i = 0; i < r->evidence_count; ++i) {
    row.evidence.push_back(SafeExcerpt(FromC(r->evidence[i]), SIZE_MAX));
  }
  row.spans.reserve(r->span_count);
  for (size_t i = 0; i < r->span_count; ++i) {
    row.spans.push_back({r->spans[i].begin, r->spans[i].end, r->spans[i].evidence});
  }
  self->current_->results.push_back(std::move(row));
  return CXMAP_OK;
}

}  // namespace cxmap::core
