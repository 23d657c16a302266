// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <string_view>

#include "cxmap/analysis_plugin.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "pii_scanner.h"

namespace cxmap_samples {

/// Flags personal data a CX team must not publish (e-mail addresses, phone
/// numbers, card numbers) in each record's text. Results never contain a
/// raw value: evidence and masked_text carry masked forms only. One
/// instance per worker thread (AnalysisPlugin contract); stateless between
/// calls.
class PiiFlagsAnalysis final : public cxmap::AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_pii_flags";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Flags e-mail addresses, VN/TH/CN/international phone numbers and card numbers";
  static constexpr std::string_view kVendor = "cxmap samples";
  static constexpr std::array kOptions = {
      cxmap::Option("check_emails", cxmap::OptionType::kBool, "true", "Look for e-mail addresses"),
      cxmap::Option("check_phones", cxmap::OptionType::kBool, "true",
                    "Look for phone numbers (VN, TH, CN, +country)"),
      cxmap::Option("check_cards", cxmap::OptionType::kBool, "true",
                    "Look for 13-19 digit card numbers passing the Luhn check"),
      cxmap::Option("emit_masked_text", cxmap::OptionType::kBool, "true",
                    "Write masked_text, the text with every finding masked"),
  };
  static constexpr std::array kFields = {
      cxmap::Field("has_pii", cxmap::FieldType::kBool,
                   "True when the text holds personal data; evidence: kind(region):masked value"),
      cxmap::Field("pii_kinds", cxmap::FieldType::kJson,
                   "Distinct kinds found, e.g. [\"phone\",\"email\"]; [] when none"),
      cxmap::Field("pii_count", cxmap::FieldType::kInteger, "Number of findings"),
      cxmap::Field("masked_text", cxmap::FieldType::kString,
                   "The text with every finding masked (only when has_pii)"),
  };

  /// Never fails: every option is a bool with a default.
  static cxmap::Result<std::unique_ptr<PiiFlagsAnalysis>> Create(const cxmap::Host& host,
                                                                  const cxmap::OptionValues& options);

  PiiFlagsAnalysis(const cxmap::Host& host, const ScanOptions& scan, bool emit_masked_text);

  cxmap::Status Analyze(const cxmap::RecordBatch& batch, cxmap::ResultWriter& out) override;

 private:
  cxmap::Host host_;
  ScanOptions scan_;
  bool emit_masked_text_;
};

}  // namespace cxmap_samples
