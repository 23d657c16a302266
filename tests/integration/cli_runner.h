// SPDX-License-Identifier: Apache-2.0
// Helpers for tests that run the real cxmap binary.
#pragma once

#include <filesystem>
#include <string>

namespace cxmap::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// Runs `CXMAP_BIN <args>` through /bin/sh (args are a shell string: quote
/// paths), with `stdin_text` on standard input.
RunResult RunCxmap(const std::string& args, const std::string& stdin_text = "");

/// As RunCxmap, with `prefix` (a shell string: `timeout 30`, `setpriv …`)
/// before the binary.
RunResult RunCxmapWith(const std::string& prefix, const std::string& args,
                       const std::string& stdin_text = "");

/// Runs a shell command line (quote paths), capturing its standard output
/// and error; e.g. a pipe into `Quote(CXMAP_BIN) + " import -"`.
RunResult RunShell(const std::string& command);

/// The whole content of a file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

/// Shell-quotes a path or argument.
std::string Quote(const std::string& s);

/// A fresh temporary folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `content` to the file `name` in the folder; returns its path.
  std::string Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// One integer from a SQLite query, or -1 on error.
long long QueryInt(const std::string& db, const std::string& sql);

}  // namespace cxmap::testing
