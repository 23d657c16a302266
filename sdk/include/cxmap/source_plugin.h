// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
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
    cxmap_record c = ToC(record, kv_, answers_);
    int32_t rc = sink_->emit(sink_->ctx, &c);
    return rc == CXMAP_OK ? Status::Ok() : Status(static_cast<Code>(rc), "host refused the record");
  }
  /// Reports a record that cannot be read; the source then goes on.
  void Reject(std::string_view file, uint64_t line, std::string_view reason,
              std::string_view excerpt) {
    cxmap_reject r{sizeof(cxmap_reject), ToC(file), line, ToC(reason), ToC(excerpt)};
    sink_->reject(sink_->ctx, &r);
  }
  /// Reports an input row left out on purpose (no host before ABI 1.3
  /// counts it; then this does nothing).
  void Skip(std::string_view file, uint64_t line, std::string_view reason) {
    if (sink_->struct_size < offsetof(cxmap_record_sink, skip) + sizeof(sink_->skip) ||
        sink_->skip == nullptr) {
      return;
    }
    cxmap_reject r{sizeof(cxmap_reject), ToC(file), line, ToC(reason), ToC(std::string_view())};
    sink_->skip(sink_->ctx, &r);
  }
  void Progress(uint64_t bytes_done, uint64_t bytes_total) {
    if (sink_->progress) sink_->progress(sink_->ctx, bytes_done, bytes_total);
  }

 private:
  const cxmap_record_sink* sink_;
  std::vector<cxmap_kv> kv_;  // reused attribute array
  std::vector<cxmap_answer> answers_;  // reused answer array
};

/// One column of an input as the source reads it (see Inspection).
struct InspectColumn {
  uint32_t index = 0;
  std::string name;
  std::string role;      ///< text, id, time, nps, csat, ces, rating, language, channel...
  std::string question;  ///< the question text, when the export carries it
};

/// How a source reads one input, shown by `cxmap inspect` before anything
/// is imported.
struct Inspection {
  std::string format;     ///< the profile used (may differ from the sniffed one)
  std::string encoding;
  std::string delimiter;
  uint32_t header_rows = 0;
  uint64_t responses = 0;          ///< units of the input: rows, calls, posts
  std::string unit = "responses";  ///< what `responses` counts
  uint64_t records = 0;            ///< records an import would produce
  uint64_t rejected = 0;           ///< records an import would reject
  std::vector<InspectColumn> columns;
  std::vector<std::pair<std::string, std::string>> details;  ///< anything else, in order
};

/// Counts what a source emits without keeping it: the default Inspect().
class CountingSink {
 public:
  CountingSink()
      : c_{sizeof(cxmap_record_sink), this, 4096, &Emit, &Rejected, nullptr, nullptr},
        sink_(&c_) {}
  RecordSink& sink() { return sink_; }
  uint64_t records() const { return records_; }
  uint64_t rejected() const { return rejected_; }

 private:
  static int32_t Emit(void* ctx, const cxmap_record*) {
    ++static_cast<CountingSink*>(ctx)->records_;
    return CXMAP_OK;
  }
  static void Rejected(void* ctx, const cxmap_reject*) { ++static_cast<CountingSink*>(ctx)->rejected_; }
  cxmap_record_sink c_;
  RecordSink sink_;
  uint64_t records_ = 0;
  uint64_t rejected_ = 0;
};

/// One piece of an input as SourcePlugin::Split cuts it: the source's own
/// description of where it starts and ends (printable ASCII, at most
/// CXMAP_PIECE_TOKEN_CAPACITY bytes) and its size in bytes.
struct Piece {
  std::string token;
  uint64_t bytes = 0;
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
  /// Describes how `path` will be read (called on a fresh instance). The
  /// default reads the whole input and counts records and rejects; a source
  /// overrides it to add its profile, encoding, columns and what `responses`
  /// counts, usually by calling this and filling in the rest.
  virtual Result<Inspection> Inspect(std::string_view path) {
    CXMAP_RETURN_IF_ERROR(Open(path));
    CountingSink counter;
    for (bool at_end = false; !at_end;) CXMAP_RETURN_IF_ERROR(NextBatch(counter.sink(), at_end));
    Inspection out;
    out.records = out.responses = counter.records();
    out.rejected = counter.rejected();
    return out;
  }
  /// Cuts `path` into at most `parts` pieces at record boundaries (called
  /// on a fresh instance), so several workers can share one large input.
  /// Reading every piece with OpenPiece() must yield exactly the records,
  /// rejects and skips of Open() on the whole input, with the same lines
  /// and record numbers. The default cannot cut anything: fewer than two
  /// pieces mean the host reads the input whole with Open().
  virtual Result<std::vector<Piece>> Split(std::string_view path, uint32_t parts) {
    (void)path;
    (void)parts;
    return std::vector<Piece>{};
  }
  /// Opens the piece of `path` that Split() described by `token`. The token
  /// comes back from a shared store: refuse one that does not fit the input
  /// with kInvalidArgument.
  virtual Status OpenPiece(std::string_view path, std::string_view token) {
    (void)path;
    (void)token;
    return Status(Code::kNotSupported, "this source does not read pieces of an input");
  }
};

}  // namespace cxmap
