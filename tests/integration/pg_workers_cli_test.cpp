// SPDX-License-Identifier: Apache-2.0
// `cxmap submit` and `cxmap worker` with the real binary against a
// PostgreSQL store (issue 19): two workers give the maps one `run` gives;
// a worker killed with SIGKILL mid-shard loses and duplicates nothing once
// another takes its shard over; a file changed after submit is refused by
// name. Needs the test cluster of scripts/test.sh (CXMAP_TEST_PG).
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "pg_cli_fixture.h"

namespace cxmap::testing {
namespace {

using namespace std::chrono_literals;

class PgWorkersTest : public PgCliFixture {
 protected:
  // Survey exports of `rows` rows each, in five languages, with scores.
  std::vector<std::string> Surveys(int files, int rows) {
    static const char* kTexts[] = {
        "Giao hàng chậm quá, đợi cả tuần mới nhận được",
        "nhan vien tu van nhiet tinh, se quay lai",
        "แอปค้างบ่อยมากหลังอัปเดต",
        "物流太慢了，等了五天才到",
        "客服態度很好，問題很快解決",
        "The checkout kept failing and support never answered",
        "Love the new app, ordering is quick and easy",
    };
    std::vector<std::string> paths;
    for (int f = 0; f < files; ++f) {
      std::string csv = "response_id,comment,nps\n";
      for (int r = 0; r < rows; ++r) {
        csv += "f" + std::to_string(f) + "r" + std::to_string(r) + ",\"" +
               kTexts[(r + f) % 7] + " #" + std::to_string(r) + "\"," + std::to_string(r % 11) +
               "\n";
      }
      paths.push_back(dir_.Write("survey_" + std::to_string(f) + ".csv", csv));
    }
    return paths;
  }
  static std::string Join(const std::vector<std::string>& paths) {
    std::string out;
    for (const auto& p : paths) out += Quote(p) + " ";
    return out;
  }
  // What `run` on SQLite makes of `inputs`: the reference.
  std::string SqliteReference(const std::string& inputs) {
    const std::string db = Quote(dir_ / "ref.db");
    RunResult r = RunCxmap("--quiet --db " + db + " run --no-report " + inputs);
    EXPECT_LE(r.exit_code, 1) << r.err;
    return db;
  }
  // Two workers side by side until the queue is empty; both must succeed
  // (exit at most `ok`: 1 where the input has rows to reject).
  void TwoWorkersUntilDone(const std::string& options = "", int ok = 0) {
    RunResult a, b;
    const std::string worker = "--quiet " + options + Store() + "worker --until-done --poll 0.2";
    std::thread ta([&] { a = RunCxmap(worker); });
    std::thread tb([&] { b = RunCxmap(worker); });
    ta.join();
    tb.join();
    EXPECT_LE(a.exit_code, ok) << a.err;
    EXPECT_LE(b.exit_code, ok) << b.err;
  }
  void ExpectSameMaps(const std::string& sqlite_db) {
    for (const char* command : {"journey --json", "empathy --json", "stakeholders --json"}) {
      RunResult lite = RunCxmap("--db " + sqlite_db + " " + command);
      RunResult pg = RunCxmap(Store() + command);
      ASSERT_EQ(pg.exit_code, 0) << pg.err;
      EXPECT_EQ(lite.out, pg.out) << command;
    }
    RunResult lite = RunCxmap("--db " + sqlite_db + " status --json");
    RunResult pg = RunCxmap(Store() + "status --json");
    for (const char* key : {"responses", "units", "answers", "rejected", "skipped", "unanalysed"}) {
      EXPECT_EQ(nlohmann::json::parse(lite.out)[key], nlohmann::json::parse(pg.out)[key]) << key;
    }
    // Each unit analysed once by each plugin: nothing doubled, nothing lost.
    EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.analysis"),
              Sql("SELECT count(*) FROM cxmap.units") *
                  Sql("SELECT count(DISTINCT plugin) FROM cxmap.analysis"));
  }

};

TEST_F(PgWorkersTest, TwoWorkersGiveTheMapsOfOneRun) {
  const std::string samples = Quote(std::string(SAMPLES_DIR));
  RunResult submitted = RunCxmap(Store() + "submit " + samples);
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  EXPECT_NE(submitted.out.find("submitted 3 shards of 3 files"), std::string::npos)
      << submitted.out;
  RunResult again = RunCxmap(Store() + "submit " + samples);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already submitted"), std::string::npos) << again.out;

  TwoWorkersUntilDone();
  ExpectSameMaps(SqliteReference(samples));

  RunResult status = RunCxmap(Store() + "status --json");
  auto queue = nlohmann::json::parse(status.out)["queue"];
  EXPECT_EQ(queue["shards"]["done"], 3) << status.out;
  EXPECT_EQ(queue["shards"]["pending"], 0);
  EXPECT_EQ(queue["workers"].size(), 2u);
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.imports WHERE finished_at IS NULL"), 0);
  // Finished files: a later submit or run has nothing to do.
  RunResult after = RunCxmap(Store() + "submit " + samples);
  EXPECT_NE(after.out.find("already imported"), std::string::npos) << after.out;
}

TEST_F(PgWorkersTest, AWorkerKilledMidShardLosesAndDuplicatesNothing) {
  const std::vector<std::string> files = Surveys(3, 1500);
  ASSERT_EQ(RunCxmap(Store() + "submit " + Join(files)).exit_code, 0);
  // A worker with a short lease and small batches, killed with SIGKILL once
  // it has committed part of its first shard.
  const std::string log = dir_ / "killed.log";
  RunResult started = RunShell(Quote(CXMAP_BIN) + " --quiet " + Store() +
                               "worker --lease 2 --batch-size 50 --threads 1 >" + Quote(log) +
                               " 2>&1 & echo $!");
  ASSERT_EQ(started.exit_code, 0);
  const pid_t pid = std::stoi(started.out);
  int64_t units = 0;
  for (int i = 0; i < 600 && units < 200; ++i) {
    std::this_thread::sleep_for(50ms);
    units = Sql("SELECT count(*) FROM cxmap.units");
  }
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  RunShell("while kill -0 " + std::to_string(pid) + " 2>/dev/null; do sleep 0.05; done");
  ASSERT_GE(units, 200) << ReadFile(log);
  ASSERT_LT(Sql("SELECT count(*) FROM cxmap.units"), 4500) << "killed too late to test anything";
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE state = 'running'"), 1);

  // Another worker waits for the lease to run out, takes the shard over
  // and finishes everything.
  RunResult rest = RunCxmap("--quiet " + Store() + "worker --until-done --poll 0.2");
  EXPECT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_EQ(Sql("SELECT max(attempts) FROM cxmap.shards"), 2);
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE state <> 'done'"), 0);
  ExpectSameMaps(SqliteReference(Join(files)));
  RunResult status = RunCxmap(Store() + "status");
  EXPECT_NE(status.out.find("lost"), std::string::npos) << "the killed worker: " << status.out;
}

TEST_F(PgWorkersTest, AFileChangedAfterSubmitFailsItsShardByName) {
  const std::vector<std::string> files = Surveys(1, 20);
  ASSERT_EQ(RunCxmap(Store() + "submit " + Join(files)).exit_code, 0);
  dir_.Write("survey_0.csv", "response_id,comment,nps\nx,\"another file now\",5\n");
  RunResult w = RunCxmap("--quiet " + Store() + "worker --until-done --poll 0.2");
  EXPECT_EQ(w.exit_code, 3) << w.err;
  EXPECT_NE(w.err.find("changed since it was submitted"), std::string::npos) << w.err;
  RunResult status = RunCxmap(Store() + "status");
  EXPECT_NE(status.out.find("failed shard"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("survey_0.csv"), std::string::npos) << status.out;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.units"), 0);
}

TEST_F(PgWorkersTest, ALargeFileIsReadInPiecesByTwoWorkersAsOneRunReadsIt) {
  // About 280 kB, cut into pieces of at least 64 kB (1 MiB by default).
  const std::vector<std::string> file = Surveys(1, 4000);
  RunResult submitted = RunCxmap(Store() + "-o source_csv_survey.min_piece_bytes=65536 submit "
                                           "--shards 4 " + Join(file));
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const int64_t shards = Sql("SELECT count(*) FROM cxmap.shards");
  EXPECT_EQ(shards, 4) << submitted.out << submitted.err;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE piece = ''"), 0);
  TwoWorkersUntilDone();
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE state = 'done'"), shards);
  ExpectSameMaps(SqliteReference(Join(file)));
}

// A vendor's source runs in a process of its own (the default for
// third-party modules), and its split() and open_piece() do too: the
// pieces travel over the plugin host's wire, and the workers' records are
// exactly those of one import of the whole file.
TEST_F(PgWorkersTest, AVendorSourceCutsItsInputInItsOwnProcess) {
  const std::string plugin = "--plugin-dir " + Quote(std::string(TEST_PLUGINS_DIR) + "/fault_src_good") + " ";
  std::string lines;
  for (int i = 1; i <= 30; ++i) lines += "vendor line " + std::to_string(i) + "\n";
  lines += "BAD row\nSKIP row\n";
  const std::string file = dir_.Write("v.faulty", lines);
  // The module marks each process that loads it: only plugin hosts may.
  const std::string mark = dir_ / "loaded";
  RunResult submitted = RunCxmapWith("CXMAP_TEST_INIT_MARK=" + Quote(mark),
                                     plugin + Store() + "submit --shards 3 " + Quote(file));
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const std::string loaded = ReadFile(mark);
  EXPECT_FALSE(loaded.empty());
  std::istringstream names(loaded);
  for (std::string name; std::getline(names, name);) EXPECT_EQ(name, "cxmap-plugin-ho");
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards"), 3) << submitted.out;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE piece LIKE 'L%-%'"), 3);
  TwoWorkersUntilDone(plugin, 1);  // the worker that reads the BAD row exits 1
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE state = 'done'"), 3);
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.units"), 30);
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.rejected"), 1);
  // The same ids as one import of the whole file in process.
  const std::string db = Quote(dir_ / "whole.db");
  RunResult whole = RunCxmap("--quiet " + plugin + "--isolate none --db " + db + " import " + Quote(file));
  EXPECT_EQ(whole.exit_code, 1) << whole.err;  // the BAD row
  auto records = [](const std::string& jsonl) {
    std::vector<std::string> out;
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      out.push_back(j["id"].get<std::string>() + "|" + j["text"].get<std::string>() + "|" +
                    j["attributes"].dump() + "|" + j["nps"].dump());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  RunResult lite = RunCxmap("--db " + db + " query --where 'source = source_test_vendor' --jsonl");
  RunResult pg = RunCxmap(Store() + "query --where 'source = source_test_vendor' --jsonl");
  ASSERT_EQ(pg.exit_code, 0) << pg.err;
  const std::vector<std::string> want = records(lite.out);
  EXPECT_EQ(want.size(), 30u);
  EXPECT_EQ(records(pg.out), want);
}

// A vendor's split() that crashes fails its file in `submit`, names the
// plugin and quarantines it, as a crash while reading does; the next
// submit leaves the source out and says how to retry it.
TEST_F(PgWorkersTest, ASourceThatCrashesInSplitIsNamedAndQuarantined) {
  const std::string plugin =
      "--plugin-dir " + Quote(std::string(TEST_PLUGINS_DIR) + "/fault_src_split_segv") + " ";
  const std::string file = dir_.Write("s.faulty", "one line\nanother line\n");
  RunResult r = RunCxmap(plugin + Store() + "submit --shards 2 " + Quote(file));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("plugin source_test_split_segv crashed with signal 11 (SIGSEGV"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("in split"), std::string::npos) << r.err;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.plugin_quarantine WHERE plugin = 'source_test_split_segv'"),
            1);
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards"), 0);
  RunResult again = RunCxmap(plugin + Store() + "submit --shards 2 " + Quote(file));
  EXPECT_NE(again.err.find("cxmap plugins retry source_test_split_segv"), std::string::npos)
      << again.err;
}

TEST_F(PgWorkersTest, AWorkerThatCannotReadAFileGivesItBackInsteadOfFailingIt) {
  const std::vector<std::string> files = Surveys(1, 30);
  ASSERT_EQ(RunCxmap(Store() + "submit " + Join(files)).exit_code, 0);
  const std::string hidden = dir_ / "elsewhere.csv";
  ASSERT_EQ(std::rename(files[0].c_str(), hidden.c_str()), 0);  // not on this "machine"
  RunResult blind = RunCxmap("--quiet " + Store() + "worker --until-done --poll 0.2");
  EXPECT_EQ(blind.exit_code, 3) << blind.err;
  EXPECT_NE(blind.err.find("pending again"), std::string::npos) << blind.err;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.shards WHERE state = 'pending' AND attempts = 0"), 1);
  ASSERT_EQ(std::rename(hidden.c_str(), files[0].c_str()), 0);
  RunResult sees = RunCxmap("--quiet " + Store() + "worker --until-done --poll 0.2");
  EXPECT_EQ(sees.exit_code, 0) << sees.err;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.units"), 30);
}

TEST_F(PgWorkersTest, ATouchedFileSubmittedAgainIsRead) {
  const std::vector<std::string> files = Surveys(1, 20);
  ASSERT_EQ(RunCxmap(Store() + "submit " + Join(files)).exit_code, 0);
  ASSERT_EQ(RunShell("touch -d '2001-01-01' " + Quote(files[0])).exit_code, 0);
  EXPECT_EQ(RunCxmap("--quiet " + Store() + "worker --until-done --poll 0.2").exit_code, 3);
  RunResult again = RunCxmap(Store() + "submit " + Join(files));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("1 failed shard queued again"), std::string::npos) << again.out;
  RunResult w = RunCxmap("--quiet " + Store() + "worker --until-done --poll 0.2");
  EXPECT_EQ(w.exit_code, 0) << w.err;
  EXPECT_EQ(Sql("SELECT count(*) FROM cxmap.units"), 20);
}

TEST(WorkersWithoutServer, SubmitOnSqliteAndFromStdinAreRefused) {
  TempDir dir;
  RunResult lite = RunCxmap("--db " + Quote(dir / "x.db") + " submit " +
                            Quote(std::string(SAMPLES_DIR)));
  EXPECT_EQ(lite.exit_code, 3) << lite.err;
  EXPECT_NE(lite.err.find("PostgreSQL"), std::string::npos) << lite.err;
  RunResult worker = RunCxmap("--db " + Quote(dir / "x.db") + " worker --until-done");
  EXPECT_EQ(worker.exit_code, 3) << worker.err;
  for (const char* bad : {"--max-attempts 0", "--poll 0", "--lease 0.5"}) {
    RunResult usage = RunCxmap("--db " + Quote(dir / "x.db") + " worker " + bad);
    EXPECT_EQ(usage.exit_code, 2) << bad << ": " << usage.err;
  }
  RunResult piped = RunCxmap("--db " + Quote(dir / "x.db") + " submit -", "a,b\n1,2\n");
  EXPECT_EQ(piped.exit_code, 2) << piped.err;
  EXPECT_NE(piped.err.find("standard input"), std::string::npos) << piped.err;
}

}  // namespace
}  // namespace cxmap::testing
