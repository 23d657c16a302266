// SPDX-License-Identifier: Apache-2.0
// A linear text classifier in cxmap's own file format: NB-scaled tf-idf
// features over the ModelTokens tokens, one logistic regression per label.
// `cxmap train --learner nblr` (core/ml/linear_trainer.*) writes it; the
// core and plugins read (cxmap/linear_model_format.h) and query it with
// this header, and the trainer builds its rows with the same functions, so
// the features seen at prediction are the features trained on.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/linear_model_format.h"
#include "cxmap/status.h"

namespace cxmap {

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

/// A loaded model. Immutable: every method is const and thread-safe.
class LinearModel {
 public:
  /// True when `head` (the file's first bytes) starts with the magic.
  static bool HasMagic(std::string_view head) { return HasLinearModelMagic(head); }

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
