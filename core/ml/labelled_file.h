// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core::ml {

/// One row of a `label<TAB>text` file.
struct LabelledText {
  std::string label;  ///< normalised: pos/neg/neu -> positive/negative/neutral
  std::string text;
  long line = 0;      ///< 1-based line number in the file
};

/// The rows of a labelled file and what was skipped.
struct LabelledFile {
  std::vector<LabelledText> rows;
  long skipped = 0;                        ///< lines without a tab, label or text
  std::map<std::string, long> label_counts;
};

/// Reads a UTF-8 `label<TAB>text` file (no header; a UTF-8 BOM and CR line
/// ends are tolerated). Labels are normalised with
/// `EvalAccumulator::NormaliseLabel` and any whitespace inside them becomes
/// `_`. Lines without a tab, or with an empty label or text, are counted
/// in `skipped`. Errors: kNotFound / kIoError naming the file; an
/// kInvalidArgument when no usable row was found.
Result<LabelledFile> ReadLabelledFile(const std::string& path);

}  // namespace cxmap::core::ml
