// SPDX-License-Identifier: Apache-2.0
#include "core/storage/pg_db.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <bit>
#include <charconv>
#include <cstring>
#include <utility>

namespace cxmap::core {

namespace {

// Type OIDs from PostgreSQL's pg_type.dat; stable since 7.x and not exported
// by libpq-fe.h (server/catalog/pg_type_d.h is in another package).
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kTextOid = 25;
constexpr Oid kTextArrayOid = 1009;

// A failure the caller may retry (the server went away, a serialisation
// conflict, too many connections) is an IoError; a rejected statement is
// InvalidArgument (constraint, type) or Internal (our SQL is wrong).
Code CodeForState(std::string_view state) {
  if (state.starts_with("08") || state.starts_with("53") || state.starts_with("57") ||
      state == "40001" || state == "40P01") {
    return Code::kIoError;
  }
  if (state.starts_with("22") || state.starts_with("23")) return Code::kInvalidArgument;
  if (state == "3F000" || state == "42P01") return Code::kNotFound;
  return Code::kInternal;
}

}  // namespace

// PostgreSQL text cannot hold U+0000 (SQLite can): a NUL in feedback would
// fail its batch forever, so it is stored as U+FFFD, the replacement
// character, as for any other byte that cannot be text.
std::string WithoutNul(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\0') {
      out += "\xEF\xBF\xBD";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// COPY's binary format is big-endian; this machine is not (x86-64, arm64).
static_assert(std::endian::native == std::endian::little);
uint16_t Bswap(uint16_t v) { return __builtin_bswap16(v); }
uint32_t Bswap(uint32_t v) { return __builtin_bswap32(v); }
uint64_t Bswap(uint64_t v) { return __builtin_bswap64(v); }

}  // namespace

PgParams& PgParams::Add(std::string value, unsigned int type, bool null) {
  values_.push_back(std::move(value));
  nulls_.push_back(null ? 1 : 0);
  types_.push_back(type);
  return *this;
}

PgParams& PgParams::Int(int64_t v) { return Add(std::to_string(v), kInt8Oid, false); }

PgParams& PgParams::Double(double v) {
  // Shortest text that reads back as the same double.
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return Add(std::string(buf, end), kFloat8Oid, false);
}

PgParams& PgParams::Text(std::string_view v) { return Add(WithoutNul(v), kTextOid, false); }

PgParams& PgParams::Null() { return Add(std::string(), 0, true); }

PgParams& PgParams::TextArray(const std::vector<std::string>& v) {
  // An array literal: every element double-quoted, with " and \ escaped.
  std::string lit = "{";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) lit += ',';
    lit += '"';
    for (char c : WithoutNul(v[i])) {
      if (c == '"' || c == '\\') lit += '\\';
      lit += c;
    }
    lit += '"';
  }
  lit += '}';
  return Add(std::move(lit), kTextArrayOid, false);
}

PgRows& PgRows::operator=(PgRows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

PgRows::~PgRows() {
  if (result_ != nullptr) PQclear(result_);
}

int PgRows::rows() const { return result_ == nullptr ? 0 : PQntuples(result_); }

int64_t PgRows::changed() const {
  if (result_ == nullptr) return 0;
  const char* n = PQcmdTuples(result_);
  int64_t v = 0;
  std::from_chars(n, n + std::strlen(n), v);
  return v;
}

bool PgRows::IsNull(int row, int col) const { return PQgetisnull(result_, row, col) != 0; }

std::string_view PgRows::Text(int row, int col) const {
  return {PQgetvalue(result_, row, col), static_cast<size_t>(PQgetlength(result_, row, col))};
}

int64_t PgRows::Int(int row, int col) const {
  std::string_view t = Text(row, col);
  if (t == "t") return 1;  // a boolean column
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

double PgRows::Double(int row, int col) const {
  std::string_view t = Text(row, col);
  double v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

std::optional<int64_t> PgRows::OptInt(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Int(row, col);
}

std::optional<double> PgRows::OptDouble(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Double(row, col);
}

namespace {

// The secrets of a connection string (password, sslpassword), so that no
// message of libpq's that quotes them reaches the user.
std::vector<std::string> Secrets(const PQconninfoOption* options) {
  std::vector<std::string> out;
  for (const PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) {
    const std::string_view key = o->keyword;
    if ((key == "password" || key == "sslpassword") && o->val != nullptr && *o->val != '\0') {
      out.emplace_back(o->val);
    }
  }
  return out;
}

std::string Scrubbed(std::string message, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    for (size_t p = message.find(secret); p != std::string::npos; p = message.find(secret, p)) {
      message.replace(p, secret.size(), "***");
    }
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

Result<std::unique_ptr<PgDb>> PgDb::Open(const std::string& conninfo, std::string display) {
  // Parsed first: libpq's own parse errors quote the raw text (a password
  // with a stray '%' included), so they are replaced by one of ours.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    if (parse_error != nullptr) PQfreemem(parse_error);
    return Status::InvalidArgument(fmt::format(
        "postgresql: cannot read the store URL {} (percent-encode special characters of the "
        "user and password, e.g. %40 for @)",
        display));
  }
  const std::vector<std::string> secrets = Secrets(options);
  PQconninfoFree(options);
  pg_conn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status::IoError("postgresql: out of memory connecting to " + display);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = Scrubbed(PQerrorMessage(conn), secrets);
    PQfinish(conn);
    return Status::IoError(fmt::format("postgresql: cannot connect to {}: {}", display, message));
  }
  std::unique_ptr<PgDb> db(new PgDb(conn, std::move(display)));
  // Messages of the server's NOTICE level (e.g. "relation exists, skipping")
  // would otherwise go straight to stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  // Text as UTF-8 whatever PGCLIENTENCODING says, and floats printed
  // exactly (servers before 12, or a role's extra_float_digits = 0, would
  // round them and the snapshot would differ from SQLite).
  CXMAP_RETURN_IF_ERROR(db->Exec("SET client_encoding = 'UTF8'; SET extra_float_digits = 3",
                                 "setting up the session"));
  return db;
}

PgDb::~PgDb() { PQfinish(conn_); }

int PgDb::ServerMajorVersion() const { return PQserverVersion(conn_) / 10000; }

Status PgDb::Check(pg_result* r, std::string_view what) const {
  const ExecStatusType st = r == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_COPY_IN ||
      st == PGRES_EMPTY_QUERY) {
    return Status::Ok();
  }
  const char* state = r == nullptr ? nullptr : PQresultErrorField(r, PG_DIAG_SQLSTATE);
  std::string message = r == nullptr ? PQerrorMessage(conn_) : PQresultErrorMessage(r);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (PQstatus(conn_) != CONNECTION_OK) state = "08006";
  last_state_ = state == nullptr ? "" : state;
  return Status(CodeForState(state == nullptr ? "" : state),
                fmt::format("postgresql: {} ({}): {} [{}]", what, display_, message,
                            state == nullptr ? "no state" : state));
}

Status PgDb::Exec(std::string_view sql, std::string_view what) {
  const std::string text(sql);
  pg_result* raw = PQexec(conn_, text.c_str());
  PgRows owner(raw);
  // PQexec of several statements returns the last result; an error stops
  // at the failing statement and is that result.
  return Check(raw, what);
}

Result<PgRows> PgDb::Query(std::string_view sql, const PgParams& params, std::string_view what) {
  const std::string text(sql);
  std::vector<const char*> values(params.values_.size());
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = params.nulls_[i] ? nullptr : params.values_[i].c_str();
  }
  pg_result* raw = PQexecParams(conn_, text.c_str(), params.size(), params.types_.data(),
                                values.data(), nullptr, nullptr, /*resultFormat=*/0);
  PgRows rows(raw);
  CXMAP_RETURN_IF_ERROR(Check(raw, what));
  return rows;
}

Result<int64_t> PgDb::QueryInt(std::string_view sql, const PgParams& params,
                               std::string_view what) {
  Result<PgRows> rows = Query(sql, params, what);
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0 || rows->IsNull(0, 0)) return int64_t{0};
  return rows->Int(0, 0);
}

Result<std::unique_ptr<PgCopy>> PgDb::CopyIn(std::string_view table, std::string_view columns,
                                             int column_count) {
  const std::string sql = fmt::format("COPY {} ({}) FROM STDIN (FORMAT binary)", table, columns);
  const std::string what = fmt::format("copying into {}", table);
  pg_result* raw = PQexec(conn_, sql.c_str());
  PgRows rows(raw);
  CXMAP_RETURN_IF_ERROR(Check(raw, what));
  if (PQresultStatus(raw) != PGRES_COPY_IN) {
    return Status::Internal(
        fmt::format("postgresql: {} ({}): server did not start a COPY", what, display_));
  }
  return std::unique_ptr<PgCopy>(new PgCopy(this, what, column_count));
}

PgCopy::PgCopy(PgDb* db, std::string what, int column_count)
    : db_(db), what_(std::move(what)), column_count_(column_count) {
  // The binary COPY header: signature, flags, header extension length.
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";
  buffer_.append(kSignature, sizeof kSignature);  // with its trailing NUL
  Put32(0);
  Put32(0);
}

void PgCopy::Put16(uint16_t v) {
  v = Bswap(v);
  buffer_.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void PgCopy::Put32(uint32_t v) {
  v = Bswap(v);
  buffer_.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void PgCopy::Put64(uint64_t v) {
  v = Bswap(v);
  buffer_.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void PgCopy::BeginRow() {
  Put16(static_cast<uint16_t>(column_count_));
  ++rows_;
}
void PgCopy::Int8(int64_t v) {
  Put32(8);
  Put64(static_cast<uint64_t>(v));
}
void PgCopy::Int4(int32_t v) {
  Put32(4);
  Put32(static_cast<uint32_t>(v));
}
void PgCopy::Float8(double v) {
  Put32(8);
  Put64(std::bit_cast<uint64_t>(v));
}
void PgCopy::Text(std::string_view v) {
  if (v.find('\0') != std::string_view::npos) {
    const std::string clean = WithoutNul(v);
    Put32(static_cast<uint32_t>(clean.size()));
    buffer_.append(clean);
    return;
  }
  Put32(static_cast<uint32_t>(v.size()));
  buffer_.append(v);
}
void PgCopy::Null() { Put32(0xFFFFFFFFu); }

Status PgCopy::Finish() {
  if (finished_) return Status::Internal("COPY finished twice");
  finished_ = true;
  Put16(0xFFFFu);  // the trailer
  pg_conn* conn = db_->conn_;
  // Sent in slices: libpq copies each PQputCopyData call into its buffer.
  constexpr size_t kSlice = 1 << 20;
  for (size_t at = 0; at < buffer_.size(); at += kSlice) {
    const size_t n = std::min(kSlice, buffer_.size() - at);
    if (PQputCopyData(conn, buffer_.data() + at, static_cast<int>(n)) != 1) break;
  }
  const bool sent = PQputCopyEnd(conn, nullptr) == 1;
  buffer_.clear();
  buffer_.shrink_to_fit();
  Status s;
  while (pg_result* r = PQgetResult(conn)) {
    PgRows rows(r);
    if (s.ok()) s = db_->Check(r, what_);
  }
  if (s.ok() && !sent) s = db_->Check(nullptr, what_);
  return s;
}

}  // namespace cxmap::core
