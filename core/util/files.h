// SPDX-License-Identifier: Apache-2.0
// Small file helpers several layers need: where the running binary is
// (data files sit beside it: <bin>/../share/cxmap, <bin>/../lib/cxmap) and
// writing a whole file so that a reader never sees half of it.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::core {

/// The folder of the running binary (/proc/self/exe), empty if unknown.
std::filesystem::path ExecutableDir();

/// Ok when `path` (after following symlinks) is a regular file. A named
/// pipe, a device, a socket or a folder is refused without being opened
/// (opening a FIFO blocks until a writer comes; /dev/zero never ends):
/// NotSupported naming the path and what it is. NotFound when it does not
/// exist or cannot be looked at (a symlink loop, a folder without access).
Status CheckRegularFile(const std::string& path);

/// Opens `path` for reading only if it is a regular file: opened without
/// blocking, then checked on the open descriptor, so a path swapped for a
/// FIFO after CheckRegularFile() is still refused. Errors as there.
Result<std::FILE*> OpenRegularFile(const std::string& path);

/// Writes `bytes` to `path` through `path`.tmp renamed into place; the
/// temporary file is removed on failure.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

/// A file written in pieces that appears under its name only when
/// complete: bytes go to `path`.tmp, Commit() renames it into place, and
/// destroying it uncommitted removes the temporary file. Path "-" writes
/// to standard output instead (Commit() flushes it).
class AtomicFileWriter {
 public:
  AtomicFileWriter() = default;
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  Status Open(const std::string& path);
  Status Write(std::string_view bytes);
  Status Commit();
  /// Where the bytes go until Commit() (the temporary file; "" for stdout).
  const std::string& temporary_path() const { return tmp_; }

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace cxmap::core
