// SPDX-License-Identifier: Apache-2.0
// The host-side data model that flows through the pipeline: records as the
// host owns them, rejects, and typed analysis results.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cxmap/record.h"

namespace cxmap::core {

/// A record owned by the host. `id` is the stable identity (see
/// MakeRecordId); `rowid` is the store's key once stored (0 before).
struct FeedbackRecord {
  std::string id;
  std::string source;  ///< plugin that read it, e.g. "source_csv_survey"
  int64_t rowid = 0;
  /// The store's key of the response this unit belongs to (0 before it is
  /// stored). A record with empty text is only a response: rowid stays 0.
  int64_t response_rowid = 0;
  Record rec;
};

/// A record a source could not read: the file, the line and why.
struct Rejection {
  std::string file;
  uint64_t line = 0;
  std::string reason;
  std::string excerpt;
};

/// Where a piece of evidence was found (cxmap_span, checked): bytes
/// [begin, end) of the record's text; `evidence` indexes ResultRow::evidence.
struct ResultSpan {
  size_t begin = 0, end = 0;
  uint32_t evidence = 0;
  bool operator==(const ResultSpan&) const = default;
};

/// One typed analysis value (cxmap_result, copied to the host).
struct ResultRow {
  uint32_t record_index = 0;   ///< index into Batch::records
  std::string plugin;          ///< e.g. "analysis_sentiment"
  std::string field;
  int32_t sentence = -1;       ///< -1: the whole record
  std::string sentence_text;
  int32_t type = CXMAP_TYPE_NULL;
  int64_t integer = 0;
  double real = 0;
  std::string text;            ///< STRING or JSON value
  std::vector<std::string> evidence;
  std::vector<ResultSpan> spans;  ///< since ABI 1.5; empty from older plugins
};

/// The unit that travels through the pipeline and is written in one
/// transaction. `plugins` lists the analysis plugins that ran over every
/// record of the batch (so a record with no result is still "analysed").
struct Batch {
  uint64_t sequence = 0;       ///< order of the batch in its input
  std::vector<FeedbackRecord> records;
  std::vector<Rejection> rejects;
  std::vector<Rejection> skips;  ///< rows left out on purpose (excerpt empty)
  std::vector<ResultRow> results;
  std::vector<std::string> plugins;
  uint64_t bytes_done = 0;     ///< source progress after this batch
  uint64_t bytes_total = 0;
};

}  // namespace cxmap::core
