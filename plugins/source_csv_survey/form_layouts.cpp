// SPDX-License-Identifier: Apache-2.0
// Exports with one header row whose cells are the questions themselves:
// Google Forms, Microsoft Forms, Typeform, LimeSurvey ("R (data file)" and
// the CSV export, with question codes or full text as headers).
#include "survey_layout.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

bool Contains(std::string_view folded, std::string_view part) {
  return (" " + std::string(folded) + " ").find(" " + std::string(part) + " ") != std::string::npos;
}

void GoogleForms(SurveyLayout* layout) {
  ApplyMetaColumns({{"timestamp", Role::kTime}, {"dau thoi gian", Role::kTime},
                    {"ประทับเวลา", Role::kTime}, {"时间戳记", Role::kTime}, {"時間戳記", Role::kTime},
                    {"email address", Role::kRespondent, true}, {"dia chi email", Role::kRespondent, true},
                    {"score", Role::kAttribute}, {"diem so", Role::kAttribute}},
                   layout);
  if (!layout->columns.empty() && !layout->columns[0].role) layout->columns[0].role = Role::kTime;
}

void MicrosoftForms(SurveyLayout* layout) {
  ApplyMetaColumns({{"id", Role::kId}, {"completion time", Role::kTime},
                    {"start time", Role::kAttribute}, {"last modified time", Role::kAttribute},
                    {"email", Role::kRespondent, true}, {"name", Role::kAttribute, true},
                    {"total points", Role::kAttribute}, {"quiz feedback", Role::kAttribute}},
                   layout);
  for (ColumnPlan& c : layout->columns) {
    std::string folded = FoldHeader(c.name);
    // Quiz forms add "Points - <question>" and "Feedback - <question>".
    if (!c.role && (folded.rfind("points ", 0) == 0 || folded.rfind("feedback ", 0) == 0)) {
      c.role = Role::kAttribute;
    }
  }
}

void Typeform(SurveyLayout* layout) {
  ApplyMetaColumns({{"submit date utc", Role::kTime}, {"start date utc", Role::kAttribute},
                    {"stage date utc", Role::kAttribute}, {"network id", Role::kAttribute, true},
                    {"response type", Role::kAttribute}, {"tags", Role::kAttribute},
                    {"ending", Role::kAttribute}},
                   layout);
  for (ColumnPlan& c : layout->columns) {
    if (c.name == "#") c.role = Role::kId;  // the response token
    if (c.name.find("(UTC)") != std::string::npos) c.utc = true;
  }
}

void LimeSurvey(SurveyLayout* layout) {
  ApplyMetaColumns({{"id", Role::kId}, {"response id", Role::kId},
                    {"submitdate", Role::kTime}, {"date submitted", Role::kTime},
                    {"startlanguage", Role::kLanguage}, {"start language", Role::kLanguage},
                    {"lastpage", Role::kAttribute}, {"last page", Role::kAttribute},
                    {"seed", Role::kAttribute}, {"startdate", Role::kAttribute},
                    {"date started", Role::kAttribute}, {"datestamp", Role::kAttribute},
                    {"date last action", Role::kAttribute}, {"ipaddr", Role::kAttribute, true},
                    {"ip address", Role::kAttribute, true}, {"refurl", Role::kAttribute, true},
                    {"referrer url", Role::kAttribute, true}, {"token", Role::kAttribute, true},
                    {"access code", Role::kAttribute, true}, {"email", Role::kRespondent, true},
                    {"firstname", Role::kAttribute, true}, {"lastname", Role::kAttribute, true},
                    {"first name", Role::kAttribute, true}, {"last name", Role::kAttribute, true},
                    {"total time", Role::kAttribute}, {"interviewtime", Role::kAttribute}},
                   layout);
  for (ColumnPlan& c : layout->columns) {
    if (c.role) continue;
    std::string folded = FoldHeader(c.name);
    if (folded.rfind("group time", 0) == 0 || folded.rfind("question time", 0) == 0 ||
        folded.rfind("grouptime", 0) == 0 || folded.rfind("filecount", 0) == 0 ||
        c.name.find("{if(") != std::string::npos) {
      c.role = Role::kAttribute;  // timings, upload counts, equations
    } else if (Contains(folded, "other") || Contains(folded, "comment")) {
      // "gender[other]", "How do you identify? [Other]", "Q5[comment]"
      if (c.name.find('[') != std::string::npos) c.kind = ColumnPlan::Kind::kOpen;
    }
  }
}

}  // namespace

SurveyLayout SingleHeaderLayout(Platform platform, const Rows& rows) {
  SurveyLayout layout;
  layout.header_rows = 1;
  for (const std::string& cell : rows[0]) {
    ColumnPlan c;
    c.name = PlainQuestionText(cell);
    if (c.name.empty()) c.name = "column_" + std::to_string(layout.columns.size() + 1);
    layout.columns.push_back(std::move(c));
  }
  switch (platform) {
    case Platform::kGoogleForms: GoogleForms(&layout); break;
    case Platform::kMicrosoftForms: MicrosoftForms(&layout); break;
    case Platform::kTypeform: Typeform(&layout); break;
    case Platform::kLimeSurvey: LimeSurvey(&layout); break;
    default: break;
  }
  // The header is the question: keep it as the question text too.
  for (ColumnPlan& c : layout.columns) {
    if (!c.role && c.question_text.empty()) c.question_text = c.name;
  }
  return layout;
}

}  // namespace cxmap::csv
