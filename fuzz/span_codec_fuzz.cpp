// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the stored form of evidence spans
// (core/storage/span_codec.h): arbitrary bytes, as a database edited by
// hand could hold, are decoded; what decodes encodes to bytes that decode
// to the same spans, and no offset can overflow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/storage/span_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto spans = cxmap::core::DecodeSpans(bytes);
  if (!spans.ok()) {
    if (spans.status().code() != cxmap::Code::kCorruption) std::abort();
    return 0;
  }
  for (const auto& s : *spans) {
    if (s.end < s.begin) std::abort();
  }
  auto again = cxmap::core::DecodeSpans(cxmap::core::EncodeSpans(*spans));
  if (!again.ok() || *again != *spans) std::abort();
  return 0;
}
