// SPDX-License-Identifier: Apache-2.0
#include "cli_runner.h"

#include <sqlite3.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace cxmap::testing {
namespace fs = std::filesystem;

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
  const std::string path = (path_ / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("cxmap-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
  fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult RunCxmap(const std::string& args, const std::string& stdin_text) {
  return RunCxmapWith("", args, stdin_text);
}

RunResult RunCxmapWith(const std::string& prefix, const std::string& args,
                       const std::string& stdin_text) {
  TempDir io;
  std::ofstream(io / "in", std::ios::binary) << stdin_text;
  return RunShell(prefix + (prefix.empty() ? "" : " ") + Quote(CXMAP_BIN) + " " + args + " <" + Quote(io / "in"));
}

RunResult RunShell(const std::string& command) {
  TempDir io;
  std::string cmd = command + " >" + Quote(io / "out") + " 2>" + Quote(io / "err");
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(io / "out");
  r.err = ReadFile(io / "err");
  return r;
}

long long QueryInt(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  long long value = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      value = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return value;
}

}  // namespace cxmap::testing
