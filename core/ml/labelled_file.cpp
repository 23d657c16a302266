// SPDX-License-Identifier: Apache-2.0
#include "core/ml/labelled_file.h"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "core/report/eval_metrics.h"

namespace cxmap::core::ml {

Result<LabelledFile> ReadLabelledFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound("labelled file " + path + " does not exist or is not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open labelled file " + path);
  LabelledFile file;
  std::string line;
  for (long n = 1; std::getline(in, line); ++n) {
    if (n == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      if (!line.empty()) ++file.skipped;
      continue;
    }
    std::string label = EvalAccumulator::NormaliseLabel(line.substr(0, tab));
    for (char& c : label) {
      if (std::isspace(static_cast<unsigned char>(c))) c = '_';
    }
    ++file.label_counts[label];
    file.rows.push_back({std::move(label), line.substr(tab + 1), n});
  }
  if (in.bad()) return Status::IoError("error reading labelled file " + path);
  if (file.rows.empty()) {
    return Status::InvalidArgument("labelled file " + path +
                                   " has no label<TAB>text rows");
  }
  return file;
}

}  // namespace cxmap::core::ml
