// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migrations.h"

#include <gtest/gtest.h>

#include "core/storage/store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::RawDb;
using testing::TempDir;

TEST(Migrations, CreatesTheSchemaInAnEmptyFile) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(raw.Int("PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  for (const char* table : {"imports", "records", "results", "analyses", "rejected"}) {
    EXPECT_EQ(raw.Int(std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                  " AND name = '") + table + "'"),
              1)
        << table;
  }
}

TEST(Migrations, ReopenKeepsDataAndVersion) {
  TempDir dir;
  const std::string path = dir.File("re.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
    auto handle = (*store)->BeginImport(testing::MakeRequest("abc"));
    ASSERT_TRUE(handle.ok());
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->imports, 1u);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), LatestSchemaVersion());
}

TEST(Migrations, ConnectionSettingsAreApplied) {
  TempDir dir;
  auto db = SqliteDb::Open(dir.File("s.db"), 1000);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(ConfigureConnection(**db).ok());
  EXPECT_EQ((*db)->QueryInt("PRAGMA foreign_keys", "fk").value(), 1);
  EXPECT_EQ((*db)->QueryInt("PRAGMA synchronous", "sync").value(), 1);  // NORMAL
}

TEST(Migrations, RefusesANewerSchema) {
  TempDir dir;
  const std::string path = dir.File("future.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
  }
  {
    RawDb raw(path);
    ASSERT_TRUE(raw.Exec("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1)));
  }
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kNotSupported);
  EXPECT_NE(store.status().message().find("newer cxmap"), std::string::npos)
      << store.status().message();
}

TEST(Migrations, RefusesAnotherApplicationsDatabase) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  {
    RawDb raw(path);
    ASSERT_TRUE(raw.Exec("CREATE TABLE customers (name TEXT)"));
  }
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kInvalidArgument);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'records'"), 0);
}

TEST(Migrations, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  const std::string path = dir.File("junk.db");
  {
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::string junk(8192, 'x');
    fwrite(junk.data(), 1, junk.size(), f);
    fclose(f);
  }
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kCorruption) << store.status().ToString();
}

TEST(Migrations, SchemaRejectsTextInAScoreColumn) {
  // STRICT tables: a '' can never end up in a score column.
  TempDir dir;
  const std::string path = dir.File("strict.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
  }
  RawDb raw(path);
  ASSERT_TRUE(raw.Exec("INSERT INTO imports (path, sha256, size, source_plugin, format,"
                       " started_at) VALUES ('p', 's', 1, 'x', 'csv', 0)"));
  EXPECT_FALSE(raw.Exec("INSERT INTO records (id, source, import_id, external_id, channel,"
                        " sub_channel, language, text, respondent, segment, nps, file, line,"
                        " record_number) VALUES ('r', 's', 1, '', 'survey', '', 'en', '', '',"
                        " '', '', 'f', 1, 1)"));
}

}  // namespace
}  // namespace cxmap::core
