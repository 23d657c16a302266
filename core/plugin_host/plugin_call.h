// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fmt/format.h>

#include <cstring>
#include <exception>
#include <string>

#include "cxmap/abi_types.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The host's guard around every call into plugin code: whatever the plugin
/// returns or throws (a plugin not built with the SDK's C++ layer may let an
/// exception escape) becomes a Status that names the plugin and the entry
/// point. `call` returns the plugin's int32_t cxmap_code and fills `error`.
template <typename Call>
Status CallPlugin(const std::string& plugin, const char* entry, Call&& call) {
  cxmap_error error{};
  error.struct_size = sizeof(cxmap_error);
  int32_t rc = CXMAP_INTERNAL;
  try {
    rc = call(&error);
  } catch (const std::exception& e) {
    return Status::Internal(fmt::format("plugin {} threw from {}: {}", plugin, entry, e.what()));
  } catch (...) {
    return Status::Internal(fmt::format("plugin {} threw a non-standard exception from {}", plugin,
                                        entry));
  }
  if (rc == CXMAP_OK) return Status::Ok();
  Code code = (rc > CXMAP_OK && rc <= CXMAP_INTERNAL) ? static_cast<Code>(rc) : Code::kInternal;
  error.message[sizeof(error.message) - 1] = '\0';  // never trust the plugin to terminate it
  std::string message = error.message[0] ? error.message : std::string(CodeName(code));
  return Status(code, fmt::format("plugin {} failed in {}: {}", plugin, entry, message));
}

}  // namespace cxmap::core
