// SPDX-License-Identifier: Apache-2.0
// Every row of a survey export is a response: respondents who wrote nothing
// still count with their scores and closed answers, and response ids come
// from the platform, never from the file name.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <utility>
#include <vector>
#include <string>

#include "survey_run.h"

namespace cxmap::csv::testing {
namespace {

const Answer* FindAnswer(const Record& r, std::string_view question) {
  for (const Answer& a : r.answers) {
    if (a.question == question) return &a;
  }
  return nullptr;
}

// A Qualtrics export: ids, question text, ImportIds; one open question (Q3)
// and closed ones: a CSAT choice, a 1-5 driver matrix row and a choice.
std::string QualtricsCsv(std::string_view import_quote) {
  auto desc = [&](std::string_view id) {
    std::string q(import_quote);
    return "\"{" + q + "ImportId" + q + ":" + (q == "'" ? " " : "") + q + std::string(id) + q + "}\"";
  };
  std::string s =
      "StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,UserLanguage,"
      "CSAT,Drivers_1,Channel_pick,Q3\n"
      "Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,User Language,"
      "How satisfied are you?,Rate each - Website experience,Where did you buy?,What should we improve?\n";
  for (std::string_view id : {"startDate", "endDate", "status", "progress", "finished", "recordedDate",
                              "_recordId", "userLanguage", "QID1", "QID2_1", "QID4", "QID3_TEXT"}) {
    s += desc(id) + (id == "QID3_TEXT" ? "\n" : ",");
  }
  s += "2024-05-01 10:00:00,2024-05-01 10:05:00,IP Address,100,True,2024-05-01 10:05:00,R_aaa,VI,"
       "Very satisfied,5,Online,Giao hàng nhanh quá\n"
       "2024-05-02 10:00:00,2024-05-02 10:05:00,IP Address,100,True,2024-05-02 10:05:00,R_bbb,TH,"
       "Dissatisfied,2,Store,\n"
       "2024-05-03 10:00:00,2024-05-03 10:05:00,IP Address,100,True,2024-05-03 10:05:00,R_ccc,ZH-S,"
       "Neither satisfied nor dissatisfied,N/A,Online,\n";
  return s;
}

TEST(SurveyResponses, RowsWithoutCommentStillBecomeResponsesWithTypedAnswers) {
  auto run = ReadSurvey(WriteTemp("qualtrics_cx.csv", QualtricsCsv("\"\"")));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString() << run->Logs();
  ASSERT_EQ(run->sink.records.size(), 1u) << run->Logs();
  ASSERT_EQ(run->textless.size(), 2u) << run->Logs();
  const Record& a = run->sink.records[0];
  const Record& b = run->textless[0];
  EXPECT_EQ(a.text, "Giao hàng nhanh quá");
  EXPECT_EQ(a.response_id, "qualtrics:R_aaa");
  EXPECT_EQ(b.text, "") << "the respondent wrote nothing: a response without a unit";
  EXPECT_EQ(b.response_id, "qualtrics:R_bbb");
  EXPECT_EQ(b.csat, 2.0);
  const Answer* csat = FindAnswer(b, "CSAT");
  ASSERT_NE(csat, nullptr);
  EXPECT_EQ(csat->kind, AnswerKind::kRating);
  EXPECT_EQ(csat->number, 2.0);
  EXPECT_EQ(csat->value, "Dissatisfied");
  const Answer* website = FindAnswer(b, "Drivers_1");
  ASSERT_NE(website, nullptr);
  EXPECT_EQ(website->kind, AnswerKind::kRating);
  EXPECT_EQ(website->question_text, "Rate each - Website experience");
  ASSERT_TRUE(website->scale.has_value());
  EXPECT_EQ(*website->scale, std::make_pair(1.0, 5.0));
  const Answer* pick = FindAnswer(b, "Channel_pick");
  ASSERT_NE(pick, nullptr);
  EXPECT_EQ(pick->kind, AnswerKind::kChoice);
  EXPECT_EQ(pick->value, "Store");
  // "N/A" on a rating row is kept as said, not dropped or read as a number.
  const Answer* na = FindAnswer(run->textless[1], "Drivers_1");
  ASSERT_NE(na, nullptr);
  EXPECT_EQ(na->kind, AnswerKind::kChoice);
  EXPECT_EQ(na->value, "N/A");
  EXPECT_FALSE(na->number.has_value());
  // Metadata is not a question.
  EXPECT_EQ(FindAnswer(a, "Status"), nullptr);
  EXPECT_EQ(FindAnswer(a, "Progress"), nullptr);
}

TEST(SurveyResponses, Insights2016SingleQuotedImportIdRowIsAHeaderNotAResponse) {
  auto run = ReadSurvey(WriteTemp("insights_2016.csv", QualtricsCsv("'")));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->sink.records.size() + run->textless.size(), 3u) << run->Logs();
  for (const Record& r : run->textless) EXPECT_EQ(r.response_id.substr(0, 12), "qualtrics:R_");
  for (const Record& r : run->sink.records) {
    EXPECT_EQ(r.text.find("ImportId"), std::string::npos) << r.text;
    EXPECT_EQ(r.response_id.substr(0, 12), "qualtrics:R_") << r.response_id;
  }
}

TEST(SurveyResponses, ResponseIdsDoNotDependOnTheFileName) {
  std::string csv =
      "Timestamp,How likely are you to recommend us?,Bạn muốn góp ý gì?\n"
      "2024/05/01 10:00:00 AM GMT+7,9,Nhân viên nhiệt tình\n"
      "2024/05/01 11:00:00 AM GMT+7,3,\n"
      "2024/05/01 11:00:00 AM GMT+7,3,\n";  // two respondents gave the same answers
  auto one = ReadSurvey(WriteTemp("Form Responses 1.csv", csv), {{"format", "google_forms"}});
  auto two = ReadSurvey(WriteTemp("renamed copy.csv", csv), {{"format", "google_forms"}});
  ASSERT_TRUE(one->open.ok()) << one->open.ToString();
  ASSERT_EQ(one->sink.records.size(), 1u) << one->Logs();
  ASSERT_EQ(one->textless.size(), 2u) << one->Logs();
  ASSERT_EQ(two->textless.size(), 2u);
  EXPECT_EQ(one->sink.records[0].external_id, two->sink.records[0].external_id);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(one->textless[i].response_id, two->textless[i].response_id);
    EXPECT_EQ(one->textless[i].response_id.find(".csv"), std::string::npos);
  }
  EXPECT_NE(one->textless[0].response_id, one->textless[1].response_id)
      << "identical rows are two respondents";
  EXPECT_EQ(one->textless[0].nps, 3.0);
}

TEST(SurveyResponses, EmptyRowsAreSkippedAndCounted) {
  auto run = ReadSurvey(WriteTemp("gaps.csv",
                                  "id,nps,comment\n1,10,อร่อยมาก\n,,\n2,0,服务太差\n"));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->sink.records.size(), 2u);
  ASSERT_EQ(run->sink.skips.size(), 1u);
  EXPECT_EQ(run->sink.skips[0].line, 3u);
  EXPECT_EQ(run->sink.skips[0].reason, "empty row");
}

TEST(SurveyResponses, RealQualtricsCxExportStoresEveryRespondent) {
  std::string path = SharedFixture("qualtrics", "EasyQualtrics_qualtrics_ex_data.csv");
  if (path.empty()) GTEST_SKIP() << "needs ../shared/data/fixtures (not in a user's clone)";
  auto run = ReadSurvey(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  std::set<std::string> responses;
  size_t with_answers = 0;
  for (const auto* list : {&run->sink.records, &run->textless}) {
    for (const Record& r : *list) {
      responses.insert(r.response_id);
      if (FindAnswer(r, "Drivers_1") != nullptr) ++with_answers;
    }
  }
  EXPECT_EQ(responses.size(), 100u) << run->Logs();
  EXPECT_GT(with_answers, 50u);
}

TEST(SurveyResponses, RealSurveyMonkeyClosedQuestionExportStoresEveryRespondent) {
  std::string path = SharedFixture("surveymonkey", "fivethirtyeight_steak-risk-survey.csv");
  if (path.empty()) GTEST_SKIP() << "needs ../shared/data/fixtures (not in a user's clone)";
  auto run = ReadSurvey(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  std::set<std::string> responses;
  size_t answers = 0;
  for (const auto* list : {&run->sink.records, &run->textless}) {
    for (const Record& r : *list) {
      responses.insert(r.response_id);
      answers += r.answers.size();
    }
  }
  EXPECT_EQ(responses.size() + run->sink.rejects.size(), 550u) << run->Logs();
  EXPECT_GT(answers, 2000u);
}

TEST(SurveyResponses, TranscriptColumnBecomesTurnsWithSpeakersInEveryLanguage) {
  std::string path = (std::filesystem::path(PLUGIN_SOURCE_DIR) /
                      "../../tests/data/transcripts/calls_with_transcript_column.csv")
                         .lexically_normal()
                         .string();
  auto run = ReadSurvey(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->sink.records.size(), 16u) << run->Logs();
  ASSERT_EQ(run->textless.size(), 1u);  // C5: a call without transcript still counts
  std::map<std::string, std::vector<std::pair<SpeakerRole, std::string>>> calls;
  for (const Record& r : run->sink.records) {
    calls[r.response_id].emplace_back(r.speaker_role, r.text);
    EXPECT_EQ(r.text.find("Agent:"), std::string::npos) << r.text;
    EXPECT_EQ(r.text.find("C4,"), std::string::npos) << "CSV syntax is not feedback: " << r.text;
  }
  ASSERT_EQ(calls.size(), 4u);
  for (const auto& [id, turns] : calls) {
    ASSERT_EQ(turns.size(), 4u) << id;
    EXPECT_EQ(turns[0].first, SpeakerRole::kAgent) << id << " " << turns[0].second;
    EXPECT_EQ(turns[1].first, SpeakerRole::kCustomer) << id << " " << turns[1].second;
    EXPECT_EQ(turns[2].first, SpeakerRole::kAgent) << id;
    EXPECT_EQ(turns[3].first, SpeakerRole::kCustomer) << id;
  }
  const Record& thai = run->sink.records[5];
  EXPECT_EQ(thai.text, "อยากเปลี่ยนที่อยู่จัดส่งค่ะ");
  EXPECT_EQ(Attr(thai, "speaker"), "ลูกค้า");
  EXPECT_EQ(Attr(thai, "turn"), "2");
  EXPECT_EQ(run->sink.records[9].text, "我的退款还没到账");  // full-width colon
}

TEST(SurveyResponses, ProseWithAColonIsNotAConversation) {
  auto run = ReadSurvey(WriteTemp("prose.csv",
                                  "id,comment\n"
                                  "1,\"Note: the app is slow\nCustomer: me, obviously\"\n"
                                  "2,\"Giao hàng: chậm. Nhân viên: dễ thương\"\n"));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->sink.records.size(), 2u);
  for (const Record& r : run->sink.records) EXPECT_EQ(r.speaker_role, SpeakerRole::kCustomer);
}

TEST(SurveyResponses, SurveyMonkeySelectAllThatApplyGivesMultipleAnswersOfOneQuestion) {
  auto run = ReadSurvey(Fixture("surveymonkey", "built_surveymonkey_expanded.csv"));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_FALSE(run->sink.records.empty());
  // Somchai ticked App and Website.
  const Record* somchai = nullptr;
  for (const auto* list : {&run->sink.records, &run->textless}) {
    for (const Record& r : *list) {
      if (r.response_id == "surveymonkey:11468523402" && !r.answers.empty()) somchai = &r;
    }
  }
  ASSERT_NE(somchai, nullptr);
  std::vector<std::string> channels;
  for (const Answer& a : somchai->answers) {
    if (a.question != "Q2") continue;
    EXPECT_EQ(a.kind, AnswerKind::kMultiple);
    EXPECT_EQ(a.question_text, "Which channels did you use to order? Select all that apply.");
    channels.push_back(a.value);
  }
  EXPECT_EQ(channels, (std::vector<std::string>{"App", "Website"}));
  const Answer* satisfied = FindAnswer(*somchai, "Q4");
  ASSERT_NE(satisfied, nullptr);
  EXPECT_EQ(satisfied->kind, AnswerKind::kRating);
  EXPECT_EQ(satisfied->value, "Somewhat dissatisfied");
}

TEST(SurveyResponses, RowNumbersRestartingInEveryFileDoNotMergeRespondents) {
  // January and February exports of one generic survey, both numbered 1, 2.
  auto jan = ReadSurvey(WriteTemp("jan.csv", "STT,nps,comment\n1,9,Rất tốt\n2,3,giao hang cham\n"));
  auto feb = ReadSurvey(WriteTemp("feb.csv", "STT,nps,comment\n1,10,ดีมาก\n2,0,太慢了\n"));
  ASSERT_EQ(jan->sink.records.size(), 2u);
  ASSERT_EQ(feb->sink.records.size(), 2u);
  EXPECT_NE(jan->sink.records[0].response_id, feb->sink.records[0].response_id);
  EXPECT_NE(jan->sink.records[1].response_id, feb->sink.records[1].response_id);
  // A real id column (not small whole numbers) is still the response id.
  auto ids = ReadSurvey(WriteTemp("ids.csv", "id,nps,comment\nB-0001,9,ok\n"));
  ASSERT_EQ(ids->sink.records.size(), 1u);
  EXPECT_EQ(ids->sink.records[0].response_id.substr(ids->sink.records[0].response_id.size() - 7),
            ":B-0001");
}

}  // namespace
}  // namespace cxmap::csv::testing
