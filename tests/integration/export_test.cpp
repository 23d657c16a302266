// SPDX-License-Identifier: Apache-2.0
// `cxmap export`: every response is a row (with or without a comment),
// text in every language survives, a cell a spreadsheet would run as a
// formula is neutralised in CSV and XLSX but exact in JSON, the XLSX opens
// in a second reader (LibreOffice, where installed), and the BI views
// agree with the file.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180 (quoted fields with doubled quotes and line breaks inside).
Rows ParseCsv(std::string_view text) {
  Rows rows(1);
  std::string field;
  bool quoted = false, in_field = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = in_field = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
      in_field = true;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Column name → cell, per data row.
std::vector<std::map<std::string, std::string>> Records(const Rows& rows) {
  std::vector<std::map<std::string, std::string>> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    std::map<std::string, std::string> m;
    for (size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) m[rows[0][c]] = rows[r][c];
    out.push_back(std::move(m));
  }
  return out;
}

constexpr const char* kSurvey =
    "id,date,channel,language,segment,nps,csat,comment\n"
    "e1,2026-03-02,survey,en,vip,2,1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\") the "
    "delivery was late and cold\"\n"
    "e2,2026-03-03,survey,vi,regular,9,5,\"Giao hàng nhanh, đóng gói cẩn thận, rất hài lòng\"\n"
    "e3,2026-03-04,survey,th,regular,10,5,สินค้าดีมาก ส่งไวมาก ประทับใจค่ะ\n"
    "e4,2026-03-05,survey,zh,vip,3,2,\"+1 快递太慢了，等了一个星期才到\"\n"
    "e5,2026-03-06,survey,en,vip,6,3,\n"
    "e6,2026-03-07,survey,en,regular,8,4,\"@SUM(A1:A2) checkout was fine\"\n"
    "e7,2026-03-08,survey,en,regular,0,1,\"-2 stars, the app crashed at payment\"\n"
    "e8,2026-03-09,survey,en,regular,7,3,\"\tcmd tab first\"\n";

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "e.db";
    const std::string csv = dir_.Write("survey.csv", kSurvey);
    RunResult run = RunCxmap("-q --db " + Quote(db_) + " run --no-report " + Quote(csv));
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  RunResult Export(const std::string& args) {
    return RunCxmap("-q --db " + Quote(db_) + " export " + args);
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ExportTest, CsvHasEveryResponseWithBomAndNoLiveFormula) {
  RunResult r = Export("");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM first, for Excel";
  auto records = Records(ParseCsv(r.out.substr(3)));
  // Eight responses, one of them without a comment: all are rows.
  ASSERT_EQ(records.size(), 8u);
  EXPECT_EQ(static_cast<long long>(records.size()),
            QueryInt(db_, "SELECT count(*) FROM responses"));
  std::map<std::string, std::map<std::string, std::string>> by_id;
  for (auto& rec : records) by_id[rec["response_id"].substr(rec["response_id"].rfind(':') + 1)] = rec;
  EXPECT_EQ(by_id["e5"]["text"], "");
  EXPECT_EQ(by_id["e5"]["nps"], "6");
  EXPECT_EQ(by_id["e5"]["nps_group"], "detractor");
  EXPECT_EQ(by_id["e5"]["text_units"], "0");
  // Text in every script, whole.
  EXPECT_EQ(by_id["e2"]["text"], "Giao hàng nhanh, đóng gói cẩn thận, rất hài lòng");
  EXPECT_EQ(by_id["e3"]["text"], "สินค้าดีมาก ส่งไวมาก ประทับใจค่ะ");
  // Every cell that starts like a formula is text behind a quote.
  EXPECT_EQ(by_id["e1"]["text"].rfind("'=HYPERLINK(\"http://evil.example\"", 0), 0u);
  EXPECT_EQ(by_id["e4"]["text"], "'+1 快递太慢了，等了一个星期才到");
  EXPECT_EQ(by_id["e6"]["text"], "'@SUM(A1:A2) checkout was fine");
  EXPECT_EQ(by_id["e7"]["text"], "'-2 stars, the app crashed at payment");
  for (const auto& rec : records) {
    for (const auto& [column, cell] : rec) {
      if (cell.empty()) continue;
      const char c = cell.front();
      const bool number = column.find("score") != std::string::npos || column == "nps";
      if (!number) {
        EXPECT_TRUE(c != '=' && c != '+' && c != '@' && c != '\t' && c != '-')
            << column << ": " << cell;
      }
    }
  }
  // A negative number is a number, not text: it keeps its sign unquoted.
  EXPECT_EQ(by_id["e7"]["sentiment"], "negative");
  EXPECT_EQ(by_id["e7"]["sentiment_score"].front(), '-');
}

TEST_F(ExportTest, JsonKeepsValuesExact) {
  RunResult r = Export("--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(r.out);
  ASSERT_EQ(rows.size(), 8u);
  std::map<std::string, nlohmann::json> by_text;
  for (auto& row : rows) by_text[row["text"].is_string() ? row["text"].get<std::string>() : ""] = row;
  EXPECT_TRUE(by_text.count("@SUM(A1:A2) checkout was fine"));
  EXPECT_TRUE(by_text.count("+1 快递太慢了，等了一个星期才到"));
  // (The CSV source trims a leading TAB; cell_safety_test covers it.)
  EXPECT_EQ(by_text[""]["nps"], 6.0);
  EXPECT_TRUE(by_text[""]["sentiment"].is_null());
}

TEST_F(ExportTest, EveryViewInOneJsonAndBiViewsAgree) {
  const std::string path = dir_ / "all.json";
  RunResult r = Export("--view all -o " + Quote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto all = nlohmann::json::parse(ReadFile(path));
  for (const char* view : {"responses", "journey", "stages", "touchpoints", "pain-points",
                           "drivers", "empathy", "stakeholders", "rejects"}) {
    EXPECT_TRUE(all.contains(view)) << view;
  }
  EXPECT_EQ(all["responses"].size(), 8u);
  // The "all" rows of the journey view are the grid of `journey --json`.
  RunResult journey = RunCxmap("-q --db " + Quote(db_) + " journey --json");
  ASSERT_EQ(journey.exit_code, 0) << journey.err;
  auto grid = nlohmann::json::parse(journey.out)["grid"];
  size_t all_rows = 0;
  for (auto& cell : all["journey"]) {
    if (cell["segment"] != "all") continue;
    ASSERT_LT(all_rows, grid.size());
    const auto& want = grid[all_rows++];
    EXPECT_EQ(cell["stage_id"], want["stage"]);
    EXPECT_EQ(cell["touchpoint_id"], want["touchpoint"]);
    EXPECT_EQ(cell["responses"], want["volume"]);
    EXPECT_NEAR(cell["negative_share"].get<double>(), want["sentiment"]["negative"].get<double>(), 1e-4);
  }
  EXPECT_EQ(all_rows, grid.size());
  EXPECT_GT(all_rows, 0u);
  for (auto& s : all["stages"]) {
    if (s["sentiment_units"].get<int>() == 0) continue;
    const double sum = s["positive_share"].get<double>() + s["neutral_share"].get<double>() +
                       s["negative_share"].get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-3) << s.dump();
  }
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM bi_responses"), 8);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM bi_text_units"), 7);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM bi_responses WHERE nps_group = 'promoter'"), 2);
}

TEST_F(ExportTest, WhereFiltersResponses) {
  RunResult r = Export("--format json --where \"lang = th\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(r.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["language"], "th");
}

// The labels the map prints work in every --where, in any case.
TEST_F(ExportTest, WhereTakesTheLabelsTheMapPrints) {
  auto count = [&](const std::string& where) {
    RunResult r = RunCxmap("-q --db " + Quote(db_) + " query --count --where " + Quote(where));
    EXPECT_EQ(r.exit_code, 0) << where << ": " << r.err;
    return r.out;
  };
  const std::string by_id = count("touchpoint = delivery");
  EXPECT_NE(by_id, "0\n");
  EXPECT_EQ(count("touchpoint = Delivery"), by_id);
  EXPECT_EQ(count("touchpoint in (DELIVERY)"), by_id);
  EXPECT_EQ(count("touchpoint = \"Checkout & payment\" or touchpoint = checkout_payment"),
            count("touchpoint = checkout_payment"));
  RunResult unknown = RunCxmap("-q --db " + Quote(db_) + " journey --where " + Quote("stage = Buying"));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("purchase (Purchase)"), std::string::npos) << unknown.err;
  RunResult exported = Export("--format json --where " + Quote("touchpoint = Delivery"));
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(std::to_string(nlohmann::json::parse(exported.out).size()) + "\n", by_id);
}

TEST_F(ExportTest, UsageErrorsAndFailuresLeaveNoFile) {
  RunResult all_csv = Export("--view all");
  EXPECT_EQ(all_csv.exit_code, 2);
  EXPECT_NE(all_csv.err.find("xlsx"), std::string::npos) << all_csv.err;
  RunResult unknown = Export("--view nope");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("pain-points"), std::string::npos) << unknown.err;
  EXPECT_EQ(Export("--format pdf").exit_code, 2);
  EXPECT_EQ(Export("--format xlsx -o -").exit_code, 2);
  RunResult bad_where = Export("--where \"nps >\"");
  EXPECT_EQ(bad_where.exit_code, 2) << bad_where.err;
  RunResult missing = RunCxmap("-q --db " + Quote(dir_ / "nope.db") + " export");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_FALSE(fs::exists(dir_ / "nope.db"));
  const std::string nowhere = dir_ / "no-such-folder/x.csv";
  EXPECT_EQ(Export("-o " + Quote(nowhere)).exit_code, 3);
  EXPECT_FALSE(fs::exists(dir_ / "no-such-folder"));
}

// The bundled samples hold a Qualtrics export: its closed questions are
// columns, a rating a number and a choice its text.
TEST(Export, ClosedAnswersAreColumns) {
  TempDir dir;
  const std::string db = dir / "s.db";
  ASSERT_EQ(RunCxmap("-q --db " + Quote(db) + " run --no-report").exit_code, 0);
  RunResult r = RunCxmap("-q --db " + Quote(db) + " export --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(r.out);
  EXPECT_EQ(static_cast<long long>(rows.size()), QueryInt(db, "SELECT count(*) FROM responses"));
  int with_rating = 0, with_choice = 0;
  for (auto& row : rows) {
    ASSERT_TRUE(row.contains("answer.Q3_2"));
    if (row["answer.Q3_2"].is_number()) ++with_rating;
    if (row["answer.Q4"].is_string()) ++with_choice;
  }
  EXPECT_GT(with_rating, 0);
  EXPECT_EQ(with_choice, QueryInt(db, "SELECT count(DISTINCT response) FROM answers WHERE question = 'Q4'"));
  // CSV heads the column with the question's wording.
  RunResult csv = RunCxmap("-q --db " + Quote(db) + " export");
  EXPECT_NE(csv.out.find("Q3_2: Please rate each part of your order - Delivery"), std::string::npos);
}

std::string Soffice() {
  for (const char* p : {"/usr/bin/soffice", "/usr/bin/libreoffice"}) {
    if (fs::exists(p)) return p;
  }
  return "";
}

// Read by a program that is not ours: LibreOffice converts every sheet to
// CSV; the text, the neutralised formulas and the header must be there.
TEST_F(ExportTest, XlsxOpensInLibreOffice) {
  const std::string xlsx = dir_ / "e.xlsx";
  RunResult r = Export("-o " + Quote(xlsx));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(xlsx));
  EXPECT_FALSE(fs::exists(xlsx + ".tmp"));
  const std::string soffice = Soffice();
  if (soffice.empty()) GTEST_SKIP() << "LibreOffice not installed (scripts/test.sh installs it)";
  const std::string out = dir_ / "lo";
  // Filter options: comma, quote, UTF-8, …, token 12 = -1: every sheet to
  // its own file <name>-<sheet>.csv.
  const std::string cmd = "timeout 180 " + Quote(soffice) +
                          " -env:UserInstallation=file://" + dir_.path().string() +
                          "/lo-profile --headless --convert-to "
                          "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
                          "false,-1' --outdir " +
                          Quote(out) + " " + Quote(xlsx) + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  for (const char* sheet : {"responses", "journey", "stages", "touchpoints", "pain-points",
                            "drivers", "empathy", "stakeholders", "rejects"}) {
    EXPECT_TRUE(fs::exists(out + "/e-" + sheet + ".csv")) << sheet;
  }
  auto records = Records(ParseCsv(ReadFile(out + "/e-responses.csv")));
  ASSERT_EQ(records.size(), 8u);
  std::set<std::string> texts;
  for (auto& rec : records) texts.insert(rec["text"]);
  EXPECT_TRUE(texts.count("สินค้าดีมาก ส่งไวมาก ประทับใจค่ะ"));
  EXPECT_TRUE(texts.count("Giao hàng nhanh, đóng gói cẩn thận, rất hài lòng"));
  EXPECT_TRUE(texts.count("'+1 快递太慢了，等了一个星期才到"));
  EXPECT_TRUE(texts.count("'@SUM(A1:A2) checkout was fine"));
  // A number stays a number: LibreOffice writes it unquoted as 6.
  bool six = false;
  for (auto& rec : records) six = six || rec["nps"] == "6";
  EXPECT_TRUE(six);
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

// A delivery survey whose "driver got lost" complaints fade while "food
// arrived cold" grows: the pain points say so (journey --json, export).
TEST(PainTrend, RisingAndFallingThemesAreMarked) {
  TempDir dir;
  std::string csv = "id,date,channel,language,nps,comment\n";
  auto date = [](int day) { return fmt::format("2026-{:02d}-{:02d}", day / 28 + 1, day % 28 + 1); };
  for (int i = 0; i < 80; ++i) {
    const bool recent = i >= 40;
    const bool cold = recent ? i % 10 < 8 : i % 10 == 0;
    csv += fmt::format("t{},{},survey,en,2,\"{}\"\n", i, date(recent ? 100 + i : i),
                       cold ? "the food arrived cold and the delivery was late, terrible"
                            : "delivery was late again, the driver got lost, terrible");
  }
  for (int i = 0; i < 60; ++i) {
    csv += fmt::format("a{},{},survey,en,3,\"the app crashed at checkout, awful\"\n", i, date(i * 2));
  }
  const std::string db = dir / "t.db";
  ASSERT_EQ(RunCxmap("-q --db " + Quote(db) + " run --no-report " + Quote(dir.Write("t.csv", csv)))
                .exit_code,
            0);
  RunResult r = RunCxmap("-q --db " + Quote(db) + " journey --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int marked = 0;
  const auto map = nlohmann::json::parse(r.out);
  for (const auto& t : map["touchpoints"]) {
    if (t["id"] != "delivery") continue;
    for (const auto& p : t["pain_points"]) {
      ASSERT_TRUE(p["trend"].is_object()) << p.dump();
      const std::string theme = p["theme"], direction = p["trend"]["direction"];
      EXPECT_EQ(p["trend"]["split"].get<std::string>().substr(0, 4), "2026");
      if (theme.find("lost") != std::string::npos || theme.find("driver") != std::string::npos) {
        EXPECT_EQ(direction, "falling") << theme;
        ++marked;
      }
      if (theme.find("cold") != std::string::npos || theme.find("food") != std::string::npos) {
        EXPECT_EQ(direction, "rising") << theme;
        ++marked;
      }
      if (theme == "delivery was late") {
        EXPECT_EQ(direction, "steady");
      }
    }
  }
  EXPECT_GT(marked, 0) << "no theme about the driver or the food";
  // The export carries the same trend.
  RunResult exported =
      RunCxmap("-q --db " + Quote(db) + " export --view pain-points --format json");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  bool falling = false;
  for (const auto& row : nlohmann::json::parse(exported.out)) {
    falling = falling || (row["touchpoint_id"] == "delivery" && row["trend"] == "falling");
  }
  EXPECT_TRUE(falling);
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

// The user's own stop words (config [themes] stop_words) never make a
// theme on their own, in any script.
TEST(Themes, ConfigStopWordsAreNeverThemes) {
  TempDir dir;
  std::string csv = "id,date,channel,language,nps,comment\n";
  for (int i = 0; i < 30; ++i) {
    csv += fmt::format("d{},2026-03-{:02d},survey,vi,2,\"shipper giao hàng chậm, shipper thái độ tệ\"\n", i,
                       i % 28 + 1);
    csv += fmt::format("s{},2026-03-{:02d},survey,zh,3,\"门市 排队太久了，门市 店员很慢\"\n", i, i % 28 + 1);
  }
  const std::string db = dir / "s.db";
  ASSERT_EQ(RunCxmap("-q --db " + Quote(db) + " run --no-report " + Quote(dir.Write("s.csv", csv)))
                .exit_code,
            0);
  auto themes = [&](const std::string& config) {
    RunResult r = RunCxmap("-q " + config + " --db " + Quote(db) + " journey --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> out;
    const auto map = nlohmann::json::parse(r.out);
    for (const auto& t : map["touchpoints"]) {
      for (const auto& p : t["pain_points"]) out.push_back(p["theme"]);
      for (const auto& p : t["themes"]) out.push_back(p["phrase"]);
    }
    return out;
  };
  auto starts_or_ends = [](const std::string& theme, const std::string& word) {
    return theme.rfind(word, 0) == 0 ||
           (theme.size() >= word.size() && theme.compare(theme.size() - word.size(), word.size(), word) == 0);
  };
  bool before = false;
  for (const auto& t : themes("")) before = before || starts_or_ends(t, "shipper") || starts_or_ends(t, "门市");
  ASSERT_TRUE(before) << "the words must be themes without the config for this test to mean anything";
  const std::string config = dir.Write("c.toml", "[themes]\nstop_words = [\"Shipper\", \"門市\"]\n");
  for (const auto& t : themes("--config " + Quote(config))) {
    EXPECT_FALSE(starts_or_ends(t, "shipper")) << t;
    EXPECT_FALSE(starts_or_ends(t, "门市")) << t;
  }
}

}  // namespace
}  // namespace cxmap::testing

