// SPDX-License-Identifier: Apache-2.0
// Small file helpers several layers need: where the running binary is
// (data files sit beside it: <bin>/../share/cxmap, <bin>/../lib/cxmap) and
// writing a whole file so that a reader never sees half of it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::core {

/// The folder of the running binary (/proc/self/exe), empty if unknown.
std::filesystem::path ExecutableDir();

/// Writes `bytes` to `path` through `path`.tmp renamed into place; the
/// temporary file is removed on failure.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace cxmap::core
