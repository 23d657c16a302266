// SPDX-License-Identifier: Apache-2.0
// End-to-end: every respondent counts. Most respondents of a real survey
// write nothing; their scores must still make the headline NPS/CSAT, and a
// renamed re-export must add nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <vector>
#include <string>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

struct Survey {
  std::string csv;
  int rows = 0, with_comment = 0;
  int promoters = 0, detractors = 0, nps_n = 0;
  int csat_top2 = 0, csat_n = 0;
};

// A survey export where about four respondents in five leave the comment
// empty and some skip a score; comments in vi (with and without
// diacritics), th, zh-Hans, zh-Hant and en.
Survey MakeSurvey(int rows, unsigned seed) {
  static const char* kComments[] = {
      "Giao hàng chậm quá, chờ cả tuần",     "giao hang cham qua",
      "พนักงานบริการดีมาก ประทับใจ",          "物流太慢了，客服也不回复",
      "客服態度很好，退貨很快",                 "The checkout kept failing on my phone",
  };
  std::mt19937 rng(seed);
  Survey s;
  s.csv = "response_id,submitted_at,channel,nps,csat,comment\n";
  for (int i = 0; i < rows; ++i) {
    int nps = static_cast<int>(rng() % 11);
    int csat = 1 + static_cast<int>(rng() % 5);
    bool has_nps = rng() % 10 != 0, has_csat = rng() % 7 != 0;
    bool comment = rng() % 5 == 0;
    s.csv += "r" + std::to_string(i) + ",2026-03-0" + std::to_string(1 + i % 9) + ",web," +
             (has_nps ? std::to_string(nps) : "") + "," + (has_csat ? std::to_string(csat) : "") +
             "," + (comment ? "\"" + std::string(kComments[i % 6]) + "\"" : "") + "\n";
    ++s.rows;
    s.with_comment += comment ? 1 : 0;
    if (has_nps) {
      ++s.nps_n;
      s.promoters += nps >= 9 ? 1 : 0;
      s.detractors += nps <= 6 ? 1 : 0;
    }
    if (has_csat) {
      ++s.csat_n;
      s.csat_top2 += csat >= 4 ? 1 : 0;
    }
  }
  return s;
}

nlohmann::json Json(const RunResult& r) { return nlohmann::json::parse(r.out, nullptr, false); }

TEST(Responses, HeadlineScoresCountEveryRespondentNotOnlyCommenters) {
  TempDir dir;
  Survey s = MakeSurvey(400, 7);
  { std::ofstream(dir / "survey.csv") << s.csv; }
  std::string db = Quote(dir / "c.db");
  RunResult run = RunCxmap("-q --db " + db + " run " + Quote(dir / "survey.csv"));
  ASSERT_LE(run.exit_code, 1) << run.err;

  nlohmann::json status = Json(RunCxmap("status --json --db " + db));
  EXPECT_EQ(status["responses"], s.rows);
  EXPECT_EQ(status["responses_with_text"], s.with_comment);
  EXPECT_EQ(status["units"], s.with_comment);
  EXPECT_EQ(status["rejected"], 0);

  RunResult journey = RunCxmap("journey --json --db " + db);
  ASSERT_EQ(journey.exit_code, 0) << journey.err;
  nlohmann::json j = Json(journey);
  ASSERT_TRUE(j.contains("overall")) << journey.out.substr(0, 400);
  const nlohmann::json& o = j["overall"];
  EXPECT_EQ(o["responses"], s.rows);
  EXPECT_EQ(o["with_text"], s.with_comment);
  double nps = 100.0 * (s.promoters - s.detractors) / s.nps_n;
  EXPECT_EQ(o["nps"]["n"], s.nps_n);
  EXPECT_NEAR(o["nps"]["value"].get<double>(), nps, 1e-9);
  EXPECT_LT(o["nps"]["ci_low"].get<double>(), nps);
  EXPECT_GT(o["nps"]["ci_high"].get<double>(), nps);
  EXPECT_EQ(o["csat"]["n"], s.csat_n);
  EXPECT_NEAR(o["csat"]["value"].get<double>(), 100.0 * s.csat_top2 / s.csat_n, 1e-9);
  EXPECT_LT(o["csat"]["ci_low"].get<double>(), o["csat"]["value"].get<double>());
}

TEST(Responses, RenamedOrCumulativeReExportAddsOnlyNewResponses) {
  TempDir dir;
  Survey s = MakeSurvey(60, 11);
  Survey more = MakeSurvey(70, 11);  // the same 60 rows, then 10 more
  { std::ofstream(dir / "export-march.csv") << s.csv; }
  { std::ofstream(dir / "export-april (cumulative).csv") << more.csv; }
  { std::ofstream(dir / "copy of export-march.csv") << s.csv + "\n"; }  // other bytes, same rows
  std::string db = Quote(dir / "c.db");
  ASSERT_LE(RunCxmap("-q --db " + db + " import " + Quote(dir / "export-march.csv")).exit_code, 1);
  ASSERT_LE(RunCxmap("-q --db " + db + " import " + Quote(dir / "copy of export-march.csv")).exit_code, 1);
  EXPECT_EQ(Json(RunCxmap("status --json --db " + db))["responses"], 60);
  ASSERT_LE(RunCxmap("-q --db " + db + " import " + Quote(dir / "export-april (cumulative).csv")).exit_code, 1);
  nlohmann::json status = Json(RunCxmap("status --json --db " + db));
  EXPECT_EQ(status["responses"], 70);
  EXPECT_EQ(status["units"], more.with_comment);
}

TEST(Responses, QueryFiltersOnClosedAnswersAndPrintsThem) {
  TempDir dir;
  // A Qualtrics export: a 1-5 driver rating (closed) and a comment (open).
  std::string csv =
      "StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,Drivers_1,Q3\n"
      "Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,"
      "Rate each - Website experience,What should we improve?\n"
      "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\","
      "\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"progress\"\"}\","
      "\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\","
      "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\","
      "\"{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}\"\n"
      "2024-05-01,2024-05-01,IP Address,100,True,2024-05-01,R_a,5,Trang web dễ dùng\n"
      "2024-05-01,2024-05-01,IP Address,100,True,2024-05-01,R_b,2,เว็บช้ามาก\n"
      "2024-05-01,2024-05-01,IP Address,100,True,2024-05-01,R_c,4,網站很好用\n"
      "2024-05-01,2024-05-01,IP Address,100,True,2024-05-01,R_d,1,\n";
  { std::ofstream(dir / "qualtrics.csv") << csv; }
  std::string db = Quote(dir / "c.db");
  ASSERT_LE(RunCxmap("-q --db " + db + " run " + Quote(dir / "qualtrics.csv")).exit_code, 1);
  nlohmann::json status = Json(RunCxmap("status --json --db " + db));
  EXPECT_EQ(status["responses"], 4);
  EXPECT_EQ(status["answers"], 4);
  RunResult q = RunCxmap("query --jsonl --where 'answers.Drivers_1 >= 4' --db " + db);
  ASSERT_EQ(q.exit_code, 0) << q.err;
  std::vector<std::string> texts;
  std::istringstream lines(q.out);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(row.is_discarded()) << line;
    texts.push_back(row["text"]);
    ASSERT_EQ(row["answers"].size(), 1u) << line;
    EXPECT_EQ(row["answers"][0]["question_text"], "Rate each - Website experience");
    EXPECT_GE(row["answers"][0]["number"].get<double>(), 4.0);
    EXPECT_TRUE(row["results"].contains("analysis_sentiment")) << line;
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"Trang web dễ dùng", "網站很好用"}));
  // The journey's headline over a response-level filter counts the
  // respondent who wrote nothing too (R_d rated 1 and left no comment).
  nlohmann::json low = Json(RunCxmap("journey --json --where 'answers.Drivers_1 <= 2' --db " + db));
  EXPECT_EQ(low["overall"]["responses"], 2);
  EXPECT_EQ(low["overall"]["with_text"], 1);
  nlohmann::json stage = Json(RunCxmap("journey --json --where 'not (stage = purchase)' --db " + db));
  EXPECT_GE(stage["overall"]["responses"].get<int>(), 1);
}

TEST(Responses, AgentTurnsInATranscriptColumnNeverSpeakForTheCustomer) {
  TempDir dir;
  const std::string file =
      std::string(TEST_DATA_DIR) + "/transcripts/calls_with_transcript_column.csv";
  std::string db = Quote(dir / "c.db");
  RunResult run = RunCxmap("-q --db " + db + " run " + Quote(file));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  nlohmann::json status = Json(RunCxmap("status --json --db " + db));
  EXPECT_EQ(status["responses"], 5) << "five calls, not one per turn";
  EXPECT_EQ(status["rejected"], 0);
  EXPECT_EQ(QueryInt(dir / "c.db", "SELECT count(*) FROM records WHERE speaker_role = 'agent'"), 8);
  EXPECT_EQ(QueryInt(dir / "c.db",
                     "SELECT count(*) FROM results r JOIN records u ON u.rowid = r.record"
                     " WHERE u.speaker_role = 'agent'"),
            0)
      << "agent turns are stored, not analysed";
  // Words only agents said, in each language.
  const char* kAgentWords[] = {"chuyển yêu cầu", "เปลี่ยนให้เรียบร้อย", "升级处理", "escalated"};
  std::string empathy = RunCxmap("empathy --json --db " + db).out;
  std::string journey = RunCxmap("journey --json --db " + db).out;
  ASSERT_FALSE(Json(RunCxmap("empathy --json --db " + db)).is_discarded());
  for (const char* words : kAgentWords) {
    EXPECT_EQ(empathy.find(words), std::string::npos) << words;
    EXPECT_EQ(journey.find(words), std::string::npos) << words;
  }
  EXPECT_NE(empathy.find("Tôi rất thất vọng"), std::string::npos) << "the customer is heard";
}

TEST(Responses, EveryRowIsStoredRejectedOrSkippedAndStatusListsTheRejects) {
  TempDir dir;
  // 6 data rows: 3 stored (one without comment), 2 rejected, 1 empty.
  { std::ofstream(dir / "s.csv") << "id,nps,comment\n1,9,Rất tốt\n2,12,ดีมาก\n,,\n3,x,很好\n4,10,\n5,0,Too slow\n"; }
  std::string db = Quote(dir / "c.db");
  RunResult run = RunCxmap("-q --db " + db + " -o source_csv_survey.nps_column=nps run " +
                           Quote(dir / "s.csv"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  nlohmann::json status = Json(RunCxmap("status --json --rejects --db " + db));
  EXPECT_EQ(status["responses"].get<int>() + status["rejected"].get<int>() +
                status["skipped"].get<int>(),
            6);
  EXPECT_EQ(status["responses"], 3);
  EXPECT_EQ(status["skipped_by_reason"]["empty row"], 1);
  ASSERT_EQ(status["rejects"].size(), 2u);
  EXPECT_EQ(status["rejects"][0]["line"], 3);
  EXPECT_NE(status["rejects"][0]["reason"].get<std::string>().find("out of range"), std::string::npos);
  EXPECT_EQ(status["rejects"][1]["excerpt"], "3,x,很好");
  RunResult text = RunCxmap("status --rejects --db " + db);
  EXPECT_NE(text.out.find(":5: column 'nps'"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace cxmap::testing
