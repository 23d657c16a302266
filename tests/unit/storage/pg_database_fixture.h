// SPDX-License-Identifier: Apache-2.0
// A database of its own on the PostgreSQL test server for each storage
// test (scripts/test.sh starts the server; CXMAP_TEST_PG names it). Without
// a server the test skips with the reason.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/storage/pg_db.h"
#include "core/storage/store_location.h"
#include "tests/pg_test_server.h"

namespace cxmap::core {

class PgDatabaseFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_url_ = pgtest::ServerUrl();
    if (admin_url_.empty()) GTEST_SKIP() << pgtest::kNoServer;
    name_ = pgtest::UniqueDatabaseName("cxmap_t");
    auto admin = PgDb::Open(admin_url_, "admin");
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    ASSERT_TRUE((*admin)->Exec("DROP DATABASE IF EXISTS " + name_, "dropping").ok());
    ASSERT_TRUE((*admin)->Exec("CREATE DATABASE " + name_, "creating").ok());
    auto loc = ParseStoreLocation(pgtest::WithDatabase(admin_url_, name_));
    ASSERT_TRUE(loc.ok()) << loc.status().message();
    location_ = *loc;
  }
  void TearDown() override {
    if (name_.empty()) return;
    auto admin = PgDb::Open(admin_url_, "admin");
    if (admin.ok())
      (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", "dropping");
  }
  /// One integer from the test's database, on a connection of its own.
  int64_t Count(const std::string& sql) {
    auto db = PgDb::Open(location_.target, "check");
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return -1;
    auto n = (*db)->QueryInt(sql, PgParams(), "checking");
    EXPECT_TRUE(n.ok()) << n.status().message();
    return n.ok() ? *n : -1;
  }

  std::string admin_url_, name_;
  StoreLocation location_;
};

}  // namespace cxmap::core
