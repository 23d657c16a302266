// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "csv_text.h"
#include "cxmap/record.h"
#include "header_map.h"

namespace cxmap::stakeholders {

/// A support or influence cell read as a number on the 1–5 scale:
/// "4", "4.5", "4,5" (decimal comma), "4/5". Empty → nullopt with an
/// empty `error`; anything else that is not a number in [1, 5] → `error`
/// says why ("support 7 is outside 1–5").
struct ScoreCell {
  std::optional<double> value;
  std::string error;
};
ScoreCell ParseScore(std::string_view column, std::string_view cell);

/// A row that cannot become a record: why, for the reject.
struct RowProblem {
  std::string reason;
};

/// Turns one data row into a stakeholder record, or says why not: a
/// missing name, a support or influence cell that is not a number in 1–5,
/// ill-formed UTF-8, an unterminated quote, or more non-empty cells than
/// the header has. The record carries text = notes, respondent = name,
/// channel other, sub_channel "stakeholder_list", and the attributes
/// kind=stakeholder, name, department, role, support, influence (the last
/// two only when given, as numbers written with '.'), followed by every
/// other column under its own header (a key already taken, or "support" or
/// "influence", is not repeated). `header` holds the header cells.
/// Pure; thread-safe.
std::variant<Record, RowProblem> BuildStakeholder(const HeaderMap& map,
                                                  const std::vector<std::string>& header,
                                                  const CsvRow& row);

/// Formats a score the way attributes carry it: shortest form, '.' decimal.
std::string FormatScore(double v);

}  // namespace cxmap::stakeholders
