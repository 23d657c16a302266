// SPDX-License-Identifier: Apache-2.0
// The real binary against a PostgreSQL store (issue 19): the samples give
// the same counts as on SQLite, a second run adds nothing, two processes
// importing at once lose and duplicate nothing, and the URL's password
// never reaches the output. Needs the test cluster of scripts/test.sh
// (CXMAP_TEST_PG); skips without it.
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "pg_cli_fixture.h"

namespace cxmap::testing {
namespace {

std::string Samples() { return Quote(std::string(SAMPLES_DIR)); }

using PgCliTest = PgCliFixture;

// status --json without what names the store or depends on how a backend
// lays results out (SQLite counts a unit row's inherited sentence values).
nlohmann::json Comparable(const std::string& status_json) {
  nlohmann::json j = nlohmann::json::parse(status_json);
  j.erase("database");
  j.erase("results");
  j.erase("results_by_plugin");
  return j;
}

TEST_F(PgCliTest, SamplesGiveTheSameCountsAsSqlite) {
  const std::string db = Quote((dir_.path() / "cx.db").string());
  RunResult lite = RunCxmap("--quiet --db " + db + " run --no-report " + Samples());
  ASSERT_EQ(lite.exit_code, 0) << lite.err;
  RunResult pg = RunCxmap("--quiet " + Store() + "run --no-report " + Samples());
  ASSERT_EQ(pg.exit_code, 0) << pg.err;
  RunResult lite_status = RunCxmap("--db " + db + " status --json");
  RunResult pg_status = RunCxmap(Store() + "status --json");
  ASSERT_EQ(pg_status.exit_code, 0) << pg_status.err;
  EXPECT_EQ(Comparable(lite_status.out), Comparable(pg_status.out));
  EXPECT_GT(Sql("SELECT count(*) FROM cxmap.answers"), 0);
  EXPECT_GT(Sql("SELECT sum(value_count) FROM cxmap.analysis"), 0);
  // Every unit analysed by each plugin that ran: nothing left for `analyze`.
  EXPECT_EQ(nlohmann::json::parse(pg_status.out).value("unanalysed", -1), 0) << pg_status.out;

  // Run again: every file already imported, not one row more.
  const int64_t units = Sql("SELECT count(*) FROM cxmap.units");
  const int64_t results = Sql("SELECT sum(value_count) FROM cxmap.analysis");
  RunResult again = RunCxmap(Store() + "run --no-report " + Samples());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE((again.out + again.err).find("already imported"), std::string::npos) << again.err;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.units"), units);
  EXPECT_EQ(Sql("SELECT sum(value_count) FROM cxmap.analysis"), results);
}

TEST_F(PgCliTest, TwoProcessesImportingAtOnceLoseAndDuplicateNothing) {
  const std::string a = Quote(std::string(SAMPLES_DIR) + "/survey_demo.csv");
  const std::string b = Quote(std::string(SAMPLES_DIR) + "/qualtrics_cx_export.csv");
  RunResult ra, rb;
  std::thread ta([&] { ra = RunCxmap("--quiet " + Store() + "run --no-report " + a + " " + b); });
  std::thread tb([&] { rb = RunCxmap("--quiet " + Store() + "run --no-report " + b + " " + a); });
  ta.join();
  tb.join();
  EXPECT_EQ(ra.exit_code, 0) << ra.err;
  EXPECT_EQ(rb.exit_code, 0) << rb.err;
  const std::string db = Quote((dir_.path() / "one.db").string());
  ASSERT_EQ(RunCxmap("--quiet --db " + db + " run --no-report " + a + " " + b).exit_code, 0);
  RunResult lite = RunCxmap("--db " + db + " status --json");
  RunResult pg = RunCxmap(Store() + "status --json");
  EXPECT_EQ(Comparable(lite.out), Comparable(pg.out));
  // Each unit analysed once by each plugin: nothing doubled, nothing missing.
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.analysis"),
            Sql("SELECT count(*) FROM cxmap.units") *
                Sql("SELECT count(DISTINCT plugin) FROM cxmap.analysis"));
}

TEST_F(PgCliTest, StoreIsChosenByFlagEnvironmentOrConfigAndPasswordsStayHidden) {
  const std::string secret = url_ + "&password=hunter2";
  RunResult r = RunCxmap("--store " + Quote(secret) + " import " + Samples());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  RunResult status = RunCxmap("--store " + Quote(secret) + " status --json");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ((r.out + r.err + status.out + status.err).find("hunter2"), std::string::npos);
  EXPECT_NE(status.out.find("password=***"), std::string::npos) << status.out;

  RunResult env =
      RunShell("CXMAP_STORE=" + Quote(url_) + " " + Quote(CXMAP_BIN) + " status --json");
  EXPECT_EQ(env.exit_code, 0) << env.err;
  EXPECT_EQ(Comparable(env.out), Comparable(status.out));
  const std::string config = (dir_.path() / "cxmap.toml").string();
  std::ofstream(config) << "store = \"" << url_ << "\"\n";
  RunResult conf = RunCxmap("--config " + Quote(config) + " status --json");
  EXPECT_EQ(conf.exit_code, 0) << conf.err;
  EXPECT_EQ(Comparable(conf.out), Comparable(status.out)) << conf.err;

  RunResult both = RunCxmap(Store() + "--db x.db status");
  EXPECT_EQ(both.exit_code, 2) << both.err;
  RunResult other = RunCxmap("--store " + Quote("mysql://u:pw@h/db") + " status");
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_EQ(other.err.find("pw@"), std::string::npos) << other.err;
  // A password libpq cannot decode is never quoted back.
  RunResult undecodable = RunCxmap("--store " + Quote("postgresql://cx:50%zz@h/db") + " status");
  EXPECT_EQ(undecodable.exit_code, 2) << undecodable.err;
  EXPECT_EQ(undecodable.err.find("50%zz"), std::string::npos) << undecodable.err;
  RunResult down = RunCxmap("--store " + Quote("postgresql:///nope?host=/nonexistent") + " status");
  EXPECT_EQ(down.exit_code, 3);
  EXPECT_NE(down.err.find("cannot connect"), std::string::npos) << down.err;
}

// The golden comparison: every real export bundled for the tests (surveys
// with closed questions, call transcripts, social feeds, stakeholder lists,
// rows that are rejected) through both backends; every map, export and
// query must be byte for byte the same.
TEST_F(PgCliTest, EveryReadCommandMatchesSqliteOnTheBundledExports) {
  std::string inputs;
  std::vector<std::filesystem::path> files;
  for (const auto& root : {std::string(TEST_DATA_DIR) + "/fixtures", std::string(SAMPLES_DIR)}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && ext != ".md" && ext != ".py") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 30u);
  for (const auto& f : files) inputs += " " + Quote(f.string());
  const std::string db = "--db " + Quote((dir_.path() / "golden.db").string()) + " ";
  RunResult lite = RunCxmap("--quiet " + db + "run --no-report" + inputs);
  RunResult pg = RunCxmap("--quiet " + Store() + "run --no-report" + inputs);
  EXPECT_EQ(pg.exit_code, lite.exit_code) << pg.err;
  EXPECT_EQ(pg.out, lite.out);
  for (const char* cmd :
       {"journey --json", "journey --by channel --json", "journey --json --where 'language = th'",
        "empathy --json", "empathy --by segment --json", "stakeholders --json",
        "export --format json -o -", "export --view rejects --format csv -o -",
        "export --view drivers --format csv -o -", "export --view pain-points --format csv -o -",
        "query --limit 100000"}) {
    RunResult a = RunCxmap(db + cmd);
    RunResult b = RunCxmap(Store() + cmd);
    EXPECT_EQ(a.exit_code, 0) << cmd << ": " << a.err;
    EXPECT_EQ(b.exit_code, a.exit_code) << cmd << ": " << b.err;
    EXPECT_GT(a.out.size(), 2u) << cmd;
    EXPECT_TRUE(a.out == b.out) << cmd << ": the PostgreSQL store's output differs from SQLite's";
  }
  // The report is written from the same maps.
  const std::string report = (dir_.path() / "pg-report.html").string();
  RunResult r = RunCxmap(Store() + "report -o " + Quote(report));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(report).find("<html"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::testing
