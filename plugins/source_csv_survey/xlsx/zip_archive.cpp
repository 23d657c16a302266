// SPDX-License-Identifier: Apache-2.0
#include "zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cxmap::csv::xlsx {
namespace {

std::string Mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(const std::string& path, ZipLimits limits) {
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (z == nullptr) {
    zip_error_t err;
    zip_error_init_with_code(&err, code);
    std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    if (code == ZIP_ER_NOENT) return Status::NotFound(path + ": " + why);
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) return Status::IoError(path + ": " + why);
    return Status::InvalidArgument(path + ": not a complete zip archive (" + why +
                                   "); a truncated download is the usual cause");
  }
  std::unique_ptr<ZipArchive> a(new ZipArchive());
  a->zip_ = z;
  a->path_ = path;
  a->limits_ = limits;
  zip_int64_t entries = zip_get_num_entries(z, 0);
  if (entries < 0 || static_cast<uint64_t>(entries) > limits.max_entries) {
    return Status::InvalidArgument(path + ": " + std::to_string(entries) +
                                   " zip entries, more than the limit of " +
                                   std::to_string(limits.max_entries) + " (zip bomb guard)");
  }
  return a;
}

ZipArchive::~ZipArchive() {
  if (zip_ != nullptr) zip_discard(zip_);
}

bool ZipArchive::Has(std::string_view name) const {
  return zip_name_locate(zip_, std::string(name).c_str(), 0) >= 0;
}

Result<std::unique_ptr<ZipEntry>> ZipArchive::OpenEntry(std::string_view name) {
  std::string n(name);
  zip_int64_t index = zip_name_locate(zip_, n.c_str(), 0);
  if (index < 0) return Status::NotFound(path_ + ": no part " + n + " in the archive");
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return Status::InvalidArgument(path_ + ": " + n + ": " + zip_strerror(zip_));
  }
  uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  if (size > limits_.max_entry_bytes) {
    return Status::InvalidArgument(path_ + ": " + n + " would inflate to " + Mib(size) +
                                   ", more than the limit of " + Mib(limits_.max_entry_bytes) +
                                   " (zip bomb guard)");
  }
  if (size > limits_.ratio_floor_bytes && size > packed * limits_.max_ratio) {
    return Status::InvalidArgument(
        path_ + ": " + n + " would inflate " + std::to_string(packed) + " bytes to " + Mib(size) +
        " (ratio " + std::to_string(size / std::max<uint64_t>(packed, 1)) + ":1, limit " +
        std::to_string(limits_.max_ratio) + ":1): refused as a zip bomb");
  }
  zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) return Status::InvalidArgument(path_ + ": " + n + ": " + zip_strerror(zip_));
  std::unique_ptr<ZipEntry> e(new ZipEntry());
  e->archive_ = this;
  e->file_ = f;
  e->name_ = n;
  e->compressed_ = packed;
  e->size_ = size;
  return e;
}

Result<std::string> ZipArchive::ReadAll(std::string_view name, uint64_t max_bytes) {
  auto entry = OpenEntry(name);
  if (!entry.ok()) return entry.status();
  if ((*entry)->size() > max_bytes) {
    return Status::InvalidArgument(path_ + ": " + std::string(name) + " is " + Mib((*entry)->size()) +
                                   ", more than the " + Mib(max_bytes) + " allowed for it");
  }
  std::string out;
  char buffer[1 << 16];
  while (true) {
    auto n = (*entry)->Read(buffer, sizeof(buffer));
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    if (out.size() + *n > max_bytes) {
      return Status::InvalidArgument(path_ + ": " + std::string(name) + " inflates beyond " +
                                     Mib(max_bytes) + " (zip bomb guard)");
    }
    out.append(buffer, *n);
  }
  return out;
}

ZipEntry::~ZipEntry() {
  if (file_ != nullptr) zip_fclose(file_);
}

Result<size_t> ZipEntry::Read(char* out, size_t n) {
  zip_int64_t got = zip_fread(file_, out, n);
  if (got < 0) {
    return Status::InvalidArgument(archive_->path_ + ": " + name_ + ": corrupt entry (" +
                                   zip_file_strerror(file_) + ")");
  }
  auto count = static_cast<uint64_t>(got);
  inflated_ += count;
  archive_->total_inflated_ += count;
  const ZipLimits& l = archive_->limits_;
  if (inflated_ > l.max_entry_bytes || archive_->total_inflated_ > l.max_total_bytes ||
      (inflated_ > l.ratio_floor_bytes && inflated_ > compressed_ * l.max_ratio)) {
    return Status::InvalidArgument(archive_->path_ + ": " + name_ + " inflated to " + Mib(inflated_) +
                                   " from " + std::to_string(compressed_) +
                                   " bytes, past the zip bomb limits");
  }
  return static_cast<size_t>(got);
}

}  // namespace cxmap::csv::xlsx
