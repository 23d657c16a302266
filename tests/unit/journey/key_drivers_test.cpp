// SPDX-License-Identifier: Apache-2.0
// Johnson's relative weights against what they must equal: r² per
// predictor when the predictors are uncorrelated, the regression's R² in
// sum, and the true order of drivers that travel together.
#include "core/journey/key_drivers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace cxmap::core {
namespace {

double Corr(const std::vector<double>& a, const std::vector<double>& b) {
  double ma = 0, mb = 0;
  for (size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
  ma /= a.size(), mb /= b.size();
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ab += (a[i] - ma) * (b[i] - mb), aa += (a[i] - ma) * (a[i] - ma),
        bb += (b[i] - mb) * (b[i] - mb);
  }
  return ab / std::sqrt(aa * bb);
}

TEST(RelativeWeights, UncorrelatedPredictorsWeighTheirSquaredCorrelation) {
  // Two balanced ±1 columns, orthogonal by construction, and y made of them.
  std::vector<double> x1, x2, y;
  for (int i = 0; i < 400; ++i) {
    double a = (i % 2) ? 1 : -1, b = ((i / 2) % 2) ? 1 : -1;
    x1.push_back(a);
    x2.push_back(b);
    y.push_back(2 * a + b + ((i / 4) % 2 ? 0.5 : -0.5));
  }
  ASSERT_NEAR(Corr(x1, x2), 0, 1e-12);
  auto fit = RelativeWeights({x1, x2}, y);
  ASSERT_TRUE(fit);
  const double r1 = Corr(x1, y), r2 = Corr(x2, y);
  EXPECT_NEAR(fit->raw[0], r1 * r1, 1e-9);
  EXPECT_NEAR(fit->raw[1], r2 * r2, 1e-9);
  EXPECT_NEAR(fit->r2, r1 * r1 + r2 * r2, 1e-9);
}

TEST(RelativeWeights, SumToTheRegressionsRSquaredAndRankTrueDriversFirst) {
  // delivery drives the score, service less; the app rating only travels
  // with delivery. Plain correlation ranks the app near service.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> five(1, 5);
  std::bernoulli_distribution copies(0.6);
  std::normal_distribution<double> noise(0, 1);
  std::vector<double> delivery, service, app, y;
  for (int i = 0; i < 2000; ++i) {
    double d = five(rng), s = five(rng), a = copies(rng) ? d : five(rng);
    delivery.push_back(d), service.push_back(s), app.push_back(a);
    y.push_back(1.5 * d + 0.75 * s + noise(rng));
  }
  auto fit = RelativeWeights({delivery, service, app}, y);
  ASSERT_TRUE(fit);
  // The least-squares R² from the correlations: the weights must sum to it.
  const double r1 = Corr(delivery, y), r2 = Corr(service, y), r3 = Corr(app, y);
  const double r12 = Corr(delivery, service), r13 = Corr(delivery, app), r23 = Corr(service, app);
  // R² = r' R⁻¹ r for the 3 × 3 correlation matrix, by Cramer's rule.
  const double m[3][3] = {{1, r12, r13}, {r12, 1, r23}, {r13, r23, 1}};
  auto det3 = [](const double a[3][3]) {
    return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
           a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
           a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  };
  const double rv[3] = {r1, r2, r3};
  double beta[3];
  for (int k = 0; k < 3; ++k) {
    double mk[3][3];
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) mk[i][j] = j == k ? rv[i] : m[i][j];
    beta[k] = det3(mk) / det3(m);
  }
  const double ols_r2 = beta[0] * r1 + beta[1] * r2 + beta[2] * r3;
  EXPECT_NEAR(fit->r2, ols_r2, 1e-9);
  EXPECT_GT(fit->raw[0], fit->raw[1]);
  EXPECT_GT(fit->raw[1], fit->raw[2]) << "the app rating only travels with delivery";
  EXPECT_GT(r3, 0.4) << "the app does correlate with the score: the test means something";
}

TEST(RelativeWeights, RefusesTooFewRespondentsOrNoVariance) {
  EXPECT_FALSE(RelativeWeights({{1, 2}}, {1, 2}));  // n < p + 2
  EXPECT_FALSE(RelativeWeights({}, {1, 2, 3}));
  auto flat = RelativeWeights({{1, 1, 1, 1, 1}}, {1, 2, 3, 4, 5});
  ASSERT_TRUE(flat);  // a constant column explains nothing
  EXPECT_NEAR(flat->r2, 0, 1e-12);
}

}  // namespace
}  // namespace cxmap::core
