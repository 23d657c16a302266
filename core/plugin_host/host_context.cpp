// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/host_context.h"

#include "core/text/text_services_abi.h"
#include "core/util/log.h"
#include "core/util/stdin_spool.h"
#include "cxmap/strings.h"

namespace cxmap::core {

HostContext::HostContext(const PluginInfo& plugin, const std::atomic<bool>* cancelled,
                         ProgressFn progress)
    : name_(plugin.name),
      data_dir_(plugin.data_dir.string()),
      cancelled_(cancelled),
      progress_(std::move(progress)) {
  host_.struct_size = sizeof(cxmap_host);
  host_.abi_major = CXMAP_ABI_MAJOR;
  host_.abi_minor = CXMAP_ABI_MINOR;
  host_.ctx = this;
  host_.log = &LogThunk;
  host_.is_cancelled = &CancelledThunk;
  host_.progress = &ProgressThunk;
  host_.plugin_name = ToC(name_);
  host_.data_dir = ToC(data_dir_);
  host_.text = TextServicesTable();
}

void HostContext::LogThunk(void* ctx, int32_t level, cxmap_str message) {
  auto* self = static_cast<HostContext*>(ctx);
  int clamped = level < CXMAP_LOG_DEBUG ? CXMAP_LOG_DEBUG : level > CXMAP_LOG_ERROR ? CXMAP_LOG_ERROR : level;
  Log(static_cast<Severity>(clamped), self->name_,
      WithDisplayName(std::string(FromC(message)), self->renamed_path_, self->display_));
}

int32_t HostContext::CancelledThunk(void* ctx) {
  auto* self = static_cast<HostContext*>(ctx);
  return self->cancelled_ && self->cancelled_->load(std::memory_order_relaxed) ? 1 : 0;
}

void HostContext::ProgressThunk(void* ctx, uint64_t done, uint64_t total) {
  auto* self = static_cast<HostContext*>(ctx);
  if (self->progress_) self->progress_(done, total);
}

}  // namespace cxmap::core
