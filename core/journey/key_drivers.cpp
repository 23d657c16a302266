// SPDX-License-Identifier: Apache-2.0
#include "core/journey/key_drivers.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "core/storage/fact_reads.h"

namespace cxmap::core {
namespace {

constexpr size_t kMaxPredictors = 12;
// A rating that restates the outcome (the NPS question itself, kept as an
// answer too) explains it perfectly and would crowd out every driver.
constexpr double kRestatesOutcome = 0.95;

double Correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const size_t n = a.size();
  double ma = 0, mb = 0;
  for (size_t i = 0; i < n; ++i) ma += a[i], mb += b[i];
  ma /= n, mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
}

struct Predictor {
  KeyDriver driver;
  std::vector<double> values;  // per respondent, in respondent order
};

}  // namespace

std::optional<RelativeWeightFit> RelativeWeights(const std::vector<std::vector<double>>& x,
                                                 const std::vector<double>& y) {
  const size_t p = x.size(), n = y.size();
  if (p == 0 || n < p + 2) return std::nullopt;
  Eigen::MatrixXd r(p, p);
  Eigen::VectorXd rxy(p);
  for (size_t j = 0; j < p; ++j) {
    if (x[j].size() != n) return std::nullopt;
    r(j, j) = 1;
    for (size_t k = 0; k < j; ++k) r(j, k) = r(k, j) = Correlation(x[j], x[k]);
    rxy(j) = Correlation(x[j], y);
  }
  // R = V Λ V'; R^½ = V Λ^½ V' relates the predictors to their closest
  // orthogonal counterparts Z; β = R^-½ r_xy regresses y on Z; each
  // predictor's weight is Σ_k (R^½)_jk² β_k². Eigenvalues near 0 (a column
  // that is a combination of others) carry no variance and are dropped.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(r);
  if (eig.info() != Eigen::Success) return std::nullopt;
  Eigen::VectorXd root =
      eig.eigenvalues().unaryExpr([](double l) { return l > 1e-10 ? std::sqrt(l) : 0.0; });
  Eigen::VectorXd inv_root = root.unaryExpr([](double s) { return s > 0 ? 1 / s : 0.0; });
  const Eigen::MatrixXd& v = eig.eigenvectors();
  Eigen::MatrixXd half = v * root.asDiagonal() * v.transpose();
  Eigen::VectorXd beta = v * inv_root.asDiagonal() * v.transpose() * rxy;
  RelativeWeightFit fit;
  fit.raw.resize(p);
  for (size_t j = 0; j < p; ++j) {
    double w = 0;
    for (size_t k = 0; k < p; ++k) w += half(j, k) * half(j, k) * beta(k) * beta(k);
    fit.raw[j] = w;
    fit.r2 += w;
  }
  if (!std::isfinite(fit.r2)) return std::nullopt;
  return fit;
}

Result<KeyDrivers> BuildKeyDrivers(SqliteDb& db, const JourneyMap& map, int resamples) {
  KeyDrivers out;
  // The outcome per respondent: NPS where enough gave it, else CSAT.
  std::vector<std::pair<int64_t, double>> nps, csat;
  Status read = ReadResponseScores(db, map.query.where, map.query.since, map.query.until,
                                   [&](const ResponseScoreRow& r) {
                                     if (r.nps && *r.nps >= 0 && *r.nps <= 10)
                                       nps.emplace_back(r.response, *r.nps);
                                     if (r.csat) csat.emplace_back(r.response, *r.csat);
                                   });
  if (!read.ok()) return read;
  const auto& chosen = nps.size() >= kMinDriverRespondents ? nps : csat;
  if (chosen.size() < kMinDriverRespondents) {
    out.note = "key drivers need at least 30 respondents who gave NPS or CSAT";
    return out;
  }
  out.outcome = &chosen == &nps ? "NPS" : "CSAT";
  std::unordered_map<int64_t, size_t> row;  // response -> respondent index
  std::vector<double> y;
  for (const auto& [response, value] : chosen) {
    if (row.emplace(response, y.size()).second) y.push_back(value);
  }
  const size_t n = y.size();
  out.respondents = n;

  std::vector<Predictor> candidates;
  // Ratings, unanswered ones at the question's mean.
  std::map<std::string, std::pair<std::string, std::vector<std::optional<double>>>> ratings;
  read = ReadRatingAnswers(db, [&](const RatingAnswerRow& a) {
    auto it = row.find(a.response);
    if (it == row.end()) return;
    auto& [text, values] = ratings[a.question];
    if (values.empty()) text = a.question_text, values.resize(n);
    if (!values[it->second]) values[it->second] = a.number;
  });
  if (!read.ok()) return read;
  std::vector<std::string> restating;
  for (auto& [question, entry] : ratings) {
    auto& [text, values] = entry;
    std::vector<double> answered_x, answered_y;
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      if (!values[i]) continue;
      answered_x.push_back(*values[i]);
      answered_y.push_back(y[i]);
      sum += *values[i];
    }
    if (answered_x.size() * 2 < n) continue;
    if (std::fabs(Correlation(answered_x, answered_y)) >= kRestatesOutcome) {
      restating.push_back(text.empty() ? question : text);
      continue;
    }
    Predictor p;
    p.driver = {"rating", question, text.empty() ? question : text, answered_x.size()};
    const double mean = sum / static_cast<double>(answered_x.size());
    for (const auto& v : values) p.values.push_back(v.value_or(mean));
    candidates.push_back(std::move(p));
  }
  // Touchpoints complained about.
  std::map<std::string, std::vector<double>> complained;
  for (const auto& [response, tp] : map.negative_mentions) {
    auto it = row.find(response);
    if (it == row.end()) continue;
    auto& values = complained[tp];
    if (values.empty()) values.assign(n, 0);
    values[it->second] = 1;
  }
  for (const auto& [tp, values] : complained) {
    uint64_t count = 0;
    for (double v : values) count += v > 0;
    if (count < kMinTouchpointComplaints || n - count < kMinTouchpointComplaints) continue;
    std::string label = tp;
    for (const TouchpointCell& t : map.all.touchpoints) {
      if (t.id == tp) label = t.label;
    }
    candidates.push_back({{"touchpoint", tp, label, count}, values});
  }
  // Keep the best-supported ones when there are many.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Predictor& a, const Predictor& b) { return a.driver.n > b.driver.n; });
  const size_t dropped = candidates.size() > kMaxPredictors ? candidates.size() - kMaxPredictors : 0;
  if (dropped > 0) candidates.resize(kMaxPredictors);
  if (!restating.empty()) {
    out.note = "Left out as restating the outcome (|r| ≥ 0.95): ";
    for (size_t i = 0; i < restating.size(); ++i) out.note += (i ? "; " : "") + restating[i];
    out.note += ".";
  }
  if (dropped > 0) {
    out.note += (out.note.empty() ? "" : " ") + std::to_string(dropped) +
                " more candidates left out: at most 12 drivers, those with the most respondents first.";
  }
  std::vector<std::vector<double>> x;
  for (Predictor& p : candidates) {
    p.driver.r = Correlation(p.values, y);
    x.push_back(p.values);
  }
  auto fit = RelativeWeights(x, y);
  if (!fit) {
    if (out.note.empty()) {
      out.note =
          "no rating question answered by half the respondents and no touchpoint with at least 5 "
          "complaining respondents";
    }
    return out;
  }
  out.r2 = fit->r2;
  // Percentile bootstrap over respondents, seeded: the same data gives the
  // same report.
  std::mt19937_64 rng(20261206);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  std::vector<std::vector<double>> samples(candidates.size());
  std::vector<std::vector<double>> bx(candidates.size(), std::vector<double>(n));
  std::vector<double> by(n);
  for (int b = 0; b < resamples; ++b) {
    for (size_t i = 0; i < n; ++i) {
      size_t k = pick(rng);
      by[i] = y[k];
      for (size_t j = 0; j < candidates.size(); ++j) bx[j][i] = candidates[j].values[k];
    }
    auto bf = RelativeWeights(bx, by);
    if (!bf) continue;  // a resample the eigen-solver could not handle
    for (size_t j = 0; j < candidates.size(); ++j) samples[j].push_back(bf->raw[j]);
  }
  out.resamples = static_cast<int>(samples.empty() ? 0 : samples[0].size());
  for (size_t j = 0; j < candidates.size(); ++j) {
    KeyDriver d = candidates[j].driver;
    d.weight = fit->raw[j];
    auto& s = samples[j];
    std::sort(s.begin(), s.end());
    if (!s.empty()) {
      d.low = s[static_cast<size_t>(0.025 * (s.size() - 1))];
      d.high = s[static_cast<size_t>(std::ceil(0.975 * (s.size() - 1)))];
    }
    out.drivers.push_back(std::move(d));
  }
  std::stable_sort(out.drivers.begin(), out.drivers.end(),
                   [](const KeyDriver& a, const KeyDriver& b) { return a.weight > b.weight; });
  return out;
}

}  // namespace cxmap::core
