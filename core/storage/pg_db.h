// SPDX-License-Identifier: Apache-2.0
// A thin RAII layer over libpq for the PostgreSQL store: one connection,
// parameterised queries, transactions and binary COPY. The PostgreSQL
// counterpart of sqlite_db.h: the only place where libpq results become
// cxmap::Status, and nothing else in the core calls PQ*.
//
// Values only ever travel as parameters ($1, $2, ...) or as COPY data,
// never inside SQL text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

struct pg_conn;
struct pg_result;

namespace cxmap::core {

/// `v` with every U+0000 replaced by U+FFFD: PostgreSQL text cannot hold
/// NUL. Text parameters and COPY text go through it.
std::string WithoutNul(std::string_view v);

/// Parameters of one query, in $1.. order. Text is copied (PQexecParams
/// wants NUL-terminated strings); numbers travel as their text, typed, so
/// the server never has to guess from context.
class PgParams {
 public:
  PgParams& Int(int64_t v);
  PgParams& Double(double v);
  PgParams& Text(std::string_view v);
  PgParams& Null();
  PgParams& OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }
  PgParams& OptDouble(const std::optional<double>& v) { return v ? Double(*v) : Null(); }
  /// A text[] parameter (for `= ANY($n)`), written as an array literal.
  PgParams& TextArray(const std::vector<std::string>& v);

  int size() const { return static_cast<int>(values_.size()); }

 private:
  friend class PgDb;
  PgParams& Add(std::string value, unsigned int type, bool null);

  std::vector<std::string> values_;
  std::vector<char> nulls_;
  std::vector<unsigned int> types_;  // Oid
};

/// The rows of one query. Move-only; frees the PGresult.
class PgRows {
 public:
  PgRows() = default;
  explicit PgRows(pg_result* r) : result_(r) {}
  PgRows(PgRows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgRows& operator=(PgRows&& other) noexcept;
  PgRows(const PgRows&) = delete;
  PgRows& operator=(const PgRows&) = delete;
  ~PgRows();

  int rows() const;
  /// Rows an INSERT/UPDATE/DELETE changed (PQcmdTuples).
  int64_t changed() const;
  bool IsNull(int row, int col) const;
  /// Valid while this object lives; empty for NULL.
  std::string_view Text(int row, int col) const;
  int64_t Int(int row, int col) const;
  double Double(int row, int col) const;
  std::optional<int64_t> OptInt(int row, int col) const;
  std::optional<double> OptDouble(int row, int col) const;

 private:
  pg_result* result_ = nullptr;
};

class PgCopy;

/// One connection. Used by one thread at a time.
class PgDb {
 public:
  /// Connects with `conninfo` (a postgresql:// URL or key=value string).
  /// `display` names the server in messages (the URL without password).
  static Result<std::unique_ptr<PgDb>> Open(const std::string& conninfo, std::string display);

  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;
  ~PgDb();

  /// Runs SQL without parameters (schema; may hold several statements).
  /// Never pass data here: data goes through PgParams.
  Status Exec(std::string_view sql, std::string_view what);
  /// Runs one statement with parameters and returns its rows.
  Result<PgRows> Query(std::string_view sql, const PgParams& params, std::string_view what);
  Result<PgRows> Query(std::string_view sql, std::string_view what) {
    return Query(sql, PgParams(), what);
  }
  /// A query that yields one integer (NULL reads as 0).
  Result<int64_t> QueryInt(std::string_view sql, const PgParams& params, std::string_view what);

  /// Starts `COPY table (columns) FROM STDIN (FORMAT binary)`; rows are
  /// added to the returned writer and sent by PgCopy::Finish().
  Result<std::unique_ptr<PgCopy>> CopyIn(std::string_view table, std::string_view columns,
                                         int column_count);

  const std::string& display() const { return display_; }
  /// True when the last failed statement lost a deadlock or a serialisation
  /// conflict (SQLSTATE 40P01, 40001): the server rolled it back, and the
  /// same transaction run again may well succeed.
  bool LastFailureWasConflict() const { return last_state_ == "40P01" || last_state_ == "40001"; }
  void ForgetLastFailure() { last_state_.clear(); }
  /// The server's major version (e.g. 15).
  int ServerMajorVersion() const;

 private:
  friend class PgCopy;
  PgDb(pg_conn* conn, std::string display) : conn_(conn), display_(std::move(display)) {}
  /// Ok, or an error naming `what`, the server and the server's message.
  Status Check(pg_result* r, std::string_view what) const;

  pg_conn* conn_;
  std::string display_;
  mutable std::string last_state_;  ///< SQLSTATE of the last failure
};

/// The rows of one binary COPY, buffered and sent in Finish(). Each row is
/// BeginRow() followed by exactly `column_count` values, in column order;
/// the types must be the columns' (Int8 for bigint, Int4 for integer,
/// Float8 for double precision, Text for text).
class PgCopy {
 public:
  void BeginRow();
  void Int8(int64_t v);
  void Int4(int32_t v);
  void Float8(double v);
  void Text(std::string_view v);
  void Null();
  void OptInt8(const std::optional<int64_t>& v) { v ? Int8(*v) : Null(); }
  void OptFloat8(const std::optional<double>& v) { v ? Float8(*v) : Null(); }
  /// Sends the rows and ends the COPY; the rows are in the table once this
  /// returns Ok (inside the caller's transaction).
  Status Finish();
  size_t rows() const { return rows_; }

 private:
  friend class PgDb;
  PgCopy(PgDb* db, std::string what, int column_count);
  void Put16(uint16_t v);
  void Put32(uint32_t v);
  void Put64(uint64_t v);

  PgDb* db_;
  std::string what_;
  int column_count_;
  std::string buffer_;
  size_t rows_ = 0;
  bool finished_ = false;
};

/// A transaction on `db`; rolls back on destruction unless committed.
class PgTransaction {
 public:
  explicit PgTransaction(PgDb* db) : db_(db) {}
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  ~PgTransaction() { Rollback(); }

  Status Begin() {
    Status s = db_->Exec("BEGIN", "starting a transaction");
    active_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = db_->Exec("COMMIT", "committing");
    active_ = false;
    return s;
  }
  void Rollback() {
    if (active_) (void)db_->Exec("ROLLBACK", "rolling back");
    active_ = false;
  }

 private:
  PgDb* db_;
  bool active_ = false;
};

}  // namespace cxmap::core
