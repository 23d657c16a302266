// SPDX-License-Identifier: Apache-2.0
// End-to-end: the real cxmap binary, real plugins, real files.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

std::string PluginDir(const std::string& c) { return "--plugin-dir " + Quote(std::string(TEST_PLUGINS_DIR) + "/" + c); }

nlohmann::json Status(const std::string& db) {
  RunResult r = RunCxmap("status --json --db " + Quote(db));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

nlohmann::json Expected() {
  std::ifstream in(std::string(TEST_DATA_DIR) + "/../golden/samples/expected.json");
  return nlohmann::json::parse(in);
}

TEST(Cli, RunOnBundledSamplesStoresEveryRecordWithNoRejects) {
  TempDir dir;
  RunResult r = RunCxmap("--quiet --db " + Quote(dir / "c.db") + " run");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json s = Status(dir / "c.db");
  nlohmann::json want = Expected();
  EXPECT_EQ(s["records"], want["records"]);
  EXPECT_EQ(s["responses"], want["responses"]);
  EXPECT_EQ(s["answers"], want["answers"]);
  EXPECT_EQ(s["rejected"], want["rejected"]);
  EXPECT_EQ(s["imports"], want["imports"]);
  EXPECT_EQ(QueryInt(dir / "c.db", "SELECT count(*) FROM imports WHERE finished_at IS NULL"), 0);
}

TEST(Cli, StatsSayWhereTheTimeOfARunWent) {
  TempDir dir;
  RunResult r = RunCxmap("--quiet --db " + Quote(dir / "s.db") + " run --stats");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* stage : {"read (source plugin)", "analysis_sentiment", "analysis_journey",
                            "write results", "commit", "compact (VACUUM)", "wall"}) {
    EXPECT_NE(r.err.find(stage), std::string::npos) << stage << " missing from:\n" << r.err;
  }
  EXPECT_EQ(r.out.find("commit"), std::string::npos) << "stats go to stderr, not stdout";
  RunResult plain = RunCxmap("--quiet --db " + Quote(dir / "p.db") + " run");
  EXPECT_EQ(plain.err.find("write results"), std::string::npos) << "only with --stats";
}

TEST(Cli, ReRunningTheSameImportAddsNothing) {
  TempDir dir;
  std::string db = Quote(dir / "c.db");
  ASSERT_EQ(RunCxmap("-q run --db " + db).exit_code, 0);
  nlohmann::json first = Status(dir / "c.db");
  RunResult again = RunCxmap("-q run --db " + db);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already imported"), std::string::npos) << again.out;
  nlohmann::json second = Status(dir / "c.db");
  EXPECT_EQ(first["records"], second["records"]);
  EXPECT_EQ(first["results"], second["results"]);
  EXPECT_EQ(first["imports"], second["imports"]);
}

TEST(Cli, GlobalOptionsWorkBeforeAndAfterTheSubcommand) {
  TempDir dir;
  std::string samples = Quote(std::string(SAMPLES_DIR) + "/survey_demo.csv");
  EXPECT_EQ(RunCxmap("-q run " + samples + " --db " + Quote(dir / "a.db")).exit_code, 0);
  EXPECT_EQ(RunCxmap("-q --db " + Quote(dir / "b.db") + " run " + samples).exit_code, 0);
  EXPECT_EQ(Status(dir / "a.db")["records"], Status(dir / "b.db")["records"]);
  EXPECT_GT(Status(dir / "a.db")["records"].get<int>(), 0);
}

TEST(Cli, ExitCodesAreDocumentedOnes) {
  TempDir dir;
  EXPECT_EQ(RunCxmap("no-such-command").exit_code, 2);
  EXPECT_EQ(RunCxmap("status --no-such-flag").exit_code, 2);
  RunResult missing = RunCxmap("--db " + Quote(dir / "x.db") + " import " + Quote(dir / "missing.csv"));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("missing.csv"), std::string::npos) << missing.err;
  std::ofstream(dir / "in.lines") << "ok one\nBAD two\nok three\n";
  RunResult rejected = RunCxmap(PluginDir("good") + " -q --db " + Quote(dir / "r.db") + " import " +
                                Quote(dir / "in.lines"));
  EXPECT_EQ(rejected.exit_code, 1) << rejected.err;
  EXPECT_EQ(QueryInt(dir / "r.db", "SELECT count(*) FROM records"), 2);
  EXPECT_EQ(QueryInt(dir / "r.db", "SELECT count(*) FROM rejected WHERE line = 2"), 1);
  RunResult bad_option = RunCxmap(PluginDir("good") + " -o analysis_test_echo.nope=1 classify -",
                                  "x\n");
  EXPECT_EQ(bad_option.exit_code, 2);
  EXPECT_NE(bad_option.err.find("valid options: min_length"), std::string::npos) << bad_option.err;
}

TEST(Cli, PluginsListAndDescribeReadMetadata) {
  RunResult list = RunCxmap(PluginDir("good") + " plugins list");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("analysis_test_echo"), std::string::npos);
  EXPECT_NE(list.out.find("source_csv_survey"), std::string::npos) << "built-in plugins are listed";
  RunResult d = RunCxmap(PluginDir("good") + " plugins describe analysis_test_echo --json");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  auto j = nlohmann::json::parse(d.out);
  EXPECT_EQ(j["options"][0]["name"], "min_length");
  EXPECT_EQ(j["options"][0]["default"], "0");
  EXPECT_EQ(j["fields"].size(), 2u);
  EXPECT_EQ(RunCxmap(PluginDir("abi2") + " plugins list").exit_code, 3);
}

TEST(Cli, InspectShowsTheChosenSourceCandidatesAndCountsWithoutImporting) {
  fs::path dir = fs::temp_directory_path() / "cxmap_cli_inspect";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "x.lines") << "one\nBAD two\nthree\n";
  RunResult r = RunCxmap(PluginDir("good") + " --db " + Quote(dir / "i.db") + " inspect --json " +
                         Quote(dir / "x.lines"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"], "source_test_lines");
  EXPECT_EQ(j["format"], "lines");
  EXPECT_EQ(j["reason"], "file name ends in .lines");
  EXPECT_EQ(j["responses"], 2) << "the SDK's default Inspect() counts what the source emits";
  EXPECT_EQ(j["records"], 2);
  EXPECT_EQ(j["rejected"], 1);
  bool csv_listed = false;
  for (const auto& c : j["candidates"]) csv_listed |= c["source"] == "source_csv_survey";
  EXPECT_TRUE(csv_listed) << "every source's verdict is listed";
  EXPECT_FALSE(fs::exists(dir / "i.db")) << "inspect must not create or touch the database";

  RunResult human = RunCxmap(PluginDir("good") + " inspect " + Quote(dir / "x.lines"));
  EXPECT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("source_test_lines"), std::string::npos) << human.out;
  EXPECT_EQ(RunCxmap(PluginDir("good") + " inspect --format nope " + Quote(dir / "x.lines")).exit_code, 2)
      << "a format no source takes is a usage error";
}

TEST(Cli, InspectReadsAnAbi10SourceThatHasNoInspectEntry) {
  fs::path dir = fs::temp_directory_path() / "cxmap_cli_inspect10";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "x.v10") << "anything\n";
  RunResult r = RunCxmap(PluginDir("v10") + " inspect --json " + Quote(dir / "x.v10"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"], "source_test_v10");
  EXPECT_EQ(j["records"], 3);
  EXPECT_EQ(j["rejected"], 1);
}

TEST(Cli, ClassifyJsonlKeepsInputOrderAcrossBatchesAndThreads) {
  std::string input;
  for (int i = 0; i < 1500; ++i) input += "text number " + std::to_string(i) + ". Câu hai\n";
  RunResult r = RunCxmap(PluginDir("good") + " --threads 2 classify --jsonl", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    ASSERT_EQ(j["text"], "text number " + std::to_string(n) + ". Câu hai");
    EXPECT_TRUE(j["language"] == "en" || j["language"] == "vi") << j["language"];
    EXPECT_FALSE(j["languages"].empty());
    EXPECT_EQ(j["test_echo"]["length"], j["text"].get<std::string>().size());
    EXPECT_EQ(j["test_echo"]["sentences"].size(), 2u);
    EXPECT_EQ(j["test_echo"]["sentences"][1]["text"], " Câu hai");
    ++n;
  }
  EXPECT_EQ(n, 1500);
}

TEST(Cli, FailingPluginFailsItsJobButRecordsAndOtherPluginsLand) {
  TempDir dir;
  std::ofstream(dir / "in.lines") << "one\ntwo boom\nthree\n";
  RunResult r = RunCxmap(PluginDir("good") + " " + PluginDir("throws") + " -q --db " +
                         Quote(dir / "f.db") + " run " + Quote(dir / "in.lines"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("analysis_test_throws"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("kaboom"), std::string::npos) << r.err;
  EXPECT_EQ(QueryInt(dir / "f.db", "SELECT count(*) FROM records"), 3);
  EXPECT_GT(QueryInt(dir / "f.db", "SELECT count(*) FROM results WHERE plugin='analysis_test_echo'"), 0);
  EXPECT_EQ(QueryInt(dir / "f.db", "SELECT count(*) FROM analyses WHERE plugin='analysis_test_throws'"), 0)
      << "a failed plugin leaves no 'analysed' marks, so `cxmap analyze` retries it";
}

// Writes `rows` generic-CSV rows with a unique id each.
void WriteCsv(const fs::path& p, int rows) {
  std::ofstream out(p);
  out << "id,comment,nps\n";
  for (int i = 0; i < rows; ++i) {
    out << "R" << i << ",\"Giao hàng lần " << i << ", shipper thân thiện\"," << (i % 11) << "\n";
  }
}

TEST(Cli, KillDashNineMidImportLeavesAConsistentDatabaseThatAReRunCompletes) {
  TempDir dir;
  constexpr int kRows = 300000;
  WriteCsv(dir.path() / "big.csv", kRows);
  std::string db = dir / "k.db";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(CXMAP_BIN, CXMAP_BIN, "--quiet", "--db", db.c_str(), "import", "--batch-size", "500",
          (dir / "big.csv").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  long long seen = 0;
  for (int i = 0; i < 3000 && seen < 5000; ++i) {  // wait until some batches are committed
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = std::max(0LL, QueryInt(db, "SELECT count(*) FROM records"));
  }
  kill(pid, SIGKILL);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the import finished before it could be killed; raise kRows";
  long long partial = QueryInt(db, "SELECT count(*) FROM records");
  EXPECT_GT(partial, 0);
  EXPECT_LT(partial, kRows);

  RunResult check = RunCxmap("--db " + Quote(db) + " status --json");
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'"), 1);

  RunResult rerun = RunCxmap("-q --db " + Quote(db) + " import " + Quote(dir / "big.csv"));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find("resumed"), std::string::npos) << rerun.out;
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM records"), kRows);
  EXPECT_EQ(QueryInt(db, "SELECT count(DISTINCT id) FROM records"), kRows);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM imports"), 1);
  EXPECT_EQ(QueryInt(db, "SELECT accepted FROM imports"), kRows);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM records WHERE nps IS NULL"), 0);
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

TEST(Cli, EvalScoresAFixedFileAsComputedByHand) {
  std::string file = Quote(std::string(TEST_DATA_DIR) + "/eval/echo_long.tsv");
  RunResult r = RunCxmap(PluginDir("good") + " -o analysis_test_echo.min_length=10 eval " + file +
                         " --field test_echo.long --json --errors 5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["overall"]["n"], 5);
  EXPECT_DOUBLE_EQ(j["overall"]["accuracy"].get<double>(), 0.6);
  EXPECT_EQ(j["overall"]["polar_n"], 0);
  ASSERT_EQ(j["errors"].size(), 2u);
  EXPECT_EQ(j["errors"][0]["line"], 4);
  EXPECT_EQ(j["errors"][0]["gold"], "true");
  EXPECT_EQ(j["errors"][0]["predicted"], "false");
  RunResult missing = RunCxmap(PluginDir("good") + " eval " + file + " --field nosuch.label");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no analysis plugin produces 'nosuch'"), std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace cxmap::testing
