// SPDX-License-Identifier: Apache-2.0
// Whether a plugin's JSON value is well-formed JSON (RFC 8259, valid UTF-8),
// checked for every JSON result on the hot path.
#pragma once

#include <string_view>

namespace cxmap::core {

/// True when `text` is one complete, well-formed JSON value. Thread-safe
/// (each thread keeps its own parser buffers).
bool IsWellFormedJson(std::string_view text);

}  // namespace cxmap::core
