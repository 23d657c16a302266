// SPDX-License-Identifier: Apache-2.0
#include "core/storage/sqlite_db.h"

#include <gtest/gtest.h>

#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::TempDir;

std::unique_ptr<SqliteDb> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path, 1000);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(db).value();
}

TEST(SqliteDb, BadSqlBecomesStatusWithSqliteMessage) {
  auto db = OpenOrDie(":memory:");
  Result<Statement> stmt = db->Prepare("SELEKT 1");
  ASSERT_FALSE(stmt.ok());
  EXPECT_EQ(stmt.status().code(), Code::kInternal);
  EXPECT_NE(stmt.status().message().find("syntax error"), std::string::npos)
      << stmt.status().message();
  EXPECT_NE(stmt.status().message().find("SELEKT 1"), std::string::npos);
}

TEST(SqliteDb, ConstraintViolationIsInvalidArgumentNamingTheStatement) {
  auto db = OpenOrDie(":memory:");
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x INTEGER NOT NULL UNIQUE)", "create").ok());
  Result<Statement> insert = db->Prepare("INSERT INTO t (x) VALUES (?1)");
  ASSERT_TRUE(insert.ok());
  insert->BindInt(1, 7);
  ASSERT_TRUE(insert->Run().ok());
  insert->BindInt(1, 7);
  Status s = insert->Run();
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("UNIQUE constraint failed"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("INSERT INTO t"), std::string::npos) << s.message();
  // The statement is reusable after the failure.
  insert->BindInt(1, 8);
  EXPECT_TRUE(insert->Run().ok());
}

TEST(SqliteDb, BindOutOfRangeIsReportedByStep) {
  auto db = OpenOrDie(":memory:");
  Result<Statement> stmt = db->Prepare("SELECT ?1");
  ASSERT_TRUE(stmt.ok());
  stmt->BindInt(5, 1);
  Result<bool> row = stmt->Step();
  ASSERT_FALSE(row.ok());
  EXPECT_NE(row.status().message().find("parameter 5"), std::string::npos)
      << row.status().message();
}

TEST(SqliteDb, OptionalBindsStoreNullAndEmptyTextStaysEmpty) {
  auto db = OpenOrDie(":memory:");
  Result<Statement> stmt = db->Prepare("SELECT ?1, ?2, ?3, typeof(?3), ?4");
  ASSERT_TRUE(stmt.ok());
  stmt->BindOptionalDouble(1, std::nullopt);
  stmt->BindOptionalInt(2, std::nullopt);
  stmt->BindTextNoCopy(3, std::string_view());
  stmt->BindOptionalDouble(4, 0.0);
  Result<bool> row = stmt->Step();
  ASSERT_TRUE(row.ok() && row.value());
  EXPECT_FALSE(stmt->ColumnOptionalDouble(0).has_value());
  EXPECT_FALSE(stmt->ColumnOptionalInt(1).has_value());
  EXPECT_EQ(stmt->ColumnText(3), "text");
  ASSERT_TRUE(stmt->ColumnOptionalDouble(4).has_value());
  EXPECT_EQ(*stmt->ColumnOptionalDouble(4), 0.0);
}

TEST(SqliteDb, TransactionRollsBackUnlessCommitted) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x INTEGER)", "create").ok());
  {
    Transaction txn(db.get());
    ASSERT_TRUE(txn.Begin().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)", "insert").ok());
  }  // destroyed without Commit()
  EXPECT_EQ(db->QueryInt("SELECT count(*) FROM t", "count").value(), 0);
  EXPECT_FALSE(db->InTransaction());
  {
    Transaction txn(db.get());
    ASSERT_TRUE(txn.Begin().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (2)", "insert").ok());
    ASSERT_TRUE(txn.Commit().ok());
  }
  EXPECT_EQ(db->QueryInt("SELECT count(*) FROM t", "count").value(), 1);
}

TEST(SqliteDb, OpenFailureIsIoError) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open("/nonexistent-dir/x/y.db", 100);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kIoError);
  EXPECT_NE(db.status().message().find("/nonexistent-dir/x/y.db"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::core
