// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/options.h"
#include "cxmap/status.h"

namespace cxmap::csv {

/// What a column means to the importer.
enum class Role {
  kAttribute,  ///< anything else: kept as a record attribute
  kText,       ///< free text: each such column yields its own record
  kId,
  kTime,
  kNps,
  kCsat,
  kCes,
  kRating,
  kChannel,
  kLanguage,
  kSegment,
  kRespondent,
};

/// "text", "id", "nps", ... (the option prefix: "<name>_column").
std::string_view RoleName(Role role);

/// The roles a header suggests, best first; empty when it suggests none.
/// Matching is on FoldHeader() text (case, Vietnamese diacritics and
/// punctuation ignored) against an en/vi/th/zh vocabulary: a whole-header
/// match beats a match of a word inside the header, and inside a header the
/// head word wins ("comment date" -> time, "ngày góp ý" -> time). Thread-safe.
std::vector<Role> SuggestRoles(std::string_view header);

/// The role of each column of one file.
struct ColumnRoles {
  std::vector<Role> roles;  ///< one per column
  /// Column index of each single-valued role, or nullopt.
  std::optional<size_t> Find(Role role) const;
  /// Indexes of the text columns, in file order.
  std::vector<size_t> TextColumns() const;
};

/// Assigns roles. Explicit options win: "text_columns" (a comma-separated
/// list) and "<role>_column" name a column by header (folded comparison) or
/// by 1-based number. Columns not named by options get suggested roles;
/// suggested score roles are kept only when `samples` (data rows, may be
/// few) show numbers in at least 80% of their non-empty cells. When no
/// header names a text column (and text_columns is unset), the unassigned
/// column whose sample cells read most like prose becomes the text column.
/// `hints` (empty, or one per column) are the roles a platform layout
/// decided: they replace detection for the columns they set, options still
/// win, and a second column hinted with a single-valued role an option
/// already took becomes an attribute. With hints a file without text
/// columns is accepted (a survey may have no open question).
/// Errors: InvalidArgument when an option names no column; NotSupported
/// when, without hints, no text column is found (the message lists the
/// headers).
Result<ColumnRoles> AssignRoles(const std::vector<std::string>& headers,
                                const std::vector<std::vector<std::string>>& samples,
                                const OptionValues& options,
                                const std::vector<std::optional<Role>>& hints = {});

}  // namespace cxmap::csv
