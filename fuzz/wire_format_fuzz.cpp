// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the bytes an isolated plugin process sends back
// (core/plugin_host/wire_format.h): the child runs third-party code, so
// cxmap decodes whatever it sends. The first byte picks the decoder
// (results, records, init, a source's answer, a source request); whatever decodes encodes to bytes that decode
// to the same values, and decoding never allocates more than the limits
// and the input allow (ASan would report the exhaustion).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/plugin_host/wire_format.h"
#include "core/plugin_host/wire_source.h"

using namespace cxmap::core;

namespace {

bool SameRows(const std::vector<ResultRow>& a, const std::vector<ResultRow>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const ResultRow& x = a[i];
    const ResultRow& y = b[i];
    if (x.record_index != y.record_index || x.field != y.field || x.sentence != y.sentence ||
        x.sentence_text != y.sentence_text || x.type != y.type || x.integer != y.integer ||
        x.text != y.text || x.evidence != y.evidence || x.spans != y.spans) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  wire::AnalysisLimits limits;
  limits.evidence_items = 16;
  switch (data[0] % 5) {
    case 0: {
      cxmap::Status status;
      std::vector<ResultRow> rows;
      if (!wire::DecodeResults(bytes, &status, &rows, limits)) return 0;
      for (const ResultRow& r : rows) {
        if (r.evidence.size() > limits.evidence_items || r.spans.size() > 4 * limits.evidence_items) {
          std::abort();  // the limits hold while decoding
        }
      }
      wire::Writer w;
      wire::EncodeResults(status, rows, &w);
      cxmap::Status again_status;
      std::vector<ResultRow> again;
      if (!wire::DecodeResults(w.bytes(), &again_status, &again, limits)) std::abort();
      if (again_status.code() != status.code() || !SameRows(rows, again)) std::abort();
      return 0;
    }
    case 1: {
      std::vector<FeedbackRecord> records;
      if (!wire::DecodeRecords(bytes, &records)) return 0;
      wire::Writer w;
      wire::EncodeRecords(records, &w);
      std::vector<FeedbackRecord> again;
      if (!wire::DecodeRecords(w.bytes(), &again) || again.size() != records.size()) std::abort();
      for (size_t i = 0; i < records.size(); ++i) {
        if (again[i].id != records[i].id || again[i].rec.text != records[i].rec.text ||
            again[i].rec.attributes != records[i].rec.attributes) {
          std::abort();
        }
      }
      return 0;
    }
    case 3: {
      wire::SourceAnswer answer;
      if (!wire::DecodeSourceAnswer(bytes, &answer)) return 0;
      if (answer.logs.size() > wire::kMaxLogLines + 1) std::abort();
      wire::Writer w;
      wire::EncodeSourceAnswer(answer, &w);
      wire::SourceAnswer again;
      if (!wire::DecodeSourceAnswer(w.bytes(), &again) ||
          again.records.size() != answer.records.size() ||
          again.rejects.size() != answer.rejects.size() || again.skips.size() != answer.skips.size() ||
          again.status.code() != answer.status.code() || again.reason != answer.reason) {
        std::abort();
      }
      for (size_t i = 0; i < answer.records.size(); ++i) {
        const cxmap::Record& x = answer.records[i].rec;
        const cxmap::Record& y = again.records[i].rec;
        if (x.text != y.text || x.answers.size() != y.answers.size()) std::abort();
        for (size_t k = 0; k < x.answers.size(); ++k) {
          if (x.answers[k].value != y.answers[k].value || x.answers[k].kind != y.answers[k].kind) {
            std::abort();
          }
        }
      }
      return 0;
    }
    case 4: {
      wire::SourceRequest request;
      if (!wire::DecodeSourceRequest(bytes, &request)) return 0;
      wire::Writer w;
      wire::EncodeSourceRequest(request, &w);
      wire::SourceRequest again;
      if (!wire::DecodeSourceRequest(w.bytes(), &again) || again.path != request.path ||
          again.head != request.head || again.options != request.options ||
          again.hint != request.hint) {
        std::abort();
      }
      return 0;
    }
    default: {
      wire::InitMessage init;
      if (!wire::DecodeInit(bytes, &init)) return 0;
      wire::Writer w;
      wire::EncodeInit(init, &w);
      wire::InitMessage again;
      if (!wire::DecodeInit(w.bytes(), &again) || again.options != init.options ||
          again.module_path != init.module_path) {
        std::abort();
      }
      return 0;
    }
  }
}
