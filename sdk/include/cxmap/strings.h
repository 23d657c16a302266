// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "cxmap/abi_types.h"

namespace cxmap {

/// Borrowed C view of a string_view (no copy).
constexpr cxmap_str ToC(std::string_view s) { return cxmap_str{s.data(), s.size()}; }

/// Borrowed string_view of a C string view; an empty view for a null pointer.
constexpr std::string_view FromC(cxmap_str s) {
  return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

}  // namespace cxmap
