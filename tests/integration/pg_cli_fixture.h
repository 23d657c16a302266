// SPDX-License-Identifier: Apache-2.0
// A database of its own on the PostgreSQL test server for each test that
// runs the real binary (scripts/test.sh starts the server; CXMAP_TEST_PG
// names it). Without a server the test skips with the reason.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "cli_runner.h"
#include "tests/pg_test_server.h"

namespace cxmap::testing {

class PgCliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = pgtest::ServerUrl();
    if (admin_.empty()) GTEST_SKIP() << pgtest::kNoServer;
    name_ = pgtest::UniqueDatabaseName("cxmap_cli");
    RunResult made =
        RunShell("psql -qAt " + Quote(admin_) + " -c " + Quote("CREATE DATABASE " + name_));
    ASSERT_EQ(made.exit_code, 0) << made.err;
    url_ = pgtest::WithDatabase(admin_, name_);
    // Read commands keep their snapshot copies here, not in the user's
    // ~/.cache (core/app/snapshot_cache.h); the folder dies with the test.
    ::setenv("CXMAP_SNAPSHOT_CACHE", (dir_.path() / "snapshots").c_str(), 1);
  }
  void TearDown() override {
    if (!name_.empty()) {
      RunShell("psql -qAt " + Quote(admin_) + " -c " +
               Quote("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"));
    }
  }
  /// `--store URL ` for the test's database.
  std::string Store() const { return "--store " + Quote(url_) + " "; }
  /// One integer from the test's database (-1 on error).
  int64_t Sql(const std::string& sql) {
    RunResult r = RunShell("psql -qAt " + Quote(url_) + " -c " + Quote(sql));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 && !r.out.empty() ? std::stoll(r.out) : -1;
  }

  std::string admin_, name_, url_;
  TempDir dir_;
};

}  // namespace cxmap::testing
