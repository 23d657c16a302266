// SPDX-License-Identifier: Apache-2.0
#include "answer_columns.h"

#include <algorithm>
#include <cmath>

#include "unicode_text.h"
#include "value_parsers.h"

namespace cxmap::csv {
namespace {

std::optional<std::pair<double, double>> ScoreScale(Role role) {
  switch (role) {
    case Role::kNps: return std::make_pair(kNps.min, kNps.max);
    case Role::kCsat: return std::make_pair(kCsat.min, kCsat.max);
    case Role::kCes: return std::make_pair(kCes.min, kCes.max);
    case Role::kRating: return std::make_pair(kRating.min, kRating.max);
    default: return std::nullopt;
  }
}

// Reads the sample cells of `column`: a rating scale, a number, or neither.
void DecideFromSamples(const Rows& samples, AnswerColumn* out) {
  size_t filled = 0, numbers = 0, small_integers = 0;
  double lo = 1, hi = 0;
  for (const auto& row : samples) {
    if (out->column >= row.size()) continue;
    std::string_view cell = TrimAscii(row[out->column]);
    if (cell.empty()) continue;
    ++filled;
    std::optional<double> n = ParseNumber(cell);
    if (!n) continue;
    ++numbers;
    if (*n >= 0 && *n <= 10 && std::floor(*n) == *n) {
      ++small_integers;
      lo = std::min(lo, *n);
      hi = std::max(hi, *n);
    }
  }
  // A majority of numbers: "N/A" and "No basis for evaluation" beside them
  // stay choices cell by cell (MakeAnswer).
  if (filled == 0 || numbers * 2 < filled) return;  // a choice
  if (small_integers == numbers && hi >= 2) {
    double max = hi <= 5 ? 5 : hi <= 7 ? 7 : 10;
    out->kind = AnswerKind::kRating;
    out->scale = std::make_pair(lo < 1 ? 0.0 : 1.0, max);
    return;
  }
  out->kind = AnswerKind::kNumber;
}

// A multiple-answer box: its filled cells repeat the option's label.
bool TicksItsOption(const Rows& samples, size_t column, std::string_view option) {
  size_t filled = 0, same = 0;
  for (const auto& row : samples) {
    if (column >= row.size()) continue;
    std::string_view cell = TrimAscii(row[column]);
    if (cell.empty()) continue;
    ++filled;
    same += cell == TrimAscii(option) ? 1 : 0;
  }
  return filled > 0 && same * 5 >= filled * 4;
}

}  // namespace

std::vector<AnswerColumn> PlanAnswerColumns(const std::vector<ColumnPlan>& plans,
                                            const ColumnRoles& roles, const Rows& samples) {
  std::vector<AnswerColumn> out;
  for (size_t i = 0; i < plans.size() && i < roles.roles.size(); ++i) {
    if (!plans[i].question) continue;
    AnswerColumn a;
    a.column = i;
    a.question_text = plans[i].question_text;
    if (auto scale = ScoreScale(roles.roles[i])) {
      a.kind = AnswerKind::kRating;
      a.scale = scale;
    } else if (roles.roles[i] == Role::kAttribute) {
      if (!plans[i].group.empty() && TicksItsOption(samples, i, plans[i].option)) {
        a.kind = AnswerKind::kMultiple;
        a.question = plans[i].group;
        // The group's text, without " - <option>".
        size_t dash = a.question_text.rfind(" - ");
        if (dash != std::string::npos) a.question_text.resize(dash);
      } else {
        DecideFromSamples(samples, &a);
      }
    } else {
      continue;  // text, id, time...: not a closed answer
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<Answer> MakeAnswer(const AnswerColumn& column, const std::string& question,
                                 std::string_view cell, std::optional<double> score) {
  cell = TrimAscii(cell);
  if (cell.empty()) return std::nullopt;
  Answer a;
  a.question = question;
  a.question_text = column.question_text;
  a.kind = column.kind;
  if (!CleanText(cell, &a.value).ok()) return std::nullopt;
  const bool numeric = column.kind == AnswerKind::kRating || column.kind == AnswerKind::kNumber;
  std::optional<double> n = score ? score : numeric ? ParseNumber(cell) : std::nullopt;
  if (numeric) {
    bool in_scale = n && (!column.scale || (*n >= column.scale->first && *n <= column.scale->second));
    if (!in_scale) {
      a.kind = AnswerKind::kChoice;  // "N/A", "No basis for evaluation": kept as said
      return a;
    }
    a.number = n;
    a.scale = column.scale;
  }
  return a;
}

}  // namespace cxmap::csv
