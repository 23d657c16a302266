// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::stakeholder {

/// Turns text into its matching form (the host's fold: lower case, no
/// Vietnamese diacritics, Simplified Chinese). Must be usable on the
/// thread that calls it.
using FoldFn = std::function<std::string(std::string_view)>;

/// One line of a term table: `term<TAB>value[<TAB>label]`.
struct TermEntry {
  std::string term;    ///< as written in the file
  std::string folded;  ///< its matching form
  std::string value;   ///< a level ("4.5") or an id ("logistics")
  std::string label;   ///< optional, e.g. "director"
};

/// A small table of terms found by substring in short labels (a job
/// title, a department name). Substring search, not the host's lexicon
/// matcher, because titles glue words together in Thai and Chinese
/// ("ผู้อำนวยการฝ่ายขาย", "物流总监") and a segmenter may split them
/// anywhere; Latin-script terms must sit on word boundaries ("it" is not
/// found in "security"). Immutable after Parse: share across threads.
class TermTable {
 public:
  /// Parses UTF-8 TSV; '#' lines and blank lines are comments. Errors
  /// (InvalidArgument) name "origin:line" and the reason: fewer than two
  /// columns, an empty term, or a term that folds to nothing.
  static Result<TermTable> Parse(std::string_view tsv, std::string_view origin, const FoldFn& fold);

  /// The entry whose folded term occurs in `folded_text` and is longest
  /// (the most specific: "phó giám đốc" over "giám đốc"); on a tie the one
  /// listed first. nullptr when none occurs.
  const TermEntry* FindLongest(std::string_view folded_text) const;

  size_t size() const { return entries_.size(); }
  const std::vector<TermEntry>& entries() const { return entries_; }

 private:
  std::vector<TermEntry> entries_;
};

/// Reads a whole file; NotFound naming the path when it cannot be read.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace cxmap::stakeholder
