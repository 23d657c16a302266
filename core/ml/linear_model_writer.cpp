// SPDX-License-Identifier: Apache-2.0
#include "core/ml/linear_model_writer.h"

#include <bit>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace cxmap::core::ml {
namespace {

// Little-endian whatever the host's byte order, as the reader expects.
void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutF32(std::string& out, float f) { PutU32(out, std::bit_cast<uint32_t>(f)); }
void PutStr(std::string& out, const std::string& s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out += s;
}

}  // namespace

std::string SerializeLinearModel(const LinearModelData& d) {
  std::string out(kLinearModelMagic);
  PutU32(out, kLinearModelVersion);
  PutU32(out, d.max_ngram);
  PutU32(out, d.flags);
  PutU32(out, static_cast<uint32_t>(d.labels.size()));
  for (const std::string& l : d.labels) PutStr(out, l);
  PutU32(out, static_cast<uint32_t>(d.terms.size()));
  for (size_t t = 0; t < d.terms.size(); ++t) {
    PutStr(out, d.terms[t]);
    PutF32(out, d.idf[t]);
  }
  size_t nt = d.terms.size();
  for (size_t l = 0; l < d.labels.size(); ++l) {
    PutF32(out, d.bias[l]);
    for (size_t t = 0; t < nt; ++t) PutF32(out, d.ratio[l * nt + t]);
    for (size_t t = 0; t < nt; ++t) PutF32(out, d.weight[l * nt + t]);
  }
  return out;
}

}  // namespace cxmap::core::ml
