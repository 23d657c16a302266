// SPDX-License-Identifier: Apache-2.0
#include "core/util/files.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace cxmap::core {

std::filesystem::path ExecutableDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
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
