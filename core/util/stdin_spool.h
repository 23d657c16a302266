// SPDX-License-Identifier: Apache-2.0
// `cxmap import -`: standard input read through a private spool file.
//
// Sources sniff the head of a file and may read it twice (XLSX is a zip,
// read from its end), so they take a path, never a stream. Standard input
// is therefore copied into a file in a fresh 0700 folder first; the
// records, rejects and messages name the input by its display name, never
// by the spool path, so their ids do not depend on where the copy lay.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "cxmap/status.h"

namespace cxmap::core {

/// Whether `import -` can read standard input under `name`: InvalidArgument
/// (a usage error) when stdin is a terminal (nothing was piped in) or the
/// name has a folder, is "-", "." or "..", or is over 200 bytes. Callers
/// check before reading any input; Read() assumes it passed.
Status CheckStdinInput(const std::string& name);

/// Standard input copied into a temporary file; removed when destroyed.
class StdinSpool {
 public:
  /// Reads standard input to its end into `<tmp>/cxmap-stdin-XXXXXX/<name>`
  /// (`name`, checked by CheckStdinInput, keeps an extension such as
  /// `.xlsx` for the sniffers). Refuses more than `max_bytes`, and stops
  /// with Cancelled when `cancelled` is set.
  static Result<std::unique_ptr<StdinSpool>> Read(const std::string& name, uint64_t max_bytes,
                                                  const std::atomic<bool>* cancelled);
  ~StdinSpool();
  StdinSpool(const StdinSpool&) = delete;
  StdinSpool& operator=(const StdinSpool&) = delete;

  const std::string& path() const { return path_; }
  uint64_t bytes() const { return bytes_; }

 private:
  StdinSpool() = default;
  std::string folder_, path_;
  uint64_t bytes_ = 0;
};

/// Removes the spool file and folder of a live StdinSpool, if any, with
/// async-signal-safe calls only: for a second Ctrl-C and the interrupt
/// watchdog, which end the process without running destructors.
void RemoveStdinSpoolNow();

/// `message` with every occurrence of `path` replaced by `display`.
std::string WithDisplayName(std::string message, const std::string& path, const std::string& display);

}  // namespace cxmap::core
