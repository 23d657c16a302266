// SPDX-License-Identifier: Apache-2.0
// cxmap's linear model file: its layout, its content and a bounds-checked
// parser. Written by core/ml/linear_model_writer; queried through
// cxmap/linear_model.h.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap {

/// File layout: integers u32 and floats IEEE-754 binary32, little-endian.
///   magic "CXLINMOD", version (1), max_ngram (1 or 2), flags (kLinear*)
///   label count (>= 2), each label: byte length, UTF-8 bytes
///   term count, each term: byte length, bytes, idf (> 0); terms strictly
///     ascending by bytes; a bigram is its two tokens joined by one space
///   per label, in label order: bias, ratio[term count], weight[term count]
/// and nothing after. Every float is finite.
inline constexpr std::string_view kLinearModelMagic = "CXLINMOD";
inline constexpr uint32_t kLinearModelVersion = 1;
inline constexpr uint32_t kLinearSublinearTf = 1;  ///< tf -> 1 + ln(tf)
inline constexpr uint32_t kLinearRenormalise = 2;  ///< L2-normalise again after NB scaling
/// Also the character 3- to 5-grams of every token (padded "<tok>"), as
/// terms of their own that start with a space (no word or word pair does);
/// the character part and the word part of a row are L2-normalised apart.
inline constexpr uint32_t kLinearCharNgrams = 4;
inline constexpr uint32_t kLinearKnownFlags = kLinearSublinearTf | kLinearRenormalise | kLinearCharNgrams;

/// The content of a model file, as parsed or as to be written.
struct LinearModelData {
  uint32_t max_ngram = 2;
  uint32_t flags = kLinearSublinearTf;
  std::vector<std::string> labels;
  std::vector<std::string> terms;
  std::vector<float> idf;     ///< per term
  std::vector<float> bias;    ///< per label
  std::vector<float> ratio;   ///< [label * terms + term]: NB log-count ratio
  std::vector<float> weight;  ///< [label * terms + term]
};

/// True when `head` (a file's first bytes) starts with the magic.
inline bool HasLinearModelMagic(std::string_view head) { return head.starts_with(kLinearModelMagic); }

/// Parses `bytes` as a model file. Untrusted input: every count and length
/// is checked against the bytes left, so a damaged file gives
/// kCorruption (kNotSupported for another version) naming `name`, the byte
/// offset and what is wrong; never a crash or an oversized allocation.
Result<LinearModelData> ParseLinearModel(std::string_view bytes, std::string_view name);

namespace linear_model_detail {

// A bounds-checked little-endian reader; `error` keeps the first failure
// and the offset of the field at fault.
struct Reader {
  std::string_view bytes;
  size_t pos = 0;
  std::string error;

  size_t left() const { return bytes.size() - pos; }
  bool FailAt(size_t at, const std::string& what) {
    if (error.empty()) error = "at byte " + std::to_string(at) + ": " + what;
    return false;
  }
  bool U32(uint32_t& v, const char* what) {
    if (left() < 4) return FailAt(pos, std::string("truncated reading ") + what);
    v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[pos + i]);
    pos += 4;
    return true;
  }
  bool F32(float& f, const char* what) {
    uint32_t v;
    if (!U32(v, what)) return false;
    f = std::bit_cast<float>(v);
    if (!std::isfinite(f)) return FailAt(pos - 4, std::string(what) + " is not a finite number");
    return true;
  }
  bool Str(std::string& s, const char* what) {
    uint32_t n;
    if (!U32(n, what)) return false;
    if (n == 0) return FailAt(pos - 4, std::string(what) + " is empty");
    if (n > left()) return FailAt(pos - 4, std::string(what) + " length " + std::to_string(n) + " runs past the end");
    s.assign(bytes.substr(pos, n));
    pos += n;
    return true;
  }
  // A count of items that each take at least `min_bytes`, checked before
  // anything is allocated for them.
  bool Count(uint32_t& n, size_t min_bytes, const char* what) {
    if (!U32(n, what)) return false;
    if (static_cast<uint64_t>(n) * min_bytes > left()) {
      return FailAt(pos - 4, std::string(what) + " " + std::to_string(n) + " needs more bytes than are left");
    }
    return true;
  }
};

inline bool ReadBody(Reader& r, LinearModelData& d) {
  uint32_t nl, nt;
  if (!r.U32(d.max_ngram, "max n-gram")) return false;
  if (d.max_ngram < 1 || d.max_ngram > 2) return r.FailAt(r.pos - 4, "max n-gram must be 1 or 2");
  if (!r.U32(d.flags, "flags")) return false;
  if (d.flags & ~kLinearKnownFlags) return r.FailAt(r.pos - 4, "unknown flags");
  if (!r.Count(nl, 5, "label count")) return false;
  if (nl < 2) return r.FailAt(r.pos - 4, "fewer than two labels");
  d.labels.resize(nl);
  for (std::string& l : d.labels) {
    if (!r.Str(l, "label")) return false;
  }
  if (!r.Count(nt, 9, "term count")) return false;
  d.terms.resize(nt);
  d.idf.resize(nt);
  for (uint32_t t = 0; t < nt; ++t) {
    size_t at = r.pos;
    if (!r.Str(d.terms[t], "term")) return false;
    if (t > 0 && !(d.terms[t - 1] < d.terms[t])) return r.FailAt(at, "terms are not in strictly ascending order");
    if (!r.F32(d.idf[t], "idf")) return false;
    if (!(d.idf[t] > 0)) return r.FailAt(r.pos - 4, "idf is not positive");
  }
  uint64_t want = static_cast<uint64_t>(nl) * (4 + 8 * static_cast<uint64_t>(nt));
  if (r.left() != want) {
    return r.FailAt(r.pos, "weights take " + std::to_string(want) + " bytes but " + std::to_string(r.left()) +
                               " are left");
  }
  d.bias.resize(nl);
  d.ratio.resize(static_cast<size_t>(nl) * nt);
  d.weight.resize(static_cast<size_t>(nl) * nt);
  for (uint32_t l = 0; l < nl; ++l) {
    if (!r.F32(d.bias[l], "bias")) return false;
    for (uint32_t t = 0; t < nt; ++t) {
      if (!r.F32(d.ratio[size_t{l} * nt + t], "NB ratio")) return false;
    }
    for (uint32_t t = 0; t < nt; ++t) {
      if (!r.F32(d.weight[size_t{l} * nt + t], "weight")) return false;
    }
  }
  return true;
}

}  // namespace linear_model_detail

inline Result<LinearModelData> ParseLinearModel(std::string_view bytes, std::string_view name) {
  std::string where = "linear model " + std::string(name) + ": ";
  if (!HasLinearModelMagic(bytes)) return Status::Corruption(where + "not a cxmap linear model (no CXLINMOD magic)");
  linear_model_detail::Reader r{bytes, kLinearModelMagic.size()};
  uint32_t version;
  if (!r.U32(version, "version")) return Status::Corruption(where + r.error);
  if (version != kLinearModelVersion) {
    return Status::NotSupported(where + "format version " + std::to_string(version) + ", this build reads " +
                                std::to_string(kLinearModelVersion));
  }
  LinearModelData d;
  if (!linear_model_detail::ReadBody(r, d)) return Status::Corruption(where + r.error);
  return d;
}

}  // namespace cxmap
