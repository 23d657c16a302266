// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/abi_source.h"
#include "cxmap/record.h"
#include "cxmap/status.h"

namespace cxmap {

/// A source's verdict on an input's first bytes (see SourcePlugin::Sniff).
struct SniffResult {
  double confidence = 0;  ///< 0 = not mine .. 1 = certain
  std::string format;     ///< profile name, e.g. "generic_csv"
  std::string reason;     ///< why, shown to the user when a file has no source
};

/// Where a source delivers records and reports bad ones. Borrowed from the
/// host for one NextBatch() call.
class RecordSink {
 public:
  explicit RecordSink(const cxmap_record_sink* sink) : sink_(sink) {}

  /// How many records the host would like from this NextBatch() call.
  size_t batch_hint() const { return sink_->batch_hint; }
  /// Hands one record to the host, which copies it.
  Status Emit(const Record& record) {
    cxmap_record c = ToC(record, kv_);
    int32_t rc = sink_->emit(sink_->ctx, &c);
    return rc == CXMAP_OK ? Status::Ok() : Status(static_cast<Code>(rc), "host refused the record");
  }
  /// Reports a record that cannot be read; the source then goes on.
  void Reject(std::string_view file, uint64_t line, std::string_view reason,
              std::string_view excerpt) {
    cxmap_reject r{sizeof(cxmap_reject), ToC(file), line, ToC(reason), ToC(excerpt)};
    sink_->reject(sink_->ctx, &r);
  }
  void Progress(uint64_t bytes_done, uint64_t bytes_total) {
    if (sink_->progress) sink_->progress(sink_->ctx, bytes_done, bytes_total);
  }

 private:
  const cxmap_record_sink* sink_;
  std::vector<cxmap_kv> kv_;  // reused attribute array
};

/// Base class of a source plugin written in C++. Register the subclass with
/// CXMAP_SOURCE_PLUGIN (cxmap/plugin.h). Besides the two virtuals below the
/// subclass provides, as statics:
///   kName, kVersion, kDescription, kVendor   (std::string_view constants)
///   kOptions   (std::array of cxmap::Option(...), may be empty)
///   static SniffResult Sniff(std::string_view path, std::string_view head);
///   static Result<std::unique_ptr<T>> Create(const Host&, const OptionValues&);
/// An instance is used by one thread at a time. Throwing is allowed but
/// poor form: the SDK turns any exception into an internal error.
class SourcePlugin {
 public:
  virtual ~SourcePlugin() = default;
  /// Opens `path` for reading. Errors: kNotFound, kIoError, kNotSupported.
  virtual Status Open(std::string_view path) = 0;
  /// Emits about sink.batch_hint() records; sets `at_end` at end of input.
  virtual Status NextBatch(RecordSink& sink, bool& at_end) = 0;
};

}  // namespace cxmap
