// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "cxmap/text.h"
#include "journey_model.h"

namespace cxmap::journey {

/// Which family a phrase list belongs to. Lists of one family compete: a
/// hit inside a longer hit of another list of the same family is dropped
/// ("giao hàng" is delivery, so its "hàng" is not product).
enum class ListFamily { kTouchpoint, kStage, kExpression };

/// One phrase found in a text.
struct Hit {
  int list = 0;          ///< global list index
  size_t begin = 0, end = 0;  ///< bytes of the analysed text
  uint32_t sentence = 0;
  double weight = 1;
  std::string_view term;  ///< the cue as written in the journey file
};

/// Every phrase list of a journey compiled into a host lexicon, so matching
/// is the host's: folding-aware (diacritics, case, Traditional→Simplified)
/// and independent of how the text was segmented. Lists, in order: one per
/// touchpoint (its cues), one per stage, one per any(...) in a rule.
/// Immutable after Build(); share one across threads.
class CueIndex {
 public:
  /// Compiles the lists and numbers every any(...) node (Expr::list) in
  /// `journey`, which must not be shared yet. Errors name the list.
  static Result<CueIndex> Build(const TextServices& text, Journey& journey);

  /// Thai and Chinese touchpoint cues, one per line, for the segmenters
  /// (TextServices::AddWords) so that a cue is not hidden inside a longer
  /// dictionary word.
  static std::string DomainWords(const Journey& journey, std::string_view lang);

  /// All hits in the text last analysed on `ws`, family rules applied,
  /// sorted by position.
  Status Match(TextWorkspace& ws, std::vector<Hit>* hits) const;

  size_t size() const { return lists_.size(); }
  int touchpoint_list(size_t touchpoint) const { return static_cast<int>(touchpoint); }
  int stage_list(size_t stage) const { return static_cast<int>(touchpoints_ + stage); }
  ListFamily family(int list) const { return lists_[static_cast<size_t>(list)].family; }

 private:
  struct List {
    ListFamily family;
    Lexicon lexicon;  ///< empty when the list has no cues
  };
  std::vector<List> lists_;
  size_t touchpoints_ = 0;
};

}  // namespace cxmap::journey
