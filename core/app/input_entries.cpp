// SPDX-License-Identifier: Apache-2.0
#include "core/app/input_entries.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace cxmap::core {
namespace fs = std::filesystem;

std::vector<InputEntry> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<InputEntry> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (in == "-" || !fs::is_directory(in, ec)) {
      out.push_back({in, Status::Ok()});
      continue;
    }
    std::vector<InputEntry> found;
    fs::directory_iterator it(in, ec), end;
    if (ec) {
      out.push_back({in, Status::NotFound(fmt::format("{}: cannot read this folder: {}", in, ec.message()))});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      const std::string name = p.filename().string();
      if (name.empty() || name.front() == '.' || p.extension() == ".md") continue;
      std::error_code type_ec;
      fs::file_status st = it->status(type_ec);  // follows symlinks
      if (type_ec) {
        found.push_back({p.string(), Status::NotFound(fmt::format("{}: {}", p.string(), type_ec.message()))});
      } else if (fs::is_directory(st)) {
        continue;  // folders are not read recursively
      } else {
        // A FIFO or device here is refused by ImportFile, with its reason.
        found.push_back({p.string(), Status::Ok()});
      }
    }
    if (ec) {
      found.push_back({in, Status::IoError(fmt::format("{}: listing stopped: {}", in, ec.message()))});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    if (found.empty()) {
      out.push_back({in, Status::NotFound(fmt::format("{}: no input files in this folder (hidden files,"
                                                      " README .md files and subfolders are not read)",
                                                      in)),
                     /*empty_folder=*/true});
    }
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace cxmap::core
