// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cxmap/record.h"
#include "placement.h"
#include "term_table.h"

namespace cxmap::stakeholder {

/// Who a record is about, read from its attributes.
struct Identity {
  bool from_list = false;  ///< attribute kind=stakeholder (source_stakeholders)
  std::string name, department, role;
  std::optional<std::string> support_text, influence_text;  ///< raw cells, when present

  /// A record is analysed when it comes from a stakeholder list, or when
  /// it names a person or department and gives a role or a score (an
  /// internal survey or interview row). Customer feedback has neither.
  bool IsStakeholder() const {
    return from_list || ((!name.empty() || !department.empty()) &&
                         (!role.empty() || support_text || influence_text));
  }
};

/// Finds the stakeholder attributes of records: the canonical keys that
/// source_stakeholders writes (name, department, role, support,
/// influence) and, for other sources, header names in en, vi, th, zh
/// ("Phòng ban", "Chức vụ", "ตำแหน่ง", "部門"...), compared in folded form.
/// Immutable after construction; `fold` is used only while constructing
/// and in Read(), on the calling thread.
class IdentityReader {
 public:
  explicit IdentityReader(FoldFn fold);
  Identity Read(const RecordView& record) const;

 private:
  enum class Key { kName, kDepartment, kRole, kSupport, kInfluence };
  FoldFn fold_;
  std::unordered_map<std::string, Key> keys_;  // folded alias → key
};

/// A support or influence cell as a 1–5 score: "4", "4.5", "4,5", "4/5".
/// nullopt for anything else (empty, not a number, outside 1–5).
std::optional<double> ParseScoreCell(std::string_view cell);

/// An explicit score from a cell, or nullopt with `why` set when the cell
/// is present but unusable ("support 'high' is not a number in 1–5").
std::optional<Score> ExplicitScore(std::string_view what, const std::optional<std::string>& cell,
                                   std::string* why);

}  // namespace cxmap::stakeholder
