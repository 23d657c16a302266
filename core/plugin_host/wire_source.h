// SPDX-License-Identifier: Apache-2.0
// The frames between cxmap and a source plugin running in a process of its
// own (isolated_source.h): one SourceRequest out, one SourceAnswer back
// (wire_format.h has the framing, the version and the limits). The answer
// carries the plugin's log lines of that call too, so they reach cxmap's
// log with the plugin's name, in order, at the host's threshold.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/batch.h"
#include "core/plugin_host/plugin_options.h"
#include "core/plugin_host/wire_format.h"
#include "cxmap/source_plugin.h"

namespace cxmap::core::wire {

/// host -> child. The frame type says which fields count: kSniff (path,
/// head), kCreate (options), kOpen (path, display), kNext (hint), kInspect
/// (path), kSplit (path; hint = the most pieces wanted), kOpenPiece (path,
/// display, token).
struct SourceRequest {
  std::string path;
  std::string display;  ///< the input's name in records and messages
  std::string head;     ///< the first bytes of `path`, for sniff()
  OptionMap options;
  uint64_t hint = 0;  ///< records wanted from one next_batch()
  std::string token;  ///< the piece to open
};

/// One line the plugin (or the child) logged while serving a request.
struct LogLine {
  uint32_t severity = 0;  ///< core Severity
  std::string tag;
  std::string message;
};

/// child -> host, for every request. Records, rejects and skips are those
/// of one next_batch(); the sniff verdict that of one sniff(); the
/// inspection that of one inspect(); the pieces those of one split().
struct SourceAnswer {
  Status status;
  std::vector<LogLine> logs;
  double confidence = 0;
  std::string format, reason;
  bool at_end = false;
  uint64_t bytes_done = 0, bytes_total = 0;
  std::vector<FeedbackRecord> records;  ///< with answers; id and source are the host's to set
  std::vector<Rejection> rejects;
  std::vector<Rejection> skips;
  bool inspected = false;  ///< `inspection` holds inspect()'s answer
  Inspection inspection;
  std::vector<Piece> pieces;
};

/// Most log lines one answer carries; a plugin that logs more in one call
/// has the rest counted in one last line.
inline constexpr size_t kMaxLogLines = 1000;

void EncodeSourceRequest(const SourceRequest& m, Writer* w);
bool DecodeSourceRequest(std::string_view payload, SourceRequest* m);
void EncodeSourceAnswer(const SourceAnswer& m, Writer* w);
/// False on a short or malformed payload; counts are checked against what
/// the payload can hold before anything is allocated.
bool DecodeSourceAnswer(std::string_view payload, SourceAnswer* m);

}  // namespace cxmap::core::wire
