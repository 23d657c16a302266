// SPDX-License-Identifier: Apache-2.0
#include "core/ml/linear_trainer.h"

#include <linear.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "core/ml/base_language.h"
#include "core/ml/labelled_file.h"

namespace cxmap::core::ml {
namespace {

// Rows as token strings with their label (index into `labels`, or -1 for a
// dev label the training file never had).
struct Corpus {
  std::vector<std::string> tokens;
  std::vector<int> label;
};

struct Vocabulary {
  std::vector<std::string> terms;  // sorted: the file's order
  std::vector<float> idf;
  std::unordered_map<std::string, uint32_t> index;
  std::vector<uint8_t> is_char;  // LinearCharTermMask(terms)
};

using Row = std::vector<LinearFeature>;

// liblinear prints progress to stdout unless told otherwise; the hook is
// process-wide, so it is set once.
void Silent(const char*) {}

// Tokenizes the rows of `file`; rows without a token count in `skipped`.
// Labels are indices into `labels` (sorted); a label not there gets -1.
Corpus MakeCorpus(const LabelledFile& file, const Tokenizer& tokenizer,
                  const std::vector<std::string>& labels, long* skipped) {
  Corpus c;
  for (const LabelledText& row : file.rows) {
    std::string tokens = tokenizer(row.text);
    if (tokens.empty()) {
      ++*skipped;
      continue;
    }
    auto it = std::lower_bound(labels.begin(), labels.end(), row.label);
    c.label.push_back(it != labels.end() && *it == row.label ? static_cast<int>(it - labels.begin()) : -1);
    c.tokens.push_back(std::move(tokens));
  }
  return c;
}

// Terms in at least min_df rows and at most max_df of them, with smoothed
// idf ln((1 + n) / (1 + df)) + 1 (scikit-learn's, which the published
// NBSVM baseline used).
Vocabulary BuildVocabulary(const Corpus& c, const LinearTrainOptions& o) {
  std::unordered_map<std::string, uint32_t> df;
  std::vector<std::string> seen;
  for (const std::string& tokens : c.tokens) {
    seen.clear();
    ForEachLinearTerm(tokens, o.max_ngram, o.flags, [&](std::string_view t) { seen.emplace_back(t); });
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (std::string& t : seen) ++df[std::move(t)];
  }
  const double n = static_cast<double>(c.tokens.size());
  Vocabulary v;
  for (const auto& [term, count] : df) {
    if (count >= o.min_df && count <= o.max_df * n) v.terms.push_back(term);
  }
  std::sort(v.terms.begin(), v.terms.end());
  for (uint32_t i = 0; i < v.terms.size(); ++i) {
    v.index.emplace(v.terms[i], i);
    v.idf.push_back(static_cast<float>(std::log((1 + n) / (1 + df[v.terms[i]])) + 1));
  }
  v.is_char = LinearCharTermMask(v.terms);
  return v;
}

std::vector<Row> TfIdfRows(const Corpus& c, const Vocabulary& v, const LinearTrainOptions& o) {
  std::vector<Row> rows;
  rows.reserve(c.tokens.size());
  std::vector<uint32_t> ids;
  for (const std::string& tokens : c.tokens) {
    ids.clear();
    ForEachLinearTerm(tokens, o.max_ngram, o.flags, [&](std::string_view t) {
      auto it = v.index.find(std::string(t));
      if (it != v.index.end()) ids.push_back(it->second);
    });
    rows.push_back(LinearTfIdfRow(ids, v.idf, o.flags, v.is_char));
  }
  return rows;
}

// NB log-count ratios, one-vs-rest: r = ln((p / |p|1) / (q / |q|1)) with
// p = alpha + the label's feature sums, q = alpha + everyone else's.
std::vector<float> NbRatios(const std::vector<Row>& rows, const std::vector<int>& y, size_t nl,
                            size_t nt, double alpha) {
  std::vector<double> sum(nl * nt, 0), total(nt, 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    for (const LinearFeature& f : rows[i]) {
      sum[static_cast<size_t>(y[i]) * nt + f.index] += f.value;
      total[f.index] += f.value;
    }
  }
  std::vector<float> ratio(nl * nt);
  for (size_t l = 0; l < nl; ++l) {
    double p1 = 0, q1 = 0;
    for (size_t t = 0; t < nt; ++t) {
      p1 += alpha + sum[l * nt + t];
      q1 += alpha + total[t] - sum[l * nt + t];
    }
    for (size_t t = 0; t < nt; ++t) {
      double p = (alpha + sum[l * nt + t]) / p1, q = (alpha + total[t] - sum[l * nt + t]) / q1;
      ratio[l * nt + t] = static_cast<float>(std::log(p / q));
    }
  }
  return ratio;
}

// One label against the rest, for every C of `grid` (ascending, each run
// warm-started from the previous one). weights[ci] receives nt weights
// then the bias.
Status FitLabel(const std::vector<Row>& rows, const std::vector<int>& y, int label,
                const float* ratio, size_t nt, const LinearTrainOptions& o,
                const std::vector<double>& grid, std::vector<std::vector<float>>& weights) {
  size_t nodes_needed = 0;
  for (const Row& r : rows) nodes_needed += r.size() + 2;
  std::vector<feature_node> nodes;
  nodes.reserve(nodes_needed);
  std::vector<size_t> starts;
  std::vector<double> target;
  Row scaled;
  for (size_t i = 0; i < rows.size(); ++i) {
    starts.push_back(nodes.size());
    target.push_back(y[i] == label ? 1 : -1);
    scaled = rows[i];
    ScaleLinearRow(scaled, ratio, o.flags);
    for (const LinearFeature& f : scaled) nodes.push_back({static_cast<int>(f.index) + 1, f.value});
    nodes.push_back({static_cast<int>(nt) + 1, 1.0});  // liblinear's bias feature
    nodes.push_back({-1, 0});
  }
  std::vector<feature_node*> x;
  for (size_t s : starts) x.push_back(&nodes[s]);
  problem prob{static_cast<int>(rows.size()), static_cast<int>(nt) + 1, target.data(), x.data(), 1.0};
  std::vector<double> warm;
  weights.assign(grid.size(), {});
  for (size_t ci = 0; ci < grid.size(); ++ci) {
    parameter param{L2R_LR, o.eps, grid[ci], 0, nullptr, nullptr, 0.1, warm.empty() ? nullptr : warm.data()};
    if (const char* err = check_parameter(&prob, &param)) {
      return Status::InvalidArgument(std::string("liblinear: ") + err);
    }
    model* m = train(&prob, &param);
    if (m == nullptr || m->nr_class != 2) {
      if (m) free_and_destroy_model(&m);
      return Status::Internal("liblinear: training label " + std::to_string(label) + " failed");
    }
    int positive = m->label[0] == 1 ? 0 : 1;
    std::vector<float>& w = weights[ci];
    for (size_t t = 0; t < nt; ++t) {
      w.push_back(static_cast<float>(get_decfun_coef(m, static_cast<int>(t) + 1, positive)));
    }
    w.push_back(static_cast<float>(get_decfun_bias(m, positive)));
    warm.assign(m->w, m->w + nt + 1);
    free_and_destroy_model(&m);
  }
  return Status::Ok();
}

double DevAccuracy(const LinearModel& model, const Corpus& dev) {
  long right = 0;
  for (size_t i = 0; i < dev.tokens.size(); ++i) {
    std::vector<double> p = model.Probabilities(dev.tokens[i]);
    int best = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
    right += best == dev.label[i];
  }
  return dev.tokens.empty() ? 0 : static_cast<double>(right) / dev.tokens.size();
}

Status CheckOptions(const LinearTrainOptions& o) {
  if (o.max_ngram < 1 || o.max_ngram > 2) return Status::InvalidArgument("nblr: n-grams must be 1 or 2");
  if (o.min_df < 1) return Status::InvalidArgument("nblr: --min-df must be at least 1");
  if (!(o.max_df > 0 && o.max_df <= 1)) return Status::InvalidArgument("nblr: --max-df must be in (0, 1]");
  if (!(o.nb_alpha > 0)) return Status::InvalidArgument("nblr: NB alpha must be positive");
  if (o.flags & ~kLinearKnownFlags) return Status::InvalidArgument("nblr: bad flags");
  return Status::Ok();
}

}  // namespace

LinearTrainOptions LinearTrainOptions::ForLanguage(std::string_view lang) {
  LinearTrainOptions o;
  // Best dev accuracy over the C grid (bench/train_eval.sh sets, train
  // split only): character 3-5-grams help English tweets, whose misspelt
  // and run-together words ("thx", "#fail", "soooo") words alone miss:
  // 0.816 words / min-df 3 → 0.821 words / min-df 5 → 0.827 with
  // characters / min-df 5 (0.822-0.827 for min-df 3-12 and every C). On
  // the other sets they moved dev by -0.004 to +0.003 and cost 2-6x the
  // training time, so those stay on words.
  if (BaseLanguage(lang) == "en") {
    o.flags |= kLinearCharNgrams;
    o.min_df = 5;
  }
  return o;
}

Result<LinearModel> TrainLinearModel(const LinearTrainOptions& o, LinearTrainStats* stats) {
  static const bool silenced = (set_print_string_function(&Silent), true);
  (void)silenced;
  CXMAP_RETURN_IF_ERROR(CheckOptions(o));
  auto start = std::chrono::steady_clock::now();
  Result<LabelledFile> file = ReadLabelledFile(o.labels_path);
  if (!file.ok()) return file.status();
  LinearTrainStats st;
  st.skipped = file->skipped;
  // Labels of the rows that have a token, sorted (the model's order).
  std::vector<std::string> labels;
  for (const LabelledText& row : file->rows) labels.push_back(row.label);
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  Corpus corpus = MakeCorpus(*file, o.tokenizer, labels, &st.skipped);
  for (int l : corpus.label) ++st.label_counts[labels[static_cast<size_t>(l)]];
  if (st.label_counts.size() < 2) {
    return Status::InvalidArgument("nblr: " + o.labels_path + " has fewer than two labels with tokens");
  }
  if (st.label_counts.size() < labels.size()) {
    // A label whose every row lost its tokens: drop it and renumber.
    std::vector<std::string> kept;
    for (const auto& [label, n] : st.label_counts) kept.push_back(label);
    for (int& l : corpus.label) {
      l = static_cast<int>(std::lower_bound(kept.begin(), kept.end(), labels[static_cast<size_t>(l)]) - kept.begin());
    }
    labels = std::move(kept);
  }
  st.rows = static_cast<long>(corpus.tokens.size());
  Vocabulary vocab = BuildVocabulary(corpus, o);
  if (vocab.terms.empty()) {
    return Status::InvalidArgument("nblr: no term of " + o.labels_path + " is in at least " +
                                   std::to_string(o.min_df) + " rows and at most the --max-df share");
  }
  st.vocabulary = static_cast<long>(vocab.terms.size());
  const size_t nl = labels.size(), nt = vocab.terms.size();
  std::vector<Row> rows = TfIdfRows(corpus, vocab, o);
  std::vector<float> ratio = NbRatios(rows, corpus.label, nl, nt, o.nb_alpha);

  Corpus dev;
  std::vector<double> grid = {o.c};
  if (!o.dev_path.empty()) {
    Result<LabelledFile> d = ReadLabelledFile(o.dev_path);
    if (!d.ok()) return d.status();
    long dev_skipped = 0;
    dev = MakeCorpus(*d, o.tokenizer, labels, &dev_skipped);
    grid = o.c_grid;
    std::sort(grid.begin(), grid.end());
  }
  // fits[l][ci]: weights then bias of label l at grid[ci].
  std::vector<std::vector<std::vector<float>>> fits(nl);
  for (size_t l = 0; l < nl; ++l) {
    CXMAP_RETURN_IF_ERROR(FitLabel(rows, corpus.label, static_cast<int>(l), ratio.data() + l * nt, nt,
                                   o, grid, fits[l]));
  }
  auto model_at = [&](size_t ci) {
    LinearModelData d{o.max_ngram, o.flags, labels, vocab.terms, vocab.idf, {}, ratio, {}};
    for (size_t l = 0; l < nl; ++l) {
      d.bias.push_back(fits[l][ci][nt]);
      d.weight.insert(d.weight.end(), fits[l][ci].begin(), fits[l][ci].begin() + static_cast<long>(nt));
    }
    return LinearModel::FromData(std::move(d), o.labels_path);
  };
  size_t best = 0;
  double best_acc = -1;
  for (size_t ci = 0; ci < grid.size() && !o.dev_path.empty(); ++ci) {
    Result<LinearModel> m = model_at(ci);
    if (!m.ok()) return m.status();
    double acc = DevAccuracy(*m, dev);
    st.dev_accuracy.emplace_back(grid[ci], acc);
    if (acc > best_acc) best = ci, best_acc = acc;
  }
  st.chosen_c = grid[best];
  Result<LinearModel> model = model_at(best);
  st.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (stats) *stats = std::move(st);
  return model;
}

std::string PredictLinearLabel(const LinearModel& model, const Tokenizer& tokenizer,
                               std::string_view text) {
  std::vector<double> p = model.Probabilities(tokenizer(text));
  return model.labels()[static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin())];
}

}  // namespace cxmap::core::ml
