// SPDX-License-Identifier: Apache-2.0
// The bytes exchanged between cxmap and an isolated plugin process
// (isolated_analysis.h: records out, results back; isolated_source.h and
// wire_source.h: requests out, records back). Both ends are built from this
// one file, but a cxmap-plugin-host left from another install may be found
// beside a newer cxmap: the INIT frame carries kWireVersion and the child
// refuses another. Every length is checked, because the child runs
// third-party code and may send anything.
// Hand-written rather than protobuf or Cap'n Proto: a dozen fixed fields,
// no schema evolution, and no new Debian dependency for the host.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/batch.h"
#include "core/plugin_host/plugin_options.h"

namespace cxmap::core::wire {

/// What a frame carries (the byte after its length).
enum class FrameType : uint8_t {
  kInit = 1,     ///< host -> child: module, plugin, options, limits
  kReady = 2,    ///< child -> host: status of create()
  kBatch = 3,    ///< host -> child: records
  kResults = 4,  ///< child -> host: status and result rows
  // A source plugin's child (wire_source.h): kInit loads the module only;
  // each request below is answered with one kSourceAnswer.
  kSniff = 5,         ///< host -> child: path and head
  kCreate = 6,        ///< host -> child: options
  kOpen = 7,          ///< host -> child: path and its display name
  kNext = 8,          ///< host -> child: batch hint
  kSourceAnswer = 9,  ///< child -> host: status, logs, verdict or records
  kInspect = 10,      ///< host -> child: path (after kCreate; answered with an inspection)
  kSplit = 11,        ///< host -> child: path and parts (after kCreate; answered with pieces)
  kOpenPiece = 12,    ///< host -> child: path, display and a piece's token
};

/// The version of this format; INIT carries it and the child refuses
/// another (version 1 had no version field and no source frames; version 2
/// no kInspect, kSplit or kOpenPiece, and no inspection or pieces in a
/// source answer).
inline constexpr uint32_t kWireVersion = 3;

/// What an INIT asks the child to run.
enum class ChildRole : uint8_t {
  kAnalysis = 0,  ///< load, create(), then analyse batches
  kSource = 1,    ///< load only; sniff, create, open, next on request
};

/// Largest frame either side accepts. A default batch (2,000 records) and
/// its results take a few MB; a larger one is refused with a message to
/// lower --batch-size, never blamed on the plugin. Kept small because the
/// child decides the size of what the host allocates.
inline constexpr uint32_t kMaxFrameBytes = 64u << 20;

/// Appends little-endian fixed-width values and length-prefixed strings.
class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void F64(double v);
  void Str(std::string_view s);
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

/// Reads what Writer wrote; every call returns false (and stays false) once
/// the input is short or a length is absurd.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool U8(uint8_t* v);
  bool U32(uint32_t* v);
  bool U64(uint64_t* v);
  bool I64(int64_t* v);
  bool F64(double* v);
  bool Str(std::string* s);
  /// True when every byte was read and nothing failed.
  bool Done() const { return ok_ && in_.empty(); }
  /// True when `count` items of at least `min_bytes` each could still
  /// follow: a count from the peer never allocates more than it sent.
  bool Fits(uint32_t count, size_t min_bytes) const { return count <= in_.size() / min_bytes; }

 private:
  bool Take(size_t n, const char** p);
  std::string_view in_;
  bool ok_ = true;
};

/// Limits the host puts on what an analysis plugin reads and returns.
struct AnalysisLimits {
  size_t text_bytes = 32 * 1024;   ///< of a unit's text handed to plugins
  size_t value_bytes = 64 * 1024;  ///< of one string or JSON result value
  size_t evidence_items = 4096;    ///< per result (a cue per 8 bytes of a whole text)
  size_t evidence_bytes = 1024;    ///< of one evidence item
};

struct InitMessage {
  uint32_t version = kWireVersion;
  ChildRole role = ChildRole::kAnalysis;
  std::string module_path;
  std::string plugin;
  OptionMap options;
  AnalysisLimits limits;
  uint32_t log_threshold = 1;  ///< the host's Severity threshold (--quiet)
};

void EncodeInit(const InitMessage& m, Writer* w);
/// False on a short or malformed payload and on another kWireVersion.
bool DecodeInit(std::string_view payload, InitMessage* m);

/// Optional numbers: a presence byte and the value.
void OptF64(Writer* w, const std::optional<double>& v);
bool OptF64(Reader* r, std::optional<double>* v);

/// One record's fields but its answers and source (what an analysis plugin
/// sees). GetRecord returns false on short or malformed input.
void PutRecord(const FeedbackRecord& record, Writer* w);
bool GetRecord(Reader* r, FeedbackRecord* record);

/// The fields of each record an analysis plugin can see (no answers).
void EncodeRecords(const std::vector<FeedbackRecord>& records, Writer* w);
bool DecodeRecords(std::string_view payload, std::vector<FeedbackRecord>* records);

/// A status (code and message) followed by result rows (plugin name left
/// out: the host knows whom it asked).
void EncodeResults(const Status& status, const std::vector<ResultRow>& rows, Writer* w);
/// `limits` bound the evidence and spans per row before anything of them is
/// allocated (the child's counts are untrusted).
bool DecodeResults(std::string_view payload, Status* status, std::vector<ResultRow>* rows,
                   const AnalysisLimits& limits = {});

}  // namespace cxmap::core::wire
