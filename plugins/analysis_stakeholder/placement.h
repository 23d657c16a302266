// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cxmap::stakeholder {

/// Where a support or influence score came from.
enum class Basis { kUnknown, kExplicit, kSentiment, kRole };

/// "unknown", "explicit", "sentiment", "role": the *_basis field values.
std::string_view BasisName(Basis b);

/// A score on the 1–5 scale with how it was found. `detail` is the short
/// explanation shown in the reason: "explicit", "role 'Giám đốc': director",
/// "sentiment of the notes: +ủng hộ"...
struct Score {
  std::optional<double> value;
  Basis basis = Basis::kUnknown;
  std::string detail;
};

/// A score is high when value >= threshold (a value exactly on it is high).
struct Thresholds {
  double support = 3.5;
  double influence = 3.5;
};

/// The quadrant of the support × influence grid and its strategy.
struct Placement {
  std::optional<std::string> quadrant;  ///< e.g. "high_support_low_influence"; unset: unplaced
  std::optional<std::string> strategy;  ///< engage, collaborate, defend, monitor
  std::optional<std::string> action;    ///< what the strategy means, in English
  std::string reason;                   ///< every comparison written out
};

/// Places a stakeholder:
///   high support, high influence → engage (partner on the project);
///   high support, low influence  → collaborate (involve them, use their enthusiasm);
///   low support, high influence  → defend (investigate their concerns, bring partners to them);
///   low support, low influence   → monitor (keep them informed).
/// Scores are compared after rounding to two decimals, the precision the
/// reason shows, so the reason never contradicts the placement. With
/// either score unknown the stakeholder is not placed and the reason says
/// which score is missing. Pure; thread-safe.
Placement Place(const Score& support, const Score& influence, const Thresholds& t);

/// Rounds to two decimals (the stored and compared precision).
double Round2(double v);

/// "4.0", "3.49", "3.5": at least one decimal, at most two.
std::string FormatScore(double v);

}  // namespace cxmap::stakeholder
