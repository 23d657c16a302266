// SPDX-License-Identifier: Apache-2.0
// Key drivers: which closed-question ratings and which touchpoints'
// complaints move NPS (or CSAT) most, over the respondents. Drivers
// correlate (a bad delivery drags the app rating down too), so regression
// weights mislead; Johnson's relative weights split the explained variance
// R² among correlated predictors by regressing the outcome on their
// orthogonal counterpart (J. W. Johnson, 2000, Multivariate Behavioral
// Research 35(1)): each weight is the predictor's share of R², the weights
// sum to R². Intervals: percentile bootstrap over respondents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/journey/journey_map.h"
#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// Relative weights of the columns of `x` (p predictors, each n values)
/// for `y` (n values): raw weights in R² units, summing to `r2`. nullopt
/// when there is no column, n < p + 2 or a column's length differs; a
/// column (or y) without variance correlates 0 and weighs nothing.
struct RelativeWeightFit {
  std::vector<double> raw;
  double r2 = 0;
};
std::optional<RelativeWeightFit> RelativeWeights(const std::vector<std::vector<double>>& x,
                                                 const std::vector<double>& y);

struct KeyDriver {
  std::string kind;          ///< "rating" (a closed question) or "touchpoint" (negative there)
  std::string id;            ///< question id or touchpoint id
  std::string label;         ///< question text or touchpoint label
  uint64_t n = 0;            ///< respondents who answered / complained there
  double r = 0;              ///< correlation with the outcome
  double weight = 0;         ///< raw relative weight (share of the outcome's variance, 0..1)
  double low = 0, high = 0;  ///< 95 % bootstrap interval of the weight
};

struct KeyDrivers {
  std::string outcome;  ///< "NPS" or "CSAT"; empty when too little data
  uint64_t respondents = 0;
  double r2 = 0;
  int resamples = 0;
  std::vector<KeyDriver> drivers;  ///< largest weight first
  std::string note;                ///< why there are none, or what was left out
};

/// Minimums: respondents with the outcome, and respondents behind a
/// touchpoint predictor (and not behind it).
inline constexpr uint64_t kMinDriverRespondents = 30;
inline constexpr uint64_t kMinTouchpointComplaints = 5;

/// The key drivers over the respondents of `map` (its query's window and
/// filter): ratings answered by at least half of them (unanswered ones
/// take the question's mean) and touchpoints with at least
/// kMinTouchpointComplaints complaining respondents (1 when the response
/// has a negative sentence there, else 0). Deterministic: the bootstrap is
/// seeded.
Result<KeyDrivers> BuildKeyDrivers(SqliteDb& db, const JourneyMap& map, int resamples = 200);

}  // namespace cxmap::core
