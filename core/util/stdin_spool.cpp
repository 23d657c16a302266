// SPDX-License-Identifier: Apache-2.0
#include "core/util/stdin_spool.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cxmap::core {

namespace {

// The live spool's paths, for RemoveStdinSpoolNow() from a signal handler:
// fixed buffers, no allocation there. One spool exists at a time.
char g_spool_file[4096];
char g_spool_folder[4096];
std::atomic<bool> g_spool_live{false};

void Remember(const std::string& folder, const std::string& file) {
  if (folder.size() >= sizeof g_spool_folder || file.size() >= sizeof g_spool_file) return;
  std::memcpy(g_spool_folder, folder.c_str(), folder.size() + 1);
  std::memcpy(g_spool_file, file.c_str(), file.size() + 1);
  g_spool_live.store(true);
}

// Writes all of `data` to `fd`, retrying short writes.
bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

Status CheckStdinInput(const std::string& name) {
  if (name.empty() || name == "-" || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos || name.size() > 200) {
    return Status::InvalidArgument("--stdin-name: a file name without folders, at most 200 bytes, such as survey.csv");
  }
  if (::isatty(STDIN_FILENO)) {
    return Status::InvalidArgument("-: standard input is a terminal; pipe the data in (`cxmap import - < export.csv`)");
  }
  return Status::Ok();
}

Result<std::unique_ptr<StdinSpool>> StdinSpool::Read(const std::string& name, uint64_t max_bytes,
                                                     const std::atomic<bool>* cancelled) {
  std::error_code ec;
  std::string tmpl = (std::filesystem::temp_directory_path(ec) / "cxmap-stdin-XXXXXX").string();
  if (ec) tmpl = "/tmp/cxmap-stdin-XXXXXX";
  std::unique_ptr<StdinSpool> spool(new StdinSpool());
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return Status::IoError("-: cannot create a folder for standard input (" + tmpl + "): " +
                           std::strerror(errno));
  }
  spool->folder_ = tmpl;
  spool->path_ = tmpl + "/" + name;
  Remember(spool->folder_, spool->path_);
  int out = ::open(spool->path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) return Status::IoError(spool->path_ + ": " + std::strerror(errno));
  std::string buffer(size_t{1} << 20, '\0');
  Status status;
  for (;;) {
    if (cancelled != nullptr && cancelled->load()) {
      status = Status::Cancelled("-: interrupted while reading standard input");
      break;
    }
    // Wait at most 0.1 s at a time, so Ctrl-C is seen while a writer stalls.
    pollfd p{STDIN_FILENO, POLLIN, 0};
    int ready = ::poll(&p, 1, 100);
    if (ready < 0 && errno != EINTR) {
      status = Status::IoError(std::string("-: cannot read standard input: ") + std::strerror(errno));
      break;
    }
    if (ready <= 0) continue;
    ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) {
      status = Status::IoError(std::string("-: cannot read standard input: ") + std::strerror(errno));
      break;
    }
    if (n == 0) break;
    spool->bytes_ += static_cast<uint64_t>(n);
    if (spool->bytes_ > max_bytes) {
      status = Status::InvalidArgument("-: standard input is longer than " + std::to_string(max_bytes) +
                                       " bytes ([limits] stdin_bytes); import it from a file");
      break;
    }
    if (!WriteAll(out, buffer.data(), static_cast<size_t>(n))) {
      status = Status::IoError("-: cannot write the copy of standard input to " + spool->path_ + ": " +
                               std::strerror(errno));
      break;
    }
  }
  if (::close(out) != 0 && status.ok()) {
    status = Status::IoError(spool->path_ + ": " + std::strerror(errno));
  }
  if (!status.ok()) return status;  // the destructor removes the copy
  return spool;
}

void RemoveStdinSpoolNow() {
  if (!g_spool_live.exchange(false)) return;
  ::unlink(g_spool_file);
  ::rmdir(g_spool_folder);
}

StdinSpool::~StdinSpool() {
  g_spool_live.store(false);
  std::error_code ec;
  if (!folder_.empty()) std::filesystem::remove_all(folder_, ec);
}

std::string WithDisplayName(std::string message, const std::string& path, const std::string& display) {
  if (path.empty() || display.empty() || path == display) return message;
  for (size_t at = message.find(path); at != std::string::npos; at = message.find(path, at + display.size())) {
    message.replace(at, path.size(), display);
  }
  return message;
}

}  // namespace cxmap::core
