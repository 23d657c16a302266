// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL server the tests use: the throw-away cluster scripts/test.sh
// starts (scripts/pg_cluster.sh) and names in CXMAP_TEST_PG. Shared by the
// store's unit tests and the CLI tests; each test makes a database of its own.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <string_view>

namespace cxmap::pgtest {

inline constexpr const char* kNoServer =
    "no PostgreSQL test server: scripts/test.sh starts one with scripts/pg_cluster.sh when "
    "PostgreSQL is installed (or set CXMAP_TEST_PG)";

/// The server's URL (its `postgres` database), or "" when there is none.
inline std::string ServerUrl() {
  const char* url = std::getenv("CXMAP_TEST_PG");
  return url == nullptr ? std::string() : std::string(url);
}

/// A database name no other test of any process uses: prefix, pid, count.
inline std::string UniqueDatabaseName(std::string_view prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

/// `url` (postgresql:///DB?host=…) naming database `name` instead.
inline std::string WithDatabase(const std::string& url, const std::string& name) {
  const size_t query = url.find('?');
  const size_t slash = url.rfind('/', query);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace cxmap::pgtest
