// SPDX-License-Identifier: Apache-2.0
// Where the store lives: a SQLite file (the embedded default) or a
// PostgreSQL server, chosen by `--store`, `--db`, CXMAP_STORE or the
// config file's `store =` / `db =`.
#pragma once

#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::core {

struct StoreLocation {
  enum class Kind { kSqlite, kPostgres };
  Kind kind = Kind::kSqlite;
  /// kSqlite: the database file. kPostgres: the libpq connection string
  /// (the URL as given, password included).
  std::string target;
  /// For messages and `status`: the file, or the URL with any password
  /// replaced by "***".
  std::string display;

  bool postgres() const { return kind == Kind::kPostgres; }
};

/// Reads a store location:
///   postgresql://… or postgres://…  a PostgreSQL server (libpq's URL form);
///   sqlite:PATH                      a SQLite file;
///   anything else without "://"      a SQLite file path.
/// InvalidArgument for an empty location or another scheme.
Result<StoreLocation> ParseStoreLocation(std::string_view text);

/// `url` with the password of its user info and any `password=` parameter
/// replaced by "***".
std::string RedactStoreUrl(std::string_view url);

}  // namespace cxmap::core
