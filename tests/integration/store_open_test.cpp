// SPDX-License-Identifier: Apache-2.0
// Opening the database through the real binary (issue 18): another
// program's SQLite file and a newer cxmap schema are refused before a byte
// of them changes; a read-only database serves every read command.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

std::string Sample() { return Quote(std::string(SAMPLES_DIR) + "/survey_demo.csv"); }

bool Exec(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  bool ok = sqlite3_open(db.c_str(), &h) == SQLITE_OK &&
            sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(h);
  return ok;
}

std::string IntegrityCheck(const std::string& db) {
  sqlite3* h = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

// Every command that opens the database, read and write.
std::vector<std::string> EveryCommand(const std::string& db) {
  const std::string d = "--db " + Quote(db) + " ";
  return {d + "status",
          d + "status --json",
          d + "query --where 'nps >= 9'",
          d + "journey",
          d + "import " + Sample(),
          d + "run --no-report " + Sample(),
          d + "analyze",
          d + "export --format json -o -"};
}

void ExpectRefusedUntouched(const std::string& db, const std::string& why) {
  const std::string before = ReadFile(db);
  ASSERT_FALSE(before.empty());
  for (const std::string& args : EveryCommand(db)) {
    RunResult r = RunCxmap("-q " + args);
    EXPECT_EQ(r.exit_code, 3) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(why), std::string::npos) << args << "\n" << r.err;
    EXPECT_TRUE(ReadFile(db) == before) << args << ": the file changed";
    EXPECT_FALSE(fs::exists(db + "-wal")) << args << ": a WAL file was made";
  }
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

TEST(StoreOpen, AnotherProgramsSqliteFileIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  const std::string db = dir / "crm.db";
  ASSERT_TRUE(Exec(db, "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('An');"));
  ExpectRefusedUntouched(db, "cxmap did not create");

  const std::string other = dir / "other.db";
  ASSERT_TRUE(Exec(other, "PRAGMA application_id = 1234; CREATE TABLE t (x);"));
  ExpectRefusedUntouched(other, "another application");
}

TEST(StoreOpen, ANewerSchemaIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  const std::string db = dir / "future.db";
  ASSERT_EQ(RunCxmap("-q --db " + Quote(db) + " import " + Sample()).exit_code, 0);
  // As a newer cxmap might leave it, in rollback-journal mode so that a
  // switch to WAL would show in the file's header.
  ASSERT_TRUE(Exec(db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;"));
  ASSERT_FALSE(fs::exists(db + "-wal"));
  ExpectRefusedUntouched(db, "use a newer cxmap");
}

TEST(StoreOpen, AReadOnlyDatabaseServesEveryReadCommandAndAWriteSaysWhy) {
  TempDir dir;
  fs::create_directory(dir / "ro");
  const std::string db = dir / "ro/cx.db";
  ASSERT_EQ(RunCxmap("-q --db " + Quote(db) + " run --no-report " + Sample()).exit_code, 0);
  ASSERT_FALSE(fs::exists(db + "-wal")) << "cxmap checkpoints on close";
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec |
                                  fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  TempDir out;  // where the report and the export may go
  fs::permissions(out.path(), fs::perms::all);
  // Root writes whatever the modes say: run as nobody to see them.
  std::string as;
  if (::geteuid() == 0) {
    if (std::system("setpriv --version >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "root without setpriv";
    as = "setpriv --reuid=65534 --regid=65534 --clear-groups";
  }
  const std::string before = ReadFile(db);
  const std::string d = "-q --db " + Quote(db) + " ";
  std::vector<std::string> commands = {
      d + "status", d + "status --json", d + "status --rejects",
      d + "query --where 'nps >= 9' --count", d + "query --where 'lang = vi' --jsonl",
      d + "journey", d + "journey --json --by segment", d + "empathy", d + "stakeholders --json",
      d + "export --format csv -o -", d + "export -o " + Quote(out / "x.xlsx")};
  for (const std::string& args : commands) {
    RunResult r = RunCxmapWith(as, args);
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    EXPECT_FALSE(r.out.empty() && r.err.find("cannot") != std::string::npos) << args << "\n"
                                                                             << r.err;
  }
  // The report reads its template from the build tree, which a clone in a
  // private folder (mktemp -d: 0700) hides from nobody: then it must fail
  // with a clear error (exit 3), never abort; when the template is readable
  // it must be written.
  const std::string tpl = std::string(TEST_DATA_DIR) + "/../../core/report/templates/report.html.tpl";
  const bool tree_readable = as.empty() || std::system((as + " test -r " + Quote(tpl)).c_str()) == 0;
  RunResult report = RunCxmapWith(as, d + "report -o " + Quote(out / "r.html"));
  if (report.exit_code == 0) {
    EXPECT_GT(fs::file_size(out / "r.html"), 1000u);
  } else {
    EXPECT_FALSE(tree_readable) << report.err;
    EXPECT_EQ(report.exit_code, 3) << report.err;
    EXPECT_NE(report.err.find("report template"), std::string::npos) << report.err;
  }
  EXPECT_GT(fs::file_size(out / "x.xlsx"), 1000u);
  RunResult status = RunCxmapWith(as, d + "status --json");
  EXPECT_NE(status.out.find("\"responses\""), std::string::npos) << status.out;

  for (const std::string& args : {d + "import " + Sample(), d + "analyze"}) {
    RunResult w = RunCxmapWith(as, args);
    EXPECT_EQ(w.exit_code, 3) << args << "\n" << w.err;
    EXPECT_NE(w.err.find("read-only"), std::string::npos) << args << "\n" << w.err;
  }
  EXPECT_TRUE(ReadFile(db) == before) << "a read command changed the file";
  EXPECT_FALSE(fs::exists(db + "-wal"));
  EXPECT_EQ(IntegrityCheck(db), "ok");
  fs::permissions(dir / "ro", fs::perms::owner_all);  // so TempDir can clean up
}

}  // namespace
}  // namespace cxmap::testing
