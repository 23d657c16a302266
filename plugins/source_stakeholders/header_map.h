// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cxmap::stakeholders {

/// The columns a stakeholder list can carry.
enum class Column : int { kName = 0, kDepartment, kRole, kSupport, kInfluence, kNotes };
inline constexpr size_t kColumnCount = 6;

/// "name", "department", "role", "support", "influence", "notes": the
/// attribute keys records carry and the roles `cxmap inspect` shows.
std::string_view ColumnName(Column c);

/// The matching form of a header cell: case folded, Vietnamese diacritics
/// removed (đ → d), a trailing scale note such as "(1-5)" or "[1–5]"
/// dropped, and runs of spaces, '_', '-', '.', ':', '*' made one space.
/// Thai and Chinese characters pass unchanged (both Chinese scripts are
/// listed as aliases). Pure; thread-safe.
std::string FoldHeader(std::string_view header);

/// The column a header cell names in English, Vietnamese (with or without
/// diacritics), Thai or Chinese (Simplified or Traditional), or nullopt.
std::optional<Column> RecogniseHeader(std::string_view header);

/// Where each known column sits in a header row.
struct HeaderMap {
  std::array<std::optional<size_t>, kColumnCount> index;  ///< by Column
  size_t recognised = 0;                                  ///< distinct columns found
  std::vector<std::string> duplicates;                    ///< cells naming a column twice

  std::optional<size_t> at(Column c) const { return index[static_cast<size_t>(c)]; }
  bool has(Column c) const { return at(c).has_value(); }
  /// A stakeholder list needs a name and at least one of support/influence:
  /// those two are what no ordinary survey export carries.
  bool IsStakeholderList() const {
    return has(Column::kName) && (has(Column::kSupport) || has(Column::kInfluence));
  }
  /// Comma-separated list of the required columns this header lacks.
  std::string Missing() const;
};

/// Maps the cells of a header row; the first cell naming a column wins.
HeaderMap MapHeader(const std::vector<std::string>& cells);

}  // namespace cxmap::stakeholders
