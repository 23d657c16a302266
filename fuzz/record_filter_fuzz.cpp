// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the --where filter language (core/storage/
// record_filter.h): any text compiles or fails with InvalidArgument, never
// crashes or recurses without bound; placeholders and binds agree; and
// resolving labels to ids keeps a filter that compiled compiling.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/storage/record_filter.h"

namespace {

const cxmap::core::FilterVocabulary& Vocabulary() {
  static const cxmap::core::FilterVocabulary v = [] {
    cxmap::core::FilterVocabulary out;
    auto& stage = out.fields["stage"];
    stage.by_name = {{"purchase", "purchase"}, {"use", "use"}, {"buying", "purchase"}};
    stage.valid = "purchase, use";
    auto& tp = out.fields["touchpoint"];
    tp.by_name = {{"delivery", "delivery"}, {"customer support", "customer_support"}};
    tp.valid = "delivery, customer_support";
    return out;
  }();
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view where(reinterpret_cast<const char*>(data), size);
  auto compiled = cxmap::core::CompileFilter(where);
  if (!compiled.ok()) {
    if (compiled.status().code() != cxmap::Code::kInvalidArgument) std::abort();
  } else {
    size_t marks = 0;
    for (char c : compiled->sql) marks += c == '?';
    if (marks != compiled->binds.size()) std::abort();
  }
  auto resolved = cxmap::core::ResolveFilterValues(where, Vocabulary());
  if (!resolved.ok()) {
    if (resolved.status().code() != cxmap::Code::kInvalidArgument) std::abort();
    return 0;
  }
  if (compiled.ok() && !cxmap::core::CompileFilter(*resolved).ok()) std::abort();
  return 0;
}
