// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/abi_analysis.h"
#include "cxmap/record.h"
#include "cxmap/status.h"

namespace cxmap {

/// A typed result value. Build with the named factories.
struct Value {
  int32_t type = CXMAP_TYPE_NULL;
  int64_t integer = 0;
  double real = 0;
  std::string text;

  static Value Null() { return {}; }
  static Value String(std::string_view s) { return {CXMAP_TYPE_STRING, 0, 0, std::string(s)}; }
  static Value Integer(int64_t i) { return {CXMAP_TYPE_INTEGER, i, 0, {}}; }
  static Value Real(double d) { return {CXMAP_TYPE_REAL, 0, d, {}}; }
  static Value Bool(bool b) { return {CXMAP_TYPE_BOOL, b ? 1 : 0, 0, {}}; }
  /// `json` must be one valid JSON value; the host checks it.
  static Value Json(std::string_view json) { return {CXMAP_TYPE_JSON, 0, 0, std::string(json)}; }
};

/// Where a piece of evidence was found (ABI 1.5): bytes [begin, end) of the
/// record's whole text, also for a sentence's result, on UTF-8 character
/// boundaries; `evidence` is the index of the item it supports in the
/// result's evidence list. A report highlights these bytes in its quotes.
struct EvidenceSpan {
  size_t begin = 0, end = 0;
  uint32_t evidence = 0;
};

/// The records of one batch, as read-only views. Valid during Analyze().
class RecordBatch {
 public:
  RecordBatch(const cxmap_record* records, size_t count) : records_(records), count_(count) {}
  size_t size() const { return count_; }
  RecordView operator[](size_t i) const { return RecordView(&records_[i]); }

 private:
  const cxmap_record* records_;
  size_t count_;
};

/// Where an analysis writes its results. Borrowed for one Analyze() call.
class ResultWriter {
 public:
  explicit ResultWriter(const cxmap_result_sink* sink) : sink_(sink) {}

  /// A record-level value of a declared field, with the cues that decided it
  /// and where in the record's text they are (spans, optional).
  Status Set(size_t record, std::string_view field, const Value& value,
             const std::vector<std::string>& evidence = {},
             std::span<const EvidenceSpan> spans = {}) {
    return Emit(record, -1, {}, field, value, evidence, spans);
  }
  /// A value for sentence `sentence` (0-based) of a record. Pass the
  /// sentence's text at least with its first field. Spans count bytes of the
  /// record's text, not of the sentence's.
  Status SetSentence(size_t record, int32_t sentence, std::string_view sentence_text,
                     std::string_view field, const Value& value,
                     const std::vector<std::string>& evidence = {},
                     std::span<const EvidenceSpan> spans = {}) {
    return Emit(record, sentence, sentence_text, field, value, evidence, spans);
  }

 private:
  Status Emit(size_t record, int32_t sentence, std::string_view sentence_text,
              std::string_view field, const Value& value, const std::vector<std::string>& ev,
              std::span<const EvidenceSpan> spans) {
    evidence_.clear();
    for (const auto& e : ev) evidence_.push_back(ToC(e));
    spans_.clear();
    for (const EvidenceSpan& s : spans) spans_.push_back(cxmap_span{s.begin, s.end, s.evidence});
    cxmap_result r{};
    r.struct_size = sizeof(cxmap_result);
    r.record_index = static_cast<uint32_t>(record);
    r.sentence_index = sentence;
    r.sentence_text = ToC(sentence_text);
    r.field = ToC(field);
    r.type = value.type;
    r.integer_value = value.integer;
    r.real_value = value.real;
    r.text_value = ToC(value.text);
    r.evidence = evidence_.data();
    r.evidence_count = evidence_.size();
    r.spans = spans_.data();
    r.span_count = spans_.size();
    int32_t rc = sink_->emit(sink_->ctx, &r);
    return rc == CXMAP_OK ? Status::Ok()
                          : Status(static_cast<Code>(rc), "host refused result '" + std::string(field) + "'");
  }

  const cxmap_result_sink* sink_;
  std::vector<cxmap_str> evidence_;
  std::vector<cxmap_span> spans_;
};

/// Base class of an analysis plugin written in C++. Register the subclass
/// with CXMAP_ANALYSIS_PLUGIN (cxmap/plugin.h). Besides Analyze() it
/// provides, as statics: kName, kVersion, kDescription, kVendor, kOptions
/// (as for sources), kFields (std::array of cxmap::Field(...)) and
///   static Result<std::unique_ptr<T>> Create(const Host&, const OptionValues&);
/// The host creates one instance per worker thread: an instance never sees
/// two calls at once, so it may keep scratch buffers.
class AnalysisPlugin {
 public:
  virtual ~AnalysisPlugin() = default;
  /// Analyses every record of `batch`, writing results for declared fields.
  virtual Status Analyze(const RecordBatch& batch, ResultWriter& out) = 0;
};

}  // namespace cxmap
