// SPDX-License-Identifier: Apache-2.0
// A linear text classifier in cxmap's own file format: NB-scaled tf-idf
// features over the ModelTokens tokens, one logistic regression per label.
// `cxmap train --learner nblr` (core/ml/linear_trainer.*) writes it; the
// core and plugins read and query it with this one header, so the features
// seen at prediction are the features trained on.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
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

/// One non-zero feature of a text.
struct LinearFeature {
  uint32_t index;
  float value;
};

/// Calls `f(term)` for every token of a space-separated token string and,
/// when `max_ngram` is 2, every pair of neighbouring tokens ("a b"). Runs
/// of spaces count as one. `term` is valid only during the call.
template <typename F>
void ForEachLinearTerm(std::string_view tokens, uint32_t max_ngram, F&& f) {
  std::string pair;
  std::string_view prev;
  size_t i = 0;
  while (i < tokens.size()) {
    size_t end = tokens.find(' ', i);
    if (end == std::string_view::npos) end = tokens.size();
    std::string_view tok = tokens.substr(i, end - i);
    i = end + 1;
    if (tok.empty()) continue;
    f(tok);
    if (max_ngram >= 2 && !prev.empty()) {
      pair.assign(prev).append(1, ' ').append(tok);
      f(std::string_view(pair));
    }
    prev = tok;
  }
}

/// Term indices (any order, repeats = counts) -> sorted features whose
/// values are (sublinear) tf times idf, L2-normalised. `ids` is reordered.
inline std::vector<LinearFeature> LinearTfIdfRow(std::vector<uint32_t>& ids,
                                                 const std::vector<float>& idf, uint32_t flags) {
  std::sort(ids.begin(), ids.end());
  std::vector<LinearFeature> row;
  double norm = 0;
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j < ids.size() && ids[j] == ids[i]) ++j;
    double tf = static_cast<double>(j - i);
    if (flags & kLinearSublinearTf) tf = 1 + std::log(tf);
    double v = tf * idf[ids[i]];
    norm += v * v;
    row.push_back({ids[i], static_cast<float>(v)});
    i = j;
  }
  if (norm > 0) {
    float inv = static_cast<float>(1 / std::sqrt(norm));
    for (LinearFeature& x : row) x.value *= inv;
  }
  return row;
}

/// `row` times the NB ratios of one label (`ratio` points at its first),
/// L2-normalised again when `flags` has kLinearRenormalise. In place.
inline void ScaleLinearRow(std::vector<LinearFeature>& row, const float* ratio, uint32_t flags) {
  double norm = 0;
  for (LinearFeature& x : row) {
    x.value *= ratio[x.index];
    norm += static_cast<double>(x.value) * x.value;
  }
  if ((flags & kLinearRenormalise) && norm > 0) {
    float inv = static_cast<float>(1 / std::sqrt(norm));
    for (LinearFeature& x : row) x.value *= inv;
  }
}

/// Parses `bytes` as a model file. Untrusted input: every count and length
/// is checked against the bytes left, so a damaged file gives
/// kCorruption (kNotSupported for another version) naming `name`, the byte
/// offset and what is wrong; never a crash or an oversized allocation.
Result<LinearModelData> ParseLinearModel(std::string_view bytes, std::string_view name);

/// A loaded model. Immutable: every method is const and thread-safe.
class LinearModel {
 public:
  /// True when `head` (the file's first bytes) starts with the magic.
  static bool HasMagic(std::string_view head) { return head.starts_with(kLinearModelMagic); }

  /// Validates parsed (or freshly trained) data; kCorruption naming `name`.
  static Result<LinearModel> FromData(LinearModelData data, std::string_view name);

  /// Reads and parses a file. kNotFound / kIoError naming `path`, or the
  /// parser's errors.
  static Result<LinearModel> Load(const std::string& path);

  const LinearModelData& data() const { return d_; }
  const std::vector<std::string>& labels() const { return d_.labels; }

  /// The tf-idf row of a token string (ModelTokens / DefaultTokenize).
  std::vector<LinearFeature> Features(std::string_view tokens) const {
    std::vector<uint32_t> ids;
    ForEachLinearTerm(tokens, d_.max_ngram, [&](std::string_view term) {
      auto it = std::lower_bound(d_.terms.begin(), d_.terms.end(), term,
                                 [](const std::string& a, std::string_view b) { return a < b; });
      if (it != d_.terms.end() && *it == term) ids.push_back(static_cast<uint32_t>(it - d_.terms.begin()));
    });
    return LinearTfIdfRow(ids, d_.idf, d_.flags);
  }

  /// The logistic output of label `l` for a tf-idf row, in (0, 1).
  double LabelProbability(const std::vector<LinearFeature>& row, size_t l) const {
    size_t base = l * d_.terms.size();
    std::vector<LinearFeature> x = row;
    ScaleLinearRow(x, d_.ratio.data() + base, d_.flags);
    double s = d_.bias[l];
    for (const LinearFeature& f : x) s += static_cast<double>(f.value) * d_.weight[base + f.index];
    // A hostile file can make inf - inf; such a label says nothing.
    return std::isnan(s) ? 0.5 : 1 / (1 + std::exp(-s));
  }

  /// P(label) per label in labels() order: the one-vs-rest logistic
  /// outputs divided by their sum. `known` (optional) receives the number
  /// of distinct terms the model knew; with none, the biases alone decide.
  std::vector<double> Probabilities(std::string_view tokens, size_t* known = nullptr) const {
    std::vector<LinearFeature> row = Features(tokens);
    if (known) *known = row.size();
    std::vector<double> p(d_.labels.size());
    double sum = 0;
    for (size_t l = 0; l < p.size(); ++l) sum += p[l] = LabelProbability(row, l);
    for (double& v : p) v = sum > 0 ? v / sum : 1.0 / p.size();  // every label underflowed: uniform
    return p;
  }

 private:
  LinearModelData d_;
};

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
  if (d.flags & ~(kLinearSublinearTf | kLinearRenormalise)) return r.FailAt(r.pos - 4, "unknown flags");
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
  if (!LinearModel::HasMagic(bytes)) return Status::Corruption(where + "not a cxmap linear model (no CXLINMOD magic)");
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

inline Result<LinearModel> LinearModel::FromData(LinearModelData data, std::string_view name) {
  size_t nl = data.labels.size(), nt = data.terms.size();
  if (nl < 2 || data.idf.size() != nt || data.bias.size() != nl || data.ratio.size() != nl * nt ||
      data.weight.size() != nl * nt || data.max_ngram < 1 || data.max_ngram > 2) {
    return Status::Corruption("linear model " + std::string(name) + ": inconsistent sizes");
  }
  LinearModel m;
  m.d_ = std::move(data);
  return m;
}

inline Result<LinearModel> LinearModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("linear model " + path + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError("linear model " + path + ": read failed");
  Result<LinearModelData> d = ParseLinearModel(bytes, path);
  if (!d.ok()) return d.status();
  return FromData(std::move(d).value(), path);
}

}  // namespace cxmap
