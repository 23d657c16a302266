// SPDX-License-Identifier: Apache-2.0
#include "core/storage/sqlite_db.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include <mutex>
#include <utility>

namespace cxmap::core {

namespace {

// The closed Status set is coarse on purpose; this mapping decides which
// SQLite failures are the caller's fault, the disk's, or the file's.
Code CodeFor(int rc) {
  switch (rc & 0xff) {  // primary code of an extended result code
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Code::kCorruption;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return Code::kIoError;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return Code::kInvalidArgument;
    case SQLITE_INTERRUPT:
      return Code::kCancelled;
    default:
      return Code::kInternal;
  }
}

// A statement's SQL in a message: its start is enough to tell which one it
// was; a generated query (a long --where) can be tens of kilobytes.
std::string ShortSql(std::string_view sql) {
  constexpr size_t kMax = 160;
  if (sql.size() <= kMax) return std::string(sql);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(sql[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("{}… ({} bytes)", sql.substr(0, cut), sql.size());
}

}  // namespace

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(other.bind_error_),
      bind_error_index_(other.bind_error_index_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
    bind_error_index_ = other.bind_error_index_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::NoteBind(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_ == 0) {
    bind_error_ = rc;
    bind_error_index_ = index;
  }
}

void Statement::BindInt(int index, int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value), index);
}

void Statement::BindDouble(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_, index, value), index);
}

void Statement::BindNull(int index) { NoteBind(sqlite3_bind_null(stmt_, index), index); }

void Statement::BindText(int index, std::string_view value) {
  NoteBind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8),
           index);
}

void Statement::BindTextNoCopy(int index, std::string_view value) {
  // A null data pointer would bind NULL; an empty string must stay ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  NoteBind(sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8),
           index);
}

void Statement::BindOptionalDouble(int index, const std::optional<double>& value) {
  if (value) {
    BindDouble(index, *value);
  } else {
    BindNull(index);
  }
}

void Statement::BindOptionalInt(int index, const std::optional<int64_t>& value) {
  if (value) {
    BindInt(index, *value);
  } else {
    BindNull(index);
  }
}

Result<bool> Statement::Step() {
  if (bind_error_ != 0) {
    Status s = db_->Check(bind_error_, fmt::format("binding parameter {} of \"{}\"",
                                                   bind_error_index_, ShortSql(sql())));
    bind_error_ = 0;
    return s;
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = db_->Check(rc, fmt::format("running \"{}\"", ShortSql(sql())));
  sqlite3_reset(stmt_);
  return s;
}

Status Statement::Run() {
  Result<bool> row = Step();
  while (row.ok() && row.value()) row = Step();
  Reset();
  return row.status();
}

void Statement::Reset() {
  // sqlite3_reset repeats the last step's error code, which Step() has
  // already reported; only the statement's state matters here.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = 0;
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

int64_t Statement::ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::ColumnDouble(int col) const { return sqlite3_column_double(stmt_, col); }

void Statement::BindBlobNoCopy(int index, std::string_view value) {
  // A zero-length blob must stay a blob, not NULL: bind a valid pointer.
  const char* data = value.data() != nullptr ? value.data() : "";
  NoteBind(sqlite3_bind_blob64(stmt_, index, data, value.size(), SQLITE_STATIC), index);
}

std::string_view Statement::ColumnBlob(int col) const {
  const void* blob = sqlite3_column_blob(stmt_, col);
  if (blob == nullptr) return {};
  return {static_cast<const char*>(blob), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string_view Statement::ColumnText(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::optional<double> Statement::ColumnOptionalDouble(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnDouble(col);
}

std::optional<int64_t> Statement::ColumnOptionalInt(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnInt(col);
}

int Statement::ColumnType(int col) const { return sqlite3_column_type(stmt_, col); }

std::string_view Statement::sql() const {
  const char* s = stmt_ != nullptr ? sqlite3_sql(stmt_) : nullptr;
  return s != nullptr ? std::string_view(s) : std::string_view();
}

namespace {

// `path` as a SQLite URI filename (file:…), escaping what a URI reserves.
std::string UriFor(const std::string& path) {
  std::string out = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      out += fmt::format("%{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, int busy_timeout_ms,
                                                 Mode mode) {
  // Before SQLite initialises (later calls are refused, harmlessly): no
  // memory statistics, which take a process-wide mutex on every one of
  // SQLite's allocations (3% of the writer thread). Nothing here reads them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* handle = nullptr;
  int rc = SQLITE_OK;
  if (mode == Mode::kReadWrite) {
    rc = sqlite3_open_v2(path.c_str(), &handle,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  } else {
    const std::string uri = UriFor(path) + (mode == Mode::kImmutable ? "?immutable=1" : "?mode=ro");
    rc = sqlite3_open_v2(uri.c_str(), &handle,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  }
  // The handle exists even on failure (for the message) and must be closed.
  std::unique_ptr<SqliteDb> db(new SqliteDb(handle, path));
  if (handle == nullptr) return Status::Internal("sqlite: out of memory opening " + path);
  if (rc != SQLITE_OK) return db->Check(rc, "opening database " + path);
  sqlite3_extended_result_codes(handle, 1);
  CXMAP_RETURN_IF_ERROR(db->Check(sqlite3_busy_timeout(handle, busy_timeout_ms),
                                  "setting the busy timeout"));
  return db;
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

bool SqliteDb::ReadOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }

Result<Statement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Check(rc, fmt::format("preparing \"{}\"", ShortSql(sql)));
  }
  if (stmt == nullptr) return Status::InvalidArgument(fmt::format("no SQL in \"{}\"", ShortSql(sql)));
  return Statement(this, stmt);
}

Status SqliteDb::Exec(const char* sql, std::string_view what) {
  return Check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), what);
}

Result<int64_t> SqliteDb::QueryInt(const char* sql, std::string_view what) {
  Result<Statement> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::Internal(fmt::format("{}: \"{}\" returned no row", what, sql));
  return stmt->ColumnInt(0);
}

int64_t SqliteDb::Changes() const { return sqlite3_changes64(db_); }

int64_t SqliteDb::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

bool SqliteDb::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status SqliteDb::Check(int rc, std::string_view what) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return Status::Ok();
  // sqlite3_errmsg describes the most recent failing API call on this
  // connection; fall back to the generic text of the code when it does not
  // match (e.g. a bind error, or no handle at all).
  const char* generic = sqlite3_errstr(rc);
  const char* detail = db_ != nullptr && sqlite3_extended_errcode(db_) == rc
                           ? sqlite3_errmsg(db_)
                           : generic;
  return Status(CodeFor(rc), fmt::format("sqlite: {} ({}): {} [code {}, {}]", what, path_,
                                         detail, rc, generic));
}

Transaction::~Transaction() { Rollback(); }

Status Transaction::Begin() {
  CXMAP_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE", "beginning a transaction"));
  active_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  Status s = db_->Exec("COMMIT", "committing a transaction");
  // A failed COMMIT (e.g. SQLITE_BUSY) may leave the transaction open;
  // the destructor then rolls it back.
  if (s.ok() || !db_->InTransaction()) active_ = false;
  return s;
}

void Transaction::Rollback() {
  if (!active_) return;
  active_ = false;
  // Nothing useful to do if ROLLBACK fails: SQLite has then already rolled
  // back (the only way ROLLBACK fails is when no transaction is active).
  if (db_->InTransaction()) (void)db_->Exec("ROLLBACK", "rolling back a transaction");
}

}  // namespace cxmap::core
