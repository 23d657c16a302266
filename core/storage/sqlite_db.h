// SPDX-License-Identifier: Apache-2.0
// A thin RAII layer over the SQLite C API: one connection, prepared
// statements and transactions. This is the only place where SQLite result
// codes become cxmap::Status; nothing else in the core calls sqlite3_*.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cxmap/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cxmap::core {

class SqliteDb;

/// A prepared statement. Values are only ever bound as parameters (1-based
/// indexes, as in SQLite); SQL text is never built from data. Bind errors are
/// sticky: the first one is reported by the next Step()/Run(). Move-only; must
/// not outlive the SqliteDb that prepared it. Not thread-safe (neither is the
/// connection).
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindNull(int index);
  /// Copies `value` into SQLite (safe for temporaries).
  void BindText(int index, std::string_view value);
  /// Does not copy: `value` must stay valid and unchanged until Reset().
  /// For the hot path, where the batch owns the bytes.
  void BindTextNoCopy(int index, std::string_view value);
  /// Binds bytes as a BLOB without copying; `value` must outlive the step.
  void BindBlobNoCopy(int index, std::string_view value);
  /// NULL when `value` is empty, so absent numbers never become 0.
  void BindOptionalDouble(int index, const std::optional<double>& value);
  void BindOptionalInt(int index, const std::optional<int64_t>& value);

  /// Advances: true when a row is available, false when done. The statement
  /// is NOT reset; call Reset() (or Run()) before reusing it.
  Result<bool> Step();
  /// Steps until done (discarding rows), then resets and clears bindings.
  Status Run();
  /// Resets the statement and clears its bindings (keeps it prepared).
  void Reset();

  /// Column accessors for the current row (0-based, as in SQLite).
  bool ColumnIsNull(int col) const;
  int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  /// Valid until the next Step()/Reset(); empty for NULL.
  std::string_view ColumnText(int col) const;
  /// A BLOB (or any value's bytes), valid until the next step.
  std::string_view ColumnBlob(int col) const;
  std::optional<double> ColumnOptionalDouble(int col) const;
  std::optional<int64_t> ColumnOptionalInt(int col) const;
  /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int ColumnType(int col) const;

  /// The SQL this statement was prepared from (for messages).
  std::string_view sql() const;

 private:
  friend class SqliteDb;
  Statement(SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void NoteBind(int rc, int index);

  SqliteDb* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0;  // first failing sqlite3_bind_* code, 0 when none
  int bind_error_index_ = 0;
};

/// One SQLite connection. Owns the handle and closes it on destruction
/// (every Statement of it must be destroyed first). Used by one thread at a
/// time.
class SqliteDb {
 public:
  enum class Mode {
    kReadWrite,  ///< read and write; the file is created when missing
    kReadOnly,   ///< never writes; a WAL database needs its -shm file or a writable folder
    kImmutable,  ///< never writes nor locks (SQLite `immutable=1`): for a file nobody can change
  };

  /// Opens `path` (":memory:" allowed) in `mode` with extended result
  /// codes and a busy timeout of `busy_timeout_ms`. IoError when the file
  /// cannot be opened.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int busy_timeout_ms,
                                                Mode mode = Mode::kReadWrite);

  /// True when this connection cannot write (opened read-only, or the
  /// file is not writable for this process).
  bool ReadOnly() const;

  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  /// Prepares one statement (kept for reuse: SQLITE_PREPARE_PERSISTENT).
  Result<Statement> Prepare(std::string_view sql);
  /// Runs SQL without parameters (schema, pragmas); may hold several
  /// statements. Never pass data here: data goes through Statement binds.
  Status Exec(const char* sql, std::string_view what);
  /// Runs a query that yields one integer (e.g. "PRAGMA user_version").
  Result<int64_t> QueryInt(const char* sql, std::string_view what);

  /// Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int64_t Changes() const;
  /// Rowid of the last successful INSERT on this connection.
  int64_t LastInsertRowid() const;
  /// True while a transaction is open.
  bool InTransaction() const;

  /// Converts a SQLite result code into a Status: Ok for SQLITE_OK,
  /// SQLITE_ROW and SQLITE_DONE; otherwise a code-specific Status whose
  /// message names `what`, the SQLite message and the code. The single
  /// place where SQLite errors are converted.
  Status Check(int rc, std::string_view what) const;

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
};

/// A write transaction (BEGIN IMMEDIATE, so the write lock is taken at once
/// and a busy database waits for the busy timeout rather than failing at the
/// first write). Rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(SqliteDb* db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status Begin();
  Status Commit();
  /// Explicit rollback; a no-op when not active.
  void Rollback();

 private:
  SqliteDb* db_;
  bool active_ = false;
};

}  // namespace cxmap::core
