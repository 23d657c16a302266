// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "cxmap/abi_host.h"
#include "cxmap/strings.h"
#include "cxmap/text.h"

namespace cxmap {

enum class LogLevel : int32_t {
  kDebug = CXMAP_LOG_DEBUG,
  kInfo = CXMAP_LOG_INFO,
  kWarn = CXMAP_LOG_WARN,
  kError = CXMAP_LOG_ERROR,
};

/// The C++ face of the host services lent to a plugin instance. Valid for
/// the life of the instance. Calls go to the host; logs are tagged with the
/// plugin's name there, so a plugin never writes its own prefix.
class Host {
 public:
  explicit Host(const cxmap_host* host) : host_(host) {}

  void Log(LogLevel level, std::string_view message) const {
    if (host_ && host_->log) host_->log(host_->ctx, static_cast<int32_t>(level), ToC(message));
  }
  bool Cancelled() const { return host_ && host_->is_cancelled && host_->is_cancelled(host_->ctx); }
  void Progress(uint64_t done, uint64_t total) const {
    if (host_ && host_->progress) host_->progress(host_->ctx, done, total);
  }
  /// The plugin's own name and its data folder (<module dir>/<name>/).
  std::string_view plugin_name() const { return host_ ? FromC(host_->plugin_name) : ""; }
  std::string_view data_dir() const { return host_ ? FromC(host_->data_dir) : ""; }
  /// ABI minor version the host speaks; services added in a later minor
  /// exist only when this is high enough.
  uint16_t abi_minor() const { return host_ ? host_->abi_minor : 0; }
  /// Text services (normalisation, language ID, tokens, lexicon matching);
  /// absent when the host is older than the field or lends none.
  std::optional<TextServices> text() const {
    if (host_ == nullptr || host_->struct_size < offsetof(cxmap_host, text) + sizeof(host_->text) ||
        host_->text == nullptr) {
      return std::nullopt;
    }
    return TextServices(host_->text);
  }
  const cxmap_host* raw() const { return host_; }

 private:
  const cxmap_host* host_;
};

}  // namespace cxmap
