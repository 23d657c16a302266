// SPDX-License-Identifier: Apache-2.0
// Test: a second module that registers the name analysis_test_echo again.
#include "cxmap/cxmap.h"

class EchoAgain : public cxmap::AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_test_echo", kVersion = "2.0.0",
                                    kDescription = "Test: duplicate name", kVendor = "cxmap tests";
  static constexpr std::array<cxmap_option_decl, 0> kOptions{};
  static constexpr std::array kFields = {cxmap::Field("length", cxmap::FieldType::kInteger, "")};
  static cxmap::Result<std::unique_ptr<EchoAgain>> Create(const cxmap::Host&,
                                                          const cxmap::OptionValues&) {
    return std::make_unique<EchoAgain>();
  }
  cxmap::Status Analyze(const cxmap::RecordBatch&, cxmap::ResultWriter&) override {
    return cxmap::Status::Ok();
  }
};

CXMAP_ANALYSIS_PLUGIN(EchoAgain, analysis_test_echo)
