// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/source_instance.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/plugin_host/plugin_call.h"
#include "core/plugin_host/record_convert.h"
#include "core/util/record_id.h"
#include "cxmap/strings.h"

namespace cxmap::core {

Result<std::string> ReadHead(const std::string& path, size_t max_bytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Status::NotFound(path + ": " + std::strerror(errno));
  std::string head(max_bytes, '\0');
  head.resize(std::fread(head.data(), 1, max_bytes, f.get()));
  if (std::ferror(f.get())) return Status::IoError(path + ": read failed");
  return head;
}

std::vector<SniffCandidate> SniffAll(const PluginRegistry& registry, const std::string& path,
                                     std::string_view head) {
  std::vector<SniffCandidate> out;
  for (const PluginInfo* p : registry.OfKind(CXMAP_KIND_SOURCE)) {
    auto* vt = static_cast<const cxmap_source_vtable*>(p->descriptor->vtable);
    cxmap_sniff_result r{};
    r.struct_size = sizeof(r);
    Status s = CallPlugin(p->name, "sniff", [&](cxmap_error*) {
      return vt->sniff(ToC(path), ToC(head), &r);
    });
    r.format[sizeof(r.format) - 1] = r.reason[sizeof(r.reason) - 1] = '\0';
    if (s.ok()) {
      out.push_back({p->name, std::clamp(r.confidence, 0.0, 1.0), r.format, r.reason});
    } else {
      out.push_back({p->name, 0, "", s.message()});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  return out;
}

Result<std::unique_ptr<SourceInstance>> SourceInstance::Create(const PluginInfo& plugin,
                                                               const OptionMap& options,
                                                               const std::atomic<bool>* cancelled,
                                                               ProgressFn progress) {
  std::unique_ptr<SourceInstance> self(new SourceInstance(
      &plugin, std::make_unique<HostContext>(plugin, cancelled, std::move(progress))));
  self->vtable_ = static_cast<const cxmap_source_vtable*>(plugin.descriptor->vtable);
  CXMAP_RETURN_IF_ERROR(CreateWithOptions(plugin, options, self->vtable_->create,
                                          self->host_->c(), &self->instance_));
  return self;
}

SourceInstance::~SourceInstance() {
  if (instance_ == nullptr) return;
  try {
    vtable_->destroy(instance_);
  } catch (...) {  // a plugin's destructor must not take the engine down
  }
}

Status SourceInstance::Open(const std::string& path) {
  return CallPlugin(plugin_->name, "open",
                    [&](cxmap_error* e) { return vtable_->open(instance_, ToC(path), e); });
}

Status SourceInstance::Next(size_t hint, Batch& batch, bool* at_end) {
  cxmap_record_sink sink{sizeof(cxmap_record_sink), this, hint, &EmitThunk, &RejectThunk,
                         &ProgressThunk};
  current_ = &batch;
  int32_t end = 0;
  Status s = CallPlugin(plugin_->name, "next_batch", [&](cxmap_error* e) {
    return vtable_->next_batch(instance_, &sink, &end, e);
  });
  current_ = nullptr;
  *at_end = end != 0;
  return s;
}

int32_t SourceInstance::EmitThunk(void* ctx, const cxmap_record* record) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ == nullptr || record == nullptr) return CXMAP_INVALID_ARGUMENT;
  FeedbackRecord fr;
  fr.source = self->plugin_->name;
  Status s = CopyRecordFromPlugin(*record, &fr.rec);
  if (!s.ok()) {
    // The host cannot trust this record: it becomes a reject, never a crash.
    self->current_->rejects.push_back({SafeExcerpt(FromC(record->file), 4096), record->line,
                                       s.message(), SafeExcerpt(FromC(record->text))});
    return CXMAP_OK;
  }
  fr.id = MakeRecordId(fr.source, fr.rec);
  self->current_->records.push_back(std::move(fr));
  return CXMAP_OK;
}

void SourceInstance::RejectThunk(void* ctx, const cxmap_reject* r) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ == nullptr || r == nullptr) return;
  self->current_->rejects.push_back({SafeExcerpt(FromC(r->file), 4096), r->line,
                                     SafeExcerpt(FromC(r->reason), 1000), SafeExcerpt(FromC(r->excerpt))});
}

void SourceInstance::ProgressThunk(void* ctx, uint64_t done, uint64_t total) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ != nullptr) {
    self->current_->bytes_done = done;
    self->current_->bytes_total = total;
  }
}

}  // namespace cxmap::core
