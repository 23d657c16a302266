// SPDX-License-Identifier: Apache-2.0
#include "pii_flags_analysis.h"

#include <string>
#include <vector>

namespace cxmap_samples {
namespace {

// Enough to act on a record without flooding the evidence column.
constexpr size_t kMaxEvidence = 8;

std::string Evidence(const PiiMatch& m) {
  std::string e(PiiKindName(m.kind));
  if (!m.region.empty()) e += "(" + std::string(m.region) + ")";
  return e + ":" + m.masked;
}

}  // namespace

cxmap::Result<std::unique_ptr<PiiFlagsAnalysis>> PiiFlagsAnalysis::Create(
    const cxmap::Host& host, const cxmap::OptionValues& options) {
  ScanOptions scan;
  scan.emails = options.GetBool("check_emails", true);
  scan.phones = options.GetBool("check_phones", true);
  scan.cards = options.GetBool("check_cards", true);
  return std::make_unique<PiiFlagsAnalysis>(host, scan, options.GetBool("emit_masked_text", true));
}

PiiFlagsAnalysis::PiiFlagsAnalysis(const cxmap::Host& host, const ScanOptions& scan,
                                   bool emit_masked_text)
    : host_(host), scan_(scan), emit_masked_text_(emit_masked_text) {}

cxmap::Status PiiFlagsAnalysis::Analyze(const cxmap::RecordBatch& batch, cxmap::ResultWriter& out) {
  for (size_t i = 0; i < batch.size(); ++i) {
    if (host_.Cancelled()) return cxmap::Status::Cancelled("stopped at record " + std::to_string(i));
    cxmap::RecordView record = batch[i];
    ScanOptions scan = scan_;
    scan.language_hint = record.language();
    std::vector<PiiMatch> matches = ScanPii(record.text(), scan);

    std::vector<std::string> evidence;
    std::string kinds = "[";
    bool seen[3] = {false, false, false};
    for (const PiiMatch& m : matches) {
      if (evidence.size() < kMaxEvidence) evidence.push_back(Evidence(m));
      if (!seen[static_cast<int>(m.kind)]) {
        seen[static_cast<int>(m.kind)] = true;
        if (kinds.size() > 1) kinds += ",";
        kinds += "\"" + std::string(PiiKindName(m.kind)) + "\"";
      }
    }
    kinds += "]";
    if (matches.size() > kMaxEvidence) {
      evidence.push_back("more:" + std::to_string(matches.size() - kMaxEvidence));
    }

    CXMAP_RETURN_IF_ERROR(out.Set(i, "has_pii", cxmap::Value::Bool(!matches.empty()), evidence));
    CXMAP_RETURN_IF_ERROR(out.Set(i, "pii_kinds", cxmap::Value::Json(kinds)));
    CXMAP_RETURN_IF_ERROR(
        out.Set(i, "pii_count", cxmap::Value::Integer(static_cast<int64_t>(matches.size()))));
    if (emit_masked_text_ && !matches.empty()) {
      CXMAP_RETURN_IF_ERROR(
          out.Set(i, "masked_text", cxmap::Value::String(MaskText(record.text(), matches))));
    }
  }
  return cxmap::Status::Ok();
}

}  // namespace cxmap_samples
