// SPDX-License-Identifier: Apache-2.0
#include "core/util/files.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cxmap::core {

std::filesystem::path ExecutableDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

namespace {

// What a stat() says a path is, for messages; "" for a regular file.
const char* NotRegular(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Status RefuseNotRegular(const std::string& path, mode_t mode) {
  return Status::NotSupported(path + ": is " + NotRegular(mode) +
                              ", not a regular file; cxmap reads inputs only from regular files"
                              " (copy the data into a file first, or pipe it into `cxmap import -`)");
}

}  // namespace

Status CheckRegularFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return RefuseNotRegular(path, st.st_mode);
  return Status::Ok();
}

Result<std::FILE*> OpenRegularFile(const std::string& path) {
  CXMAP_RETURN_IF_ERROR(CheckRegularFile(path));
  // O_NONBLOCK: if the path became a FIFO since the check, open() returns
  // at once instead of waiting for a writer; fstat() then refuses it.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return RefuseNotRegular(path, st.st_mode);
  }
  // Regular files never block; clear the flag so reads behave as usual.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::FILE* f = ::fdopen(fd, "rb");
  if (f == nullptr) {
    ::close(fd);
    return Status::IoError(path + ": " + std::strerror(errno));
  }
  return f;
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot create " + tmp);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return Status::IoError("cannot write " + tmp);
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    return Status::IoError("cannot rename " + tmp + " to " + path + ": " + why);
  }
  return Status::Ok();
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
  if (!committed_ && !tmp_.empty()) {
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

Status AtomicFileWriter::Open(const std::string& path) {
  path_ = path;
  if (path == "-") {
    file_ = stdout;
    return Status::Ok();
  }
  tmp_ = path + ".tmp";
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (file_ == nullptr) {
    std::string why = std::strerror(errno);
    tmp_.clear();  // not ours to remove
    return Status::IoError("cannot create " + path + ".tmp: " + why);
  }
  return Status::Ok();
}

Status AtomicFileWriter::Write(std::string_view bytes) {
  if (file_ == nullptr) return Status::Internal("AtomicFileWriter::Write before Open");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Status::IoError("cannot write " + (tmp_.empty() ? std::string("standard output") : tmp_) +
                           ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status AtomicFileWriter::Commit() {
  if (file_ == nullptr) return Status::Internal("AtomicFileWriter::Commit before Open");
  if (file_ == stdout) {
    committed_ = true;
    if (std::fflush(stdout) != 0) return Status::IoError("cannot write standard output");
    return Status::Ok();
  }
  const bool written = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!written) return Status::IoError("cannot write " + tmp_ + ": " + std::strerror(errno));
  std::error_code ec;
  std::filesystem::rename(tmp_, path_, ec);
  if (ec) return Status::IoError("cannot rename " + tmp_ + " to " + path_ + ": " + ec.message());
  committed_ = true;
  return Status::Ok();
}

}  // namespace cxmap::core
