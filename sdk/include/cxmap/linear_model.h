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
#include <functional>
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

/// Calls `f(term)` for the character 3- to 5-grams (code points) of the
/// token padded as "<tok>", each as " " + n-gram (kLinearCharNgrams).
/// `term` is valid only during the call.
template <typename F>
void ForEachLinearCharNgram(std::string_view tok, F&& f) {
  constexpr size_t kMin = 3, kMax = 5;
  thread_local std::string padded, term;
  thread_local std::vector<size_t> starts;  // code point starts, then the end
  padded.assign(1, '<').append(tok).append(1, '>');
  starts.clear();
  for (size_t i = 0; i < padded.size(); ++i) {
    if ((static_cast<unsigned char>(padded[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  size_t cps = starts.size();
  starts.push_back(padded.size());
  for (size_t n = kMin; n <= kMax && n <= cps; ++n) {
    for (size_t i = 0; i + n <= cps; ++i) {
      term.assign(1, ' ').append(padded, starts[i], starts[i + n] - starts[i]);
      f(std::string_view(term));
    }
  }
}

/// Calls `f(term)` for every token of a space-separated token string and,
/// when `max_ngram` is 2, every pair of neighbouring tokens ("a b"); with
/// kLinearCharNgrams in `flags`, every token's character n-grams too. Runs
/// of spaces count as one. `term` is valid only during the call.
template <typename F>
void ForEachLinearTerm(std::string_view tokens, uint32_t max_ngram, uint32_t flags, F&& f) {
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
    if (flags & kLinearCharNgrams) ForEachLinearCharNgram(tok, f);
    prev = tok;
  }
}

/// True for a character n-gram term (see kLinearCharNgrams).
inline bool IsLinearCharTerm(std::string_view term) { return !term.empty() && term[0] == ' '; }

/// Term indices (any order, repeats = counts) -> sorted features whose
/// values are (sublinear) tf times idf, L2-normalised; with
/// kLinearCharNgrams the character terms (`is_char[index]` non-zero) and
/// the word terms are normalised apart, so the many n-grams of a word do
/// not drown the word. `ids` is reordered.
inline std::vector<LinearFeature> LinearTfIdfRow(std::vector<uint32_t>& ids, const std::vector<float>& idf,
                                                 uint32_t flags, const std::vector<uint8_t>& is_char = {}) {
  std::sort(ids.begin(), ids.end());
  std::vector<LinearFeature> row;
  double norm[2] = {0, 0};  // word terms, character terms
  auto part = [&](uint32_t id) { return (flags & kLinearCharNgrams) && id < is_char.size() && is_char[id] ? 1 : 0; };
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j < ids.size() && ids[j] == ids[i]) ++j;
    double tf = static_cast<double>(j - i);
    if (flags & kLinearSublinearTf) tf = 1 + std::log(tf);
    double v = tf * idf[ids[i]];
    norm[part(ids[i])] += v * v;
    row.push_back({ids[i], static_cast<float>(v)});
    i = j;
  }
  float inv[2];
  for (int k = 0; k < 2; ++k) inv[k] = norm[k] > 0 ? static_cast<float>(1 / std::sqrt(norm[k])) : 0.f;
  for (LinearFeature& x : row) x.value *= inv[part(x.index)];
  return row;
}

/// Per term of a sorted vocabulary: 1 for a character n-gram term.
inline std::vector<uint8_t> LinearCharTermMask(const std::vector<std::string>& terms) {
  std::vector<uint8_t> mask(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) mask[i] = IsLinearCharTerm(terms[i]);
  return mask;
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

  /// The index of `term` in the vocabulary, or -1.
  int64_t TermIndex(std::string_view term) const {
    if (slots_.empty()) return -1;
    for (size_t s = std::hash<std::string_view>()(term) & (slots_.size() - 1);;
         s = (s + 1) & (slots_.size() - 1)) {
      uint32_t id = slots_[s];
      if (id == kNoSlot) return -1;
      if (d_.terms[id] == term) return id;
    }
  }

  /// The tf-idf row of a token string (ModelTokens / DefaultTokenize).
  std::vector<LinearFeature> Features(std::string_view tokens) const {
    std::vector<uint32_t> ids;
    ForEachLinearTerm(tokens, d_.max_ngram, d_.flags, [&](std::string_view term) {
      int64_t id = TermIndex(term);
      if (id >= 0) ids.push_back(static_cast<uint32_t>(id));
    });
    return LinearTfIdfRow(ids, d_.idf, d_.flags, is_char_);
  }

  /// The logistic output of label `l` for a tf-idf row, in (0, 1).
  /// ScaleLinearRow's arithmetic, step for step (the trainer scores with
  /// that function), without copying the row for every label.
  double LabelProbability(const std::vector<LinearFeature>& row, size_t l) const {
    size_t base = l * d_.terms.size();
    const float* ratio = d_.ratio.data() + base;
    thread_local std::vector<float> scaled;
    scaled.resize(row.size());
    double norm = 0;
    for (size_t i = 0; i < row.size(); ++i) {
      scaled[i] = row[i].value * ratio[row[i].index];
      norm += static_cast<double>(scaled[i]) * scaled[i];
    }
    if ((d_.flags & kLinearRenormalise) && norm > 0) {
      float inv = static_cast<float>(1 / std::sqrt(norm));
      for (float& v : scaled) v *= inv;
    }
    double s = d_.bias[l];
    for (size_t i = 0; i < row.size(); ++i) s += static_cast<double>(scaled[i]) * d_.weight[base + row[i].index];
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
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFu;
  /// An open-addressing index of d_.terms (linear probing, at most half
  /// full): a lookup per term of every text, where a binary search over
  /// the sorted strings was a fifth of a `run` (perf, 2026-12-07).
  void BuildIndex() {
    size_t size = 16;
    while (size < 2 * d_.terms.size()) size *= 2;
    slots_.assign(size, kNoSlot);
    for (size_t id = 0; id < d_.terms.size(); ++id) {
      size_t s = std::hash<std::string_view>()(d_.terms[id]) & (size - 1);
      while (slots_[s] != kNoSlot) s = (s + 1) & (size - 1);
      slots_[s] = static_cast<uint32_t>(id);
    }
  }

  LinearModelData d_;
  std::vector<uint8_t> is_char_;  // LinearCharTermMask(d_.terms)
  std::vector<uint32_t> slots_;   // term ids by hash (BuildIndex)
};

inline Result<LinearModel> LinearModel::FromData(LinearModelData data, std::string_view name) {
  size_t nl = data.labels.size(), nt = data.terms.size();
  if (nl < 2 || data.idf.size() != nt || data.bias.size() != nl || data.ratio.size() != nl * nt ||
      data.weight.size() != nl * nt || data.max_ngram < 1 || data.max_ngram > 2) {
    return Status::Corruption("linear model " + std::string(name) + ": inconsistent sizes");
  }
  LinearModel m;
  m.d_ = std::move(data);
  if (m.d_.flags & kLinearCharNgrams) m.is_char_ = LinearCharTermMask(m.d_.terms);
  m.BuildIndex();
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
