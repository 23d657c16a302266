// SPDX-License-Identifier: Apache-2.0
// Test: an analysis that throws on a text containing "boom" and returns an
// error on "fail"; the SDK layer must turn both into errors.
#include <stdexcept>

#include "cxmap/cxmap.h"

class Throws : public cxmap::AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_test_throws", kVersion = "1.0.0",
                                    kDescription = "Test: throws on 'boom'", kVendor = "cxmap tests";
  static constexpr std::array<cxmap_option_decl, 0> kOptions{};
  static constexpr std::array kFields = {cxmap::Field("ok", cxmap::FieldType::kBool, "always true")};
  static cxmap::Result<std::unique_ptr<Throws>> Create(const cxmap::Host&, const cxmap::OptionValues&) {
    return std::make_unique<Throws>();
  }
  cxmap::Status Analyze(const cxmap::RecordBatch& batch, cxmap::ResultWriter& out) override {
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].text().find("boom") != std::string_view::npos) throw std::runtime_error("kaboom");
      if (batch[i].text().find("fail") != std::string_view::npos) {
        return cxmap::Status::Corruption("cannot analyse 'fail'");
      }
      CXMAP_RETURN_IF_ERROR(out.Set(i, "ok", cxmap::Value::Bool(true)));
    }
    return cxmap::Status::Ok();
  }
};

CXMAP_ANALYSIS_PLUGIN(Throws, analysis_test_throws)
