// SPDX-License-Identifier: Apache-2.0
// Both stakeholder plugins through the real cxmap binary: sniffing against
// source_csv_survey (`inspect`), support from sentiment (the host's text
// services live in the core), and import + analysis into a database.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cxmap/testing.h"

namespace {

#ifdef CXMAP_BIN
constexpr const char* kBin = CXMAP_BIN;
#else
constexpr const char* kBin = "";
#endif
const std::string kFixtures = STAKEHOLDER_FIXTURES;

using Json = nlohmann::json;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("stakeholder_cli_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

/// Runs cxmap with `args`; returns stdout (stderr dropped) and the exit code.
std::string RunCxmap(const std::string& args, int* exit_code) {
  return cxmap::testing::RunCommand(std::string(kBin) + " -q --threads 1 " + args + " 2>/dev/null",
                                    exit_code);
}

/// The `stakeholder` object of every classify line, keyed by name.
std::map<std::string, Json> Classify(const std::string& file, const std::string& source) {
  int code = 0;
  std::string out = RunCxmap("classify " + cxmap::testing::ShellQuote(file) + " --source " + source + " --jsonl", &code);
  EXPECT_EQ(code, 0) << out;
  std::map<std::string, Json> by_name;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("stakeholder") || !j["stakeholder"].is_object()) continue;
    by_name[j["stakeholder"]["name"].get<std::string>()] = j["stakeholder"];
  }
  return by_name;
}

class StakeholderCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(kBin).empty() || !std::filesystem::exists(kBin)) {
      GTEST_SKIP() << "needs the cxmap binary (in-tree build); not available here";
    }
  }
};

TEST_F(StakeholderCli, InspectPrefersTheStakeholderSourceInEveryLanguage) {
  for (const char* file : {"stakeholders_en.csv", "stakeholders_vi.csv",
                           "stakeholders_vi_no_diacritics.csv", "stakeholders_th.tsv",
                           "stakeholders_zh_hans.csv", "stakeholders_zh_hant.csv",
                           "stakeholders_mixed.csv"}) {
    int code = 0;
    std::string out = RunCxmap("inspect --json " + cxmap::testing::ShellQuote(kFixtures + "/" + file), &code);
    Json j = Json::parse(out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << file << ": " << out;
    EXPECT_EQ(j["source"], "source_stakeholders") << file << ": " << out;
    EXPECT_EQ(j["format"], "stakeholders");
    EXPECT_DOUBLE_EQ(j["confidence"].get<double>(), 0.98);
    double survey = -1;
    for (const auto& c : j["candidates"]) {
      if (c["source"] == "source_csv_survey") survey = c["confidence"].get<double>();
    }
    EXPECT_GE(survey, 0) << "source_csv_survey is a candidate";
    EXPECT_LT(survey, 0.98) << file;
    std::vector<std::string> roles;
    for (const auto& c : j["columns"]) roles.push_back(c["role"]);
    EXPECT_EQ(roles, (std::vector<std::string>{"name", "department", "role", "support",
                                               "influence", "text"}))
        << file;
  }
  int code = 0;  // an internal survey stays with the survey source
  Json survey = Json::parse(
      RunCxmap("inspect --json " + cxmap::testing::ShellQuote(kFixtures + "/internal_survey_mixed.csv"), &code));
  EXPECT_EQ(survey["source"], "source_csv_survey");
  for (const auto& c : survey["candidates"]) {
    if (c["source"] == "source_stakeholders") {
      EXPECT_EQ(c["confidence"].get<double>(), 0);
    }
  }
}

TEST_F(StakeholderCli, ExplicitAndDerivedScoresFromTheFixtures) {
  auto en = Classify(kFixtures + "/stakeholders_en.csv", "source_stakeholders");
  ASSERT_EQ(en.size(), 8u);
  EXPECT_EQ(en["Alice Nguyen"]["strategy"], "engage");
  EXPECT_EQ(en["Brian Lee"]["strategy"], "defend");
  EXPECT_EQ(en["Brian Lee"]["department_key"], "logistics");
  EXPECT_EQ(en["Carla Diaz"]["strategy"], "collaborate");
  EXPECT_EQ(en["David Park"]["strategy"], "defend");
  EXPECT_EQ(en["Grace Tan"]["strategy"], "engage");     // 3.5 / 3.5: on the threshold
  EXPECT_EQ(en["Henry Wu"]["strategy"], "defend");      // 3.49 / 3.51
  const Json& frank = en["Frank Ho"];                   // no scores: both derived
  EXPECT_EQ(frank["support_basis"], "sentiment");
  EXPECT_LT(frank["support"].get<double>(), 3.5);
  EXPECT_EQ(frank["influence_basis"], "role");
  EXPECT_EQ(frank["strategy"], "monitor") << frank.dump();

  auto vi = Classify(kFixtures + "/stakeholders_vi.csv", "source_stakeholders");
  EXPECT_EQ(vi["Trần Văn Minh"]["department_key"], "logistics");
  EXPECT_EQ(vi["Phạm Quốc Bảo"]["strategy"], "defend") << vi["Phạm Quốc Bảo"].dump();
  EXPECT_EQ(vi["Phạm Quốc Bảo"]["influence"], 4.5);
  EXPECT_EQ(vi["Võ Thị Hạnh"]["strategy"], "collaborate") << vi["Võ Thị Hạnh"].dump();
  auto plain = Classify(kFixtures + "/stakeholders_vi_no_diacritics.csv", "source_stakeholders");
  EXPECT_EQ(plain["Pham Quoc Bao"]["strategy"], "defend") << plain["Pham Quoc Bao"].dump();
  EXPECT_EQ(plain["Tran Van Minh"]["department_key"], "logistics");
  auto th = Classify(kFixtures + "/stakeholders_th.tsv", "source_stakeholders");
  EXPECT_EQ(th["ปรีชา สายทอง"]["strategy"], "defend") << th["ปรีชา สายทอง"].dump();
  EXPECT_EQ(th["สมชาย ใจดี"]["department_key"], "logistics");
  auto zh = Classify(kFixtures + "/stakeholders_zh_hans.csv", "source_stakeholders");
  EXPECT_EQ(zh["刘洋"]["strategy"], "defend") << zh["刘洋"].dump();
  auto hant = Classify(kFixtures + "/stakeholders_zh_hant.csv", "source_stakeholders");
  EXPECT_EQ(hant["陳志明"]["department_key"], "logistics");
  EXPECT_EQ(hant["陳志明"]["influence"], 5.0);
  auto mixed = Classify(kFixtures + "/stakeholders_mixed.csv", "source_stakeholders");
  EXPECT_EQ(mixed["Ngô Bảo Châu"]["strategy"], "defend");
  EXPECT_EQ(mixed["周杰"]["strategy"], "engage") << mixed["周杰"].dump();
  EXPECT_EQ(mixed["Olivia King"]["strategy"], "engage");
  EXPECT_EQ(mixed["Somchai P."]["strategy"], "collaborate");
}

TEST_F(StakeholderCli, SupportFromSentimentHandlesNegation) {
  struct Case {
    const char* notes;
    bool high;
  } cases[] = {
      {"I fully support this project.", true},  {"I do not support this project.", false},
      {"Rất ủng hộ dự án này.", true},           {"Tôi không ủng hộ dự án này.", false},
      {"toi khong ung ho du an nay", false},     {"สนับสนุนโครงการนี้มาก", true},
      {"ไม่สนับสนุนโครงการนี้", false},          {"非常支持这个项目", true},
      {"我不支持这个项目", false},               {"我不支持這個項目", false},
  };
  std::string csv = "name,role,support,influence,notes\n";
  for (size_t i = 0; i < std::size(cases); ++i) {
    csv += "p" + std::to_string(i) + ",Director,,,\"" + cases[i].notes + "\"\n";
  }
  csv += "silent,Director,,,\n";
  std::string path = TempPath("negation.csv");
  std::ofstream(path, std::ios::binary) << csv;
  auto rows = Classify(path, "source_stakeholders");
  for (size_t i = 0; i < std::size(cases); ++i) {
    const Json& r = rows["p" + std::to_string(i)];
    EXPECT_EQ(r["support_basis"], "sentiment") << cases[i].notes;
    ASSERT_TRUE(r["support"].is_number()) << cases[i].notes << r.dump();
    EXPECT_EQ(r["support"].get<double>() >= 3.5, cases[i].high) << cases[i].notes << " " << r.dump();
    EXPECT_EQ(r["strategy"], cases[i].high ? "engage" : "defend") << cases[i].notes;
  }
  EXPECT_TRUE(rows["silent"]["support"].is_null());
  EXPECT_TRUE(rows["silent"]["strategy"].is_null());
  EXPECT_NE(rows["silent"]["reason"].get<std::string>().find("not placed"), std::string::npos);
  std::filesystem::remove(path);
}

TEST_F(StakeholderCli, InternalSurveyRowsAreStakeholdersToo) {
  auto rows = Classify(kFixtures + "/internal_survey_mixed.csv", "source_csv_survey");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows["Brian Lee"]["origin"], "feedback");
  EXPECT_EQ(rows["Brian Lee"]["strategy"], "defend") << rows["Brian Lee"].dump();
  EXPECT_EQ(rows["Alice Nguyen"]["strategy"], "engage") << rows["Alice Nguyen"].dump();
  EXPECT_EQ(rows["Lê Hoàng Nam"]["strategy"], "collaborate") << rows["Lê Hoàng Nam"].dump();
  EXPECT_EQ(rows["สุดา รักงาน"]["strategy"], "monitor") << rows["สุดา รักงาน"].dump();
  EXPECT_EQ(rows["王伟"]["strategy"], "engage") << rows["王伟"].dump();
  EXPECT_EQ(rows["王伟"]["department_key"], "logistics");
}

/// field → value of analysis_stakeholder results for the record whose respondent is `who`.
std::map<std::string, std::string> Stored(sqlite3* db, const std::string& who) {
  std::map<std::string, std::string> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT r.field, coalesce(CAST(r.value AS TEXT), 'null') FROM results r "
                     "JOIN records c ON c.rowid = r.record WHERE r.plugin = 'analysis_stakeholder' "
                     "AND c.respondent = ?1",
                     -1, &st, nullptr);
  sqlite3_bind_text(st, 1, who.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] =
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  return out;
}

TEST_F(StakeholderCli, RunStoresRecordsResultsAndRejects) {
  std::string db_path = TempPath("run.db");
  std::filesystem::remove(db_path);
  int code = 0;
  RunCxmap("--db " + cxmap::testing::ShellQuote(db_path) + " run " + cxmap::testing::ShellQuote(kFixtures + "/stakeholders_en.csv"), &code);
  EXPECT_EQ(code, 0);
  RunCxmap("--db " + cxmap::testing::ShellQuote(db_path) + " run " + cxmap::testing::ShellQuote(kFixtures + "/stakeholders_bad_rows.csv"),
           &code);
  EXPECT_EQ(code, 1) << "rejected rows make exit code 1";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto brian = Stored(db, "Brian Lee");
  EXPECT_EQ(brian["strategy"], "defend");
  EXPECT_EQ(brian["quadrant"], "low_support_high_influence");
  EXPECT_EQ(brian["department"], "Logistics");
  EXPECT_EQ(brian["department_key"], "logistics");
  EXPECT_EQ(brian["support"], "2.0");
  EXPECT_EQ(brian["reason"],
            "support 2.0 (explicit) < 3.5, influence 5.0 (explicit) ≥ 3.5 → defend");
  EXPECT_EQ(Stored(db, "Good Two")["strategy"], "monitor");
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT line, reason FROM rejected ORDER BY line", -1, &st, nullptr);
  std::vector<std::pair<int, std::string>> rejects;
  while (sqlite3_step(st) == SQLITE_ROW) {
    rejects.emplace_back(sqlite3_column_int(st, 0),
                         reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  }
  sqlite3_finalize(st);
  ASSERT_EQ(rejects.size(), 4u);
  EXPECT_EQ(rejects[0], (std::pair<int, std::string>{3, "missing name"}));
  EXPECT_EQ(rejects[3], (std::pair<int, std::string>{6, "influence 0 is outside 1–5"}));
  sqlite3_close(db);
  std::filesystem::remove(db_path);
  std::filesystem::remove(db_path + "-wal");
  std::filesystem::remove(db_path + "-shm");
}

}  // namespace
