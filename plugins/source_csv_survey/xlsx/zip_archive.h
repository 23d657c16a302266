// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cxmap/status.h"

struct zip;
struct zip_file;

namespace cxmap::csv::xlsx {

/// Bounds on what an archive may make us inflate: a zip bomb is a small
/// file whose entries claim (or truly have) a huge uncompressed size.
struct ZipLimits {
  uint64_t max_entries = 10000;
  uint64_t max_entry_bytes = uint64_t{1} << 30;  ///< any one entry, declared or inflated
  uint64_t max_total_bytes = uint64_t{2} << 30;  ///< all entries read from one archive
  /// Refused above this ratio of inflated to compressed size, for entries
  /// beyond ratio_floor_bytes (real sheet XML compresses 5-50:1).
  uint64_t max_ratio = 200;
  uint64_t ratio_floor_bytes = uint64_t{1} << 20;
};

class ZipArchive;

/// One entry being inflated. Counts what it yields against the limits, so
/// an entry that lies about its size is stopped too. Not thread-safe.
class ZipEntry {
 public:
  ~ZipEntry();
  ZipEntry(const ZipEntry&) = delete;
  ZipEntry& operator=(const ZipEntry&) = delete;
  /// Up to `n` bytes into `out`; 0 at the end. InvalidArgument on a corrupt
  /// entry (CRC, truncated data) or when a limit is passed.
  Result<size_t> Read(char* out, size_t n);
  uint64_t compressed_size() const { return compressed_; }
  uint64_t size() const { return size_; }  ///< declared uncompressed size
  uint64_t inflated() const { return inflated_; }

 private:
  friend class ZipArchive;
  ZipEntry() = default;
  ZipArchive* archive_ = nullptr;
  zip_file* file_ = nullptr;
  std::string name_;
  uint64_t compressed_ = 0, size_ = 0, inflated_ = 0;
};

/// A zip archive opened read-only with libzip, the entry count checked.
/// Not thread-safe; one per file.
class ZipArchive {
 public:
  /// NotFound / IoError for the file; InvalidArgument when it is not a
  /// (complete) zip archive or has more entries than the limit.
  static Result<std::unique_ptr<ZipArchive>> Open(const std::string& path, ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool Has(std::string_view name) const;
  /// Opens entry `name` after checking its declared size and ratio.
  /// NotFound when absent; InvalidArgument when a limit refuses it.
  Result<std::unique_ptr<ZipEntry>> OpenEntry(std::string_view name);
  /// The whole entry, at most `max_bytes` (a smaller cap for small parts).
  Result<std::string> ReadAll(std::string_view name, uint64_t max_bytes);
  const std::string& path() const { return path_; }

 private:
  friend class ZipEntry;
  ZipArchive() = default;
  zip* zip_ = nullptr;
  std::string path_;
  ZipLimits limits_;
  uint64_t total_inflated_ = 0;
};

}  // namespace cxmap::csv::xlsx
