// SPDX-License-Identifier: Apache-2.0
// Read commands on a PostgreSQL store keep their snapshot copy for the next
// read command (core/app/snapshot_cache.h): reused while nothing is written,
// never after a write, kept only in a folder private to the user. Needs
// the test cluster of scripts/test.sh (CXMAP_TEST_PG); skips without it.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "pg_cli_fixture.h"

namespace cxmap::testing {
namespace {

namespace fs = std::filesystem;

using PgSnapshotCacheTest = PgCliFixture;

std::string Sample(const char* name) { return Quote(std::string(SAMPLES_DIR) + "/" + name); }

// Shell words that wait until `file` exists (at most a minute), for a
// psql session held open in the background while the test goes on.
std::string WaitFor(const fs::path& file) {
  return " for i in $(seq 600); do [ -e " + Quote(file.string()) + " ] && break; sleep 0.1; done;";
}

// The copies in `folder` (name and inode), sorted by name.
std::vector<std::pair<std::string, ino_t>> Copies(const fs::path& folder) {
  std::vector<std::pair<std::string, ino_t>> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    if (e.path().extension() != ".db") continue;
    struct stat st {};
    if (::stat(e.path().c_str(), &st) == 0) out.emplace_back(e.path().filename().string(), st.st_ino);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every row of every table of the embedded store at `path`, as text, in
// the order of its columns. Of an import, whether its times are set, not
// their values: each copy sets its own.
std::string Contents(const fs::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open " + path.string();
  }
  auto rows = [db](const std::string& table) {
    std::string out;
    sqlite3_stmt* stmt = nullptr;
    // Every column in the order key, whether or not the table has rowids
    // (answers, sentences and the result tables have none).
    std::string sql = "SELECT * FROM \"" + table + "\"";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot read " << table << ": " << sqlite3_errmsg(db);
      return out;
    }
    const int columns = sqlite3_column_count(stmt);
    sqlite3_finalize(stmt);
    sql += " ORDER BY 1";
    for (int c = 2; c <= columns; ++c) sql += "," + std::to_string(c);
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot read " << table << ": " << sqlite3_errmsg(db);
      return out;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < columns; ++c) {
        const std::string name = sqlite3_column_name(stmt, c);
        const int type = sqlite3_column_type(stmt, c);
        out += name + "=";
        if (table == "imports" && name.ends_with("_at")) {
          out += type == SQLITE_NULL ? "null" : "set";
        } else if (type == SQLITE_NULL) {
          out += "null";
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, c));
          out += std::to_string(type) + ":" +
                 std::string(text == nullptr ? "" : text, sqlite3_column_bytes(stmt, c));
        }
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(stmt);
    return out;
  };
  std::string out;
  std::vector<std::string> tables;
  sqlite3_stmt* list = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                         -1, &list, nullptr) == SQLITE_OK) {
    while (sqlite3_step(list) == SQLITE_ROW) {
      tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
    }
  }
  sqlite3_finalize(list);
  for (const std::string& t : tables) {
    out += "== " + t + "\n" + rows(t);
  }
  sqlite3_close(db);
  return out;
}

// The copy the store's pointer in `cache` names.
fs::path CurrentCopy(const fs::path& cache) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(cache, ec)) {
    if (e.path().extension() != ".current") continue;
    std::ifstream in(e.path());
    std::string name;
    std::getline(in, name);
    return cache / name;
  }
  return {};
}

TEST_F(PgSnapshotCacheTest, ACopyServesReadCommandsUntilTheServerIsWritten) {
  const fs::path cache = dir_.path() / "snapshots";
  const std::string db = "--db " + Quote((dir_.path() / "cx.db").string()) + " ";
  for (const std::string& store : {db, Store()}) {
    RunResult r = RunCxmap("--quiet " + store + "run --no-report " + Sample("survey_demo.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult first = RunCxmap(Store() + "journey --json");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("] info: copied "), std::string::npos) << first.err;
  EXPECT_EQ(first.out, RunCxmap(db + "journey --json").out);
  const auto made = Copies(cache);
  ASSERT_EQ(made.size(), 1u) << "one copy of the snapshot is kept";
  struct stat st {};
  ASSERT_EQ(::stat(cache.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << "the copies hold customer feedback";

  // Nothing written to this database: the next read commands read the
  // same copy, whatever other databases of the server do meanwhile.
  RunShell("psql -qAt " + Quote(admin_) + " -c 'CREATE TABLE IF NOT EXISTS busy (n int);'" +
           " -c 'INSERT INTO busy VALUES (1)'");
  RunResult again = RunCxmap(Store() + "journey --json");
  EXPECT_EQ(again.out, first.out);
  EXPECT_NE(again.err.find("reusing it"), std::string::npos) << again.err;
  RunResult empathy = RunCxmap(Store() + "empathy --json");
  EXPECT_EQ(empathy.exit_code, 0) << empathy.err;
  EXPECT_EQ(empathy.out, RunCxmap(db + "empathy --json").out);
  EXPECT_NE(empathy.err.find("reusing it"), std::string::npos) << empathy.err;
  EXPECT_EQ(Copies(cache), made) << "a read command copied the server again with nothing written";

  // A write: the next read command sees it, from a new copy.
  for (const std::string& store : {db, Store()}) {
    RunResult r =
        RunCxmap("--quiet " + store + "run --no-report " + Sample("khao_sat_cua_hang.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult after = RunCxmap(Store() + "journey --json");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.err.find("only new imports were written"), std::string::npos) << after.err;
  EXPECT_NE(after.out, first.out);
  EXPECT_EQ(after.out, RunCxmap(db + "journey --json").out) << "a stale copy was read";
  const auto now = Copies(cache);
  EXPECT_EQ(now.size(), 2u) << "the new copy beside the old (removed once unused for minutes)";

  // A row changed in place (same counts) is seen too.
  ASSERT_EQ(Sql("WITH u AS (UPDATE cxmap.imports SET finished_at = NULL WHERE id = 1"
                " RETURNING 1) SELECT count(*) FROM u"), 1);
  RunResult changed = RunCxmap(Store() + "journey --json");
  EXPECT_NE(changed.err.find("] info: copied "), std::string::npos) << changed.err;
}

// The usual life of a team's store: imports added one after another, read
// in between. Each read after an import copies only the new imports into a
// copy of the kept one, and that copy holds exactly what a copy of the
// whole server holds; every map and export matches SQLite's. Every
// bundled export goes in, in two halves (surveys with closed questions,
// calls, social feeds, stakeholder lists, rows that are rejected).
TEST_F(PgSnapshotCacheTest, NewImportsAreAddedToTheKeptCopyAsAWholeCopyWouldHoldThem) {
  std::vector<fs::path> files;
  for (const auto& root : {std::string(TEST_DATA_DIR) + "/fixtures", std::string(SAMPLES_DIR)}) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && ext != ".md" && ext != ".py") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 30u);
  // A call log last in the first half with two new calls (the others are
  // the fixture's, stored already), their transcripts first in the second:
  // the units join responses the kept copy already holds, with attributes
  // no other input has (so the order their sets are first met in shows in
  // the copy's ids).
  std::string log = ReadFile(std::string(TEST_DATA_DIR) + "/fixtures/call_center/asterisk_cdr_csv.csv");
  for (const char* id : {"1709608900.16", "1709622590.18"}) {
    const size_t at = log.find(id);
    ASSERT_NE(at, std::string::npos) << id;
    log[at + std::string_view(id).size() - 2] = '9';  // new calls: .96, .98
  }
  const fs::path cdr = dir_.path() / "calls_cdr.csv", transcripts = dir_.path() / "calls.txt";
  std::ofstream(cdr) << log;
  // The log's first new call first: a whole copy must not create the
  // second before the first call's units.
  std::ofstream(transcripts) << "Call ID: 1709608900.96\nAgent: Minh Quân\n"
                                "[10:22:03] Agent: Chào anh\n"
                                "[10:22:08] Customer: Mạng chập chờn cả tuần nay.\n\n"
                                "Call ID: 1709622590.98\nAgent: Lan Anh\n"
                                "[14:10:01] Agent: Xin chào, em có thể giúp gì ạ?\n"
                                "[14:10:05] Customer: Cước tháng này tính sai, tôi rất bực mình.\n";
  const size_t half = files.size() / 2;
  files.insert(files.begin() + static_cast<std::ptrdiff_t>(half), {cdr, transcripts});
  const fs::path cache = dir_.path() / "snapshots";
  const std::string db = "--db " + Quote((dir_.path() / "cx.db").string()) + " ";
  for (const auto& [from, to] :
       {std::pair{size_t{0}, half + 1}, std::pair{half + 1, files.size()}}) {
    std::string inputs;
    for (size_t i = from; i < to; ++i) inputs += " " + Quote(files[i].string());
    RunResult lite = RunCxmap("--quiet " + db + "run --no-report" + inputs);
    RunResult pg = RunCxmap("--quiet " + Store() + "run --no-report" + inputs);
    EXPECT_EQ(pg.exit_code, lite.exit_code) << pg.err;
    RunResult read = RunCxmap(Store() + "journey --json");
    ASSERT_EQ(read.exit_code, 0) << read.err;
    EXPECT_EQ(read.out, RunCxmap(db + "journey --json").out);
    EXPECT_NE(read.err.find(from == 0 ? "] info: copied " : "] info: only new imports were written"),
              std::string::npos)
        << read.err;
  }
  for (const char* cmd :
       {"journey --by channel --json", "empathy --json", "stakeholders --json",
        "export --format json -o -", "export --view rejects --format csv -o -",
        "export --view drivers --format csv -o -", "query --limit 100000"}) {
    RunResult a = RunCxmap(db + cmd);
    RunResult b = RunCxmap(Store() + cmd);
    EXPECT_EQ(a.exit_code, 0) << cmd << ": " << a.err;
    EXPECT_NE(b.err.find("reusing it"), std::string::npos) << cmd << ": " << b.err;
    EXPECT_TRUE(a.out == b.out) << cmd << ": the added-to copy reads differently from SQLite";
  }
  const fs::path added = CurrentCopy(cache);
  ASSERT_TRUE(fs::exists(added)) << added;
  const fs::path whole_cache = dir_.path() / "whole";
  ::setenv("CXMAP_SNAPSHOT_CACHE", whole_cache.c_str(), 1);
  RunResult whole = RunCxmap(Store() + "journey --json");
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  EXPECT_NE(whole.err.find("] info: copied "), std::string::npos) << whole.err;
  const std::string expected = Contents(CurrentCopy(whole_cache)), got = Contents(added);
  EXPECT_GT(expected.size(), 10000u);
  EXPECT_TRUE(got == expected) << "the copy added to holds other rows than a whole copy";
  ::setenv("CXMAP_SNAPSHOT_CACHE", cache.c_str(), 1);

  // A row of an import the copy holds, written since: the next read copies
  // everything again, whichever table the row is in.
  for (const std::string& late :
       {std::string("INSERT INTO cxmap.rejected (import_id, file, line, reason, excerpt)"
                    " SELECT min(id), 'late.csv', 1, 'written late', '' FROM cxmap.imports"),
        std::string("INSERT INTO cxmap.analysis (unit, plugin, value_count, packed)"
                    " SELECT min(rowid), 'analysis_late', 0, '[]' FROM cxmap.units")}) {
    ASSERT_EQ(RunShell("psql -qAt " + Quote(url_) + " -c " + Quote(late)).exit_code, 0) << late;
    RunResult read = RunCxmap(Store() + "export --view rejects --format csv -o -");
    ASSERT_EQ(read.exit_code, 0) << read.err;
    EXPECT_NE(read.err.find("] info: copied "), std::string::npos) << late << "\n" << read.err;
  }
  EXPECT_NE(RunCxmap(Store() + "export --view rejects --format csv -o -").out.find("written late"),
            std::string::npos);
}

// A row changed in a subtransaction of a transaction that was running
// when the copy was made: its xmin is the subtransaction's, which the
// server's snapshot does not list among the running ones.
TEST_F(PgSnapshotCacheTest, AWriteInASubtransactionRunningDuringTheCopyIsSeen) {
  RunResult r = RunCxmap("--quiet " + Store() + "run --no-report " + Sample("survey_demo.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path go = dir_.path() / "go", done = dir_.path() / "done";
  // Holds its transaction open over the copy below, until `go`, then commits.
  RunShell("( { echo 'BEGIN; SAVEPOINT s;'"
           " 'UPDATE cxmap.imports SET finished_at = NULL WHERE id = 1; RELEASE s;';" +
           WaitFor(go) + " echo 'COMMIT;'; } | psql -qAt " + Quote(url_) + "; touch " +
           Quote(done.string()) + " ) >/dev/null 2>&1 &");
  ::sleep(1);
  // A transaction that starts later and ends before the copy: the running
  // one is then below the snapshot's xmax, its subtransaction unlisted.
  RunShell("psql -qAt " + Quote(admin_) + " -c 'CREATE TABLE IF NOT EXISTS busy (n int)'" +
           " -c 'INSERT INTO busy VALUES (1)'");
  RunResult during = RunCxmap(Store() + "journey --json");
  ASSERT_FALSE(fs::exists(done)) << "the transaction ended before the copy";
  ASSERT_EQ(during.exit_code, 0) << during.err;
  EXPECT_NE(during.err.find("] info: copied "), std::string::npos) << during.err;
  std::ofstream(go.string()) << "";
  for (int i = 0; i < 300 && !fs::exists(done); ++i) ::usleep(100 * 1000);
  ASSERT_TRUE(fs::exists(done));
  ASSERT_EQ(Sql("SELECT count(*) FROM cxmap.imports WHERE finished_at IS NULL"), 1);
  RunResult after = RunCxmap(Store() + "journey --json");
  EXPECT_NE(after.err.find("] info: copied "), std::string::npos)
      << "the copy made while the subtransaction ran was reused: " << after.err;
}

// The store written while an older transaction runs elsewhere on the
// server (a session left open): its rows' transactions lie between the
// snapshot's oldest running one and its newest ended one, and the mark
// lists them as ended, so the copy is still reused.
TEST_F(PgSnapshotCacheTest, ACopyIsReusedWhileAnOlderTransactionRunsElsewhere) {
  const fs::path go = dir_.path() / "go", done = dir_.path() / "done";
  RunShell("( { echo 'BEGIN; SELECT txid_current();';" + WaitFor(go) +
           " echo 'COMMIT;'; } | psql -qAt " + Quote(admin_) + "; touch " + Quote(done.string()) +
           " ) >/dev/null 2>&1 &");
  ::sleep(1);
  RunResult r = RunCxmap("--quiet " + Store() + "run --no-report " + Sample("survey_demo.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult first = RunCxmap(Store() + "journey --json");
  EXPECT_NE(first.err.find("] info: copied "), std::string::npos) << first.err;
  RunResult again = RunCxmap(Store() + "journey --json");
  ASSERT_FALSE(fs::exists(done)) << "the older transaction ended too soon for the test";
  EXPECT_NE(again.err.find("reusing it"), std::string::npos) << again.err;
  EXPECT_EQ(again.out, first.out);
  std::ofstream(go.string()) << "";
  for (int i = 0; i < 300 && !fs::exists(done); ++i) ::usleep(100 * 1000);
}

TEST_F(PgSnapshotCacheTest, OnlyItsOwnFilesArePrunedFromTheFolder) {
  const fs::path folder = dir_.path() / "shared";
  fs::create_directory(folder);
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(24 * 30);
  for (const char* name : {"feedback.db", "feedback.db-wal", "download.part", "notes.current"}) {
    std::ofstream(folder / name) << "not cxmap's";
    fs::last_write_time(folder / name, old);
  }
  RunResult r = RunCxmap("--quiet " + Store() + "run --no-report " + Sample("survey_demo.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult read = RunCxmapWith("env CXMAP_SNAPSHOT_CACHE=" + Quote(folder.string()),
                                Store() + "journey --json");
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_NE(read.err.find("] info: copied "), std::string::npos) << read.err;
  for (const char* name : {"feedback.db", "feedback.db-wal", "download.part", "notes.current"}) {
    EXPECT_TRUE(fs::exists(folder / name)) << name << " was removed";
  }
  // The kept copy is one sealed file: no log beside it, before or after a read.
  const auto copies = Copies(folder);
  ASSERT_EQ(copies.size(), 2u);  // feedback.db and the copy
  RunResult again = RunCxmapWith("env CXMAP_SNAPSHOT_CACHE=" + Quote(folder.string()),
                                 Store() + "journey --json");
  EXPECT_EQ(again.out, read.out);
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    EXPECT_FALSE(name.ends_with(".part") && name != "download.part") << name;
    EXPECT_FALSE(name.ends_with("-shm")) << name;
  }
}

// More ended transactions than the mark lists (a session left open while
// thousands of others wrote): the mark is "never", and every such copy must
// get a name of its own, or the next read would find the name taken and
// read the older, stale copy.
TEST_F(PgSnapshotCacheTest, CopiesWhoseSnapshotCannotBeMarkedAreNeverReadAgain) {
  const fs::path go = dir_.path() / "go", done = dir_.path() / "done";
  const std::string db = "--db " + Quote((dir_.path() / "cx.db").string()) + " ";
  RunShell("( { echo 'BEGIN; SELECT txid_current();';" + WaitFor(go) +
           " echo 'COMMIT;'; } | psql -qAt " + Quote(admin_) + "; touch " + Quote(done.string()) +
           " ) >/dev/null 2>&1 &");
  ::sleep(1);
  for (const std::string& store : {db, Store()}) {
    RunResult r = RunCxmap("--quiet " + store + "run --no-report " + Sample("survey_demo.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // 10,001 transactions that each leave a live row in a copied table (a
  // skipped-line note the maps do not read). One statement per psql -c:
  // COMMIT inside DO needs no enclosing transaction.
  // Without waiting for each commit's flush: the held-open session waits
  // for at most a minute.
  RunResult many = RunShell("PGOPTIONS='-c synchronous_commit=off' psql -qAt " + Quote(url_) +
                            " -c " +
                            Quote("DO $$ BEGIN FOR i IN 1..10001 LOOP INSERT INTO cxmap.skipped "
                                  "VALUES (1, 'padding', i, 'test'); COMMIT; END LOOP; END $$"));
  ASSERT_EQ(many.exit_code, 0) << many.err;
  RunResult first = RunCxmap(Store() + "journey --json");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, RunCxmap(db + "journey --json").out);
  for (const std::string& store : {db, Store()}) {
    RunResult r =
        RunCxmap("--quiet " + store + "run --no-report " + Sample("khao_sat_cua_hang.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult after = RunCxmap(Store() + "journey --json");
  ASSERT_FALSE(fs::exists(done)) << "the older transaction ended too soon for the test";
  EXPECT_NE(after.err.find("] info: copied "), std::string::npos) << after.err;
  EXPECT_NE(after.out, first.out);
  EXPECT_EQ(after.out, RunCxmap(db + "journey --json").out) << "a stale copy was read";
  std::ofstream(go.string()) << "";
  for (int i = 0; i < 300 && !fs::exists(done); ++i) ::usleep(100 * 1000);
}

// What the prune removes, by age (the file's last write: a reused copy is
// touched): an older copy of the same store once unused for 10 minutes,
// and a copy of any store once unused for 7 days; never a copy used in the
// last minutes, which another command may be opening.
TEST_F(PgSnapshotCacheTest, OlderCopiesOfTheStoreAndCopiesUnusedForAWeekArePruned) {
  const fs::path cache = dir_.path() / "snapshots";
  RunResult r = RunCxmap("--quiet " + Store() + "run --no-report " + Sample("survey_demo.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(RunCxmap(Store() + "journey --json").exit_code, 0);
  const auto first = Copies(cache);
  ASSERT_EQ(first.size(), 1u);
  const std::string url_key = first[0].first.substr(0, 12);
  const std::string other_url = url_key == "aaaaaaaaaaaa" ? "bbbbbbbbbbbb" : "aaaaaaaaaaaa";
  const auto now = fs::file_time_type::clock::now();
  auto plant = [&](const std::string& name, std::chrono::minutes age) {
    std::ofstream(cache / name) << "a copy";
    fs::last_write_time(cache / name, now - age);
  };
  using std::chrono::minutes;
  const minutes week(7 * 24 * 60);
  // Another store's copies: removed after a week unused, kept before.
  plant(other_url + "-111111111111-1111111111111111.db", week + minutes(60));
  plant(other_url + "-222222222222-2222222222222222.db", minutes(24 * 60));
  // This store: an older copy just used (grace), one left half-written.
  plant(url_key + "-333333333333-3333333333333333.db", minutes(1));
  plant(url_key + "-333333333333.current.Ab12Cd.part", minutes(11));
  // The first copy, unused for 11 minutes.
  fs::last_write_time(cache / first[0].first, now - minutes(11));

  r = RunCxmap("--quiet " + Store() + "run --no-report " + Sample("khao_sat_cua_hang.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult read = RunCxmap(Store() + "journey --json");
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_NE(read.err.find("] info: only new imports"), std::string::npos) << read.err;

  EXPECT_FALSE(fs::exists(cache / first[0].first)) << "the older copy of the store stayed";
  EXPECT_FALSE(fs::exists(cache / (other_url + "-111111111111-1111111111111111.db")))
      << "a copy unused for a week stayed";
  EXPECT_FALSE(fs::exists(cache / (url_key + "-333333333333.current.Ab12Cd.part")))
      << "a half-written file stayed";
  EXPECT_TRUE(fs::exists(cache / (other_url + "-222222222222-2222222222222222.db")))
      << "another store's copy, used yesterday, was removed";
  EXPECT_TRUE(fs::exists(cache / (url_key + "-333333333333-3333333333333333.db")))
      << "a copy used a minute ago was removed";
  const auto after = Copies(cache);
  EXPECT_EQ(after.size(), 3u);  // the new copy, yesterday's, the one in its grace
  RunResult again = RunCxmap(Store() + "journey --json");
  EXPECT_EQ(again.out, read.out);
  EXPECT_NE(again.err.find("reusing it"), std::string::npos) << "the new copy was pruned";
}

TEST_F(PgSnapshotCacheTest, AFolderOpenToOthersIsNotUsedAndTheCommandStillAnswers) {
  RunResult r = RunCxmap("--quiet " + Store() + "run --no-report " + Sample("survey_demo.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path open = dir_.path() / "open";
  fs::create_directory(open);
  fs::permissions(open, fs::perms::all);
  RunResult reference = RunCxmapWith("env CXMAP_SNAPSHOT_CACHE=off", Store() + "journey --json");
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  EXPECT_FALSE(fs::exists(dir_.path() / "snapshots")) << "off keeps no copy";

  RunResult refused =
      RunCxmapWith("env CXMAP_SNAPSHOT_CACHE=" + Quote(open.string()), Store() + "journey --json");
  EXPECT_EQ(refused.exit_code, 0) << refused.err;
  EXPECT_EQ(refused.out, reference.out);
  EXPECT_NE(refused.err.find("not private to this user"), std::string::npos) << refused.err;
  EXPECT_TRUE(Copies(open).empty()) << "a copy was left where others can read it";
}

}  // namespace
}  // namespace cxmap::testing
