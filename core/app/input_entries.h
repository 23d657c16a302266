// SPDX-License-Identifier: Apache-2.0
// The inputs of `run`, `import` and `submit`: folders expanded into files.
#pragma once

#include <string>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core {

/// One input after folders are expanded: a file to import, or a problem
/// with an entry (a symlink loop, an entry that cannot be read, an empty
/// folder) that is reported in the summary and does not stop the run.
struct InputEntry {
  std::string path;
  Status problem;     ///< not ok: reported, nothing read
  bool empty_folder = false;
};

/// Expands folders into their files (sorted, hidden files and READMEs
/// skipped, subfolders not entered); keeps files as given. Never throws:
/// entries whose type cannot be read become problems.
std::vector<InputEntry> ExpandInputs(const std::vector<std::string>& inputs);

}  // namespace cxmap::core
