// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the linear model parser (sdk/include/cxmap/
// linear_model_format.h): arbitrary bytes are parsed; a file that parses must
// write back to exactly the same bytes (the format has one spelling of
// each model) and predict finite probabilities that sum to 1.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/ml/linear_model_writer.h"
#include "cxmap/linear_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cxmap::Result<cxmap::LinearModelData> d = cxmap::ParseLinearModel(bytes, "fuzz");
  if (!d.ok()) {
    if (d.status().message().find("linear model fuzz: ") != 0) std::abort();  // names the file
    return 0;
  }
  if (cxmap::core::ml::SerializeLinearModel(*d) != bytes) std::abort();
  auto m = cxmap::LinearModel::FromData(std::move(d).value(), "fuzz");
  if (!m.ok()) std::abort();  // the parser only yields consistent data
  // Query with the model's own terms (so features are found) and a miss.
  std::string tokens = "zz-unknown";
  for (size_t t = 0; t < m->data().terms.size() && t < 8; ++t) tokens += " " + m->data().terms[t];
  double sum = 0;
  for (double p : m->Probabilities(tokens)) {
    if (!(p >= 0 && p <= 1)) std::abort();
    sum += p;
  }
  if (std::fabs(sum - 1) > 1e-9) std::abort();
  return 0;
}
