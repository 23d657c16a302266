// SPDX-License-Identifier: Apache-2.0
// Which columns of a survey export are closed questions, and how their
// cells become typed answers (choice, rating on a scale, number).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "column_roles.h"
#include "cxmap/record.h"
#include "survey_layout.h"

namespace cxmap::csv {

/// How the cells of one closed-question column are read.
struct AnswerColumn {
  size_t column = 0;
  std::string question;       ///< the answers' question id; empty: the column's header
  std::string question_text;  ///< empty when the export has only the id
  AnswerKind kind = AnswerKind::kChoice;
  std::optional<std::pair<double, double>> scale;  ///< ratings: (min, max)
};

/// The answer columns of a file: the columns the platform layout marked as
/// questions (ColumnPlan::question) that ended up a score or an attribute
/// (not text, id, time...). A score column is a rating on its score's
/// scale (NPS 0-10, CSAT 1-5, CES 1-7, rating 1-5). Another column is a
/// rating when most of its non-empty sample cells are whole
/// numbers in 0..10, on the smallest of the scales 1-5, 1-7, 0-10 (0-5,
/// 0-7 when a 0 is seen) that holds them all; a number when they are
/// numbers otherwise; else a choice. A sub-column of a multiple-answer
/// question (ColumnPlan::group, its cells the option's own label, as
/// SurveyMonkey writes a ticked box) gives `multiple` answers under the
/// group's id; a matrix row keeps its own id. Generic CSV files (no platform
/// layout) have no answer columns: their extra columns stay attributes.
std::vector<AnswerColumn> PlanAnswerColumns(const std::vector<ColumnPlan>& plans,
                                            const ColumnRoles& roles, const Rows& samples);

/// The answer a cell gives in `column` (nullopt for an empty cell). A
/// rating or number cell that does not parse is kept as a choice with its
/// text, so nothing the respondent said is lost. `score` is the parsed score
/// of a score column (the row's NPS, CSAT...), which wins over the cell text.
std::optional<Answer> MakeAnswer(const AnswerColumn& column, const std::string& question,
                                 std::string_view cell, std::optional<double> score);

}  // namespace cxmap::csv
