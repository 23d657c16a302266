// SPDX-License-Identifier: Apache-2.0
// SurveyMonkey exports (CSV and XLSX): row 1 holds each question's text
// over its first column only (continuation cells are blank), row 2 what a
// column holds: "Response", "Open-Ended Response", or a choice label.
#include <algorithm>

#include "survey_layout.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

constexpr MetaColumn kMeta[] = {
    {"respondent id", Role::kId},        {"respondentid", Role::kId},
    {"end date", Role::kTime},           {"enddate", Role::kTime},
    {"email address", Role::kRespondent, true},
    {"ip address", Role::kAttribute, true},
    {"first name", Role::kAttribute, true},
    {"last name", Role::kAttribute, true},
    {"collector id", Role::kAttribute},  {"collectorid", Role::kAttribute},
    {"start date", Role::kAttribute},    {"startdate", Role::kAttribute},
    {"custom data", Role::kAttribute},   {"custom data 1", Role::kAttribute},
};

bool IsMeta(std::string_view header) {
  std::string folded = FoldHeader(header);
  for (const MetaColumn& m : kMeta) {
    if (m.folded == folded) return true;
  }
  return false;
}

std::string Cell(const Rows& rows, size_t r, size_t i) {
  if (r >= rows.size() || i >= rows[r].size()) return "";
  return std::string(TrimAscii(rows[r][i]));
}

}  // namespace

SurveyLayout SurveyMonkeyLayout(const Rows& rows) {
  SurveyLayout layout;
  layout.header_rows = rows.size() > 1 ? 2 : 1;
  size_t width = rows[0].size();
  if (rows.size() > 1) width = std::max(width, rows[1].size());
  // Group the columns: a non-blank row-1 cell starts a question.
  struct Group {
    std::string text;
    std::vector<size_t> columns;
  };
  std::vector<Group> groups;
  std::vector<int> group_of(width, -1);
  for (size_t i = 0; i < width; ++i) {
    std::string head = Cell(rows, 0, i);
    if (!head.empty() && IsMeta(head)) continue;
    if (!head.empty() || groups.empty() || (i > 0 && group_of[i - 1] < 0)) {
      groups.push_back({PlainQuestionText(head), {}});
    }
    groups.back().columns.push_back(i);
    group_of[i] = static_cast<int>(groups.size() - 1);
  }
  layout.columns.resize(width);
  for (size_t i = 0; i < width; ++i) {
    ColumnPlan& c = layout.columns[i];
    if (group_of[i] < 0) {
      c.name = Cell(rows, 0, i);
      continue;
    }
    const Group& g = groups[static_cast<size_t>(group_of[i])];
    size_t k = std::find(g.columns.begin(), g.columns.end(), i) - g.columns.begin();
    // SurveyMonkey has no column ids: Q<n> (and Q<n>_<k> inside a group)
    // number the questions in file order, the text stays in question_text.
    c.name = "Q" + std::to_string(group_of[i] + 1) +
             (g.columns.size() > 1 ? "_" + std::to_string(k + 1) : "");
    std::string sub = PlainQuestionText(Cell(rows, 1, i));
    std::string folded_sub = FoldHeader(sub);
    bool plain = sub.empty() || folded_sub == "response" || folded_sub == "open ended response";
    c.question_text = g.text.empty() || plain ? (g.text.empty() ? sub : g.text) : g.text + " - " + sub;
    if (folded_sub == "open ended response" || folded_sub.find("please specify") != std::string::npos ||
        folded_sub.find("other") == 0) {
      c.kind = ColumnPlan::Kind::kOpen;
    } else if (!plain) {
      c.role = Role::kAttribute;  // a choice of a multiple-answer or matrix question
      c.question = true;          // ... whose cells are answers (answer_columns.h)
      c.group = "Q" + std::to_string(group_of[i] + 1);
      c.option = sub;
    }
  }
  ApplyMetaColumns(kMeta, &layout);
  layout.details.emplace_back("questions", std::to_string(groups.size()));
  return layout;
}

}  // namespace cxmap::csv
