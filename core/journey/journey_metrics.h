// SPDX-License-Identifier: Apache-2.0
// The survey scores a journey map shows per stage and touchpoint, computed
// the way CX teams compute them, with their sample size and uncertainty.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace cxmap::core {

/// Net Promoter Score: % promoters (9–10) − % detractors (0–6), in
/// [-100, 100], with a 95% Wald interval. Each respondent scores +1, 0 or
/// −1; NPS is 100 × their mean and the interval 100 × (mean ± 1.96 ×
/// sqrt(var / n)) where var = p_pro + p_det − (p_pro − p_det)², the usual
/// trinomial variance (clamped to [-100, 100]).
struct Nps {
  uint64_t n = 0;
  uint64_t promoters = 0, passives = 0, detractors = 0;
  double value = 0, ci_low = 0, ci_high = 0;
};

/// CSAT as top-2-box: the share of answers in the top two points of the
/// scale (4–5 on 1–5, the common case; 6–7 on 1–7), in percent.
/// The 95% interval of the share is Wilson's score interval (it stays
/// inside 0..100 and does not collapse at 0% or 100%, unlike Wald's).
struct Csat {
  uint64_t n = 0;
  double top2 = 0;  ///< percent
  double mean = 0;
  double ci_low = 0, ci_high = 0;  ///< percent, Wilson 95%
};

/// Customer Effort Score on the CES 2.0 scale ("The company made it easy
/// to handle my issue", 1 = strongly disagree .. 7 = strongly agree): the
/// mean and the share of "easy" answers (5–7).
struct Ces {
  uint64_t n = 0;
  double mean = 0;
  double easy_share = 0;  ///< percent of answers in the top three points of 1–7
  /// 95% interval of the mean: mean ± 1.96 × s / sqrt(n) with the sample
  /// standard deviation s (n ≥ 2; equal to the mean at n = 1), clamped to 1..7.
  double ci_low = 0, ci_high = 0;
};

/// Reads a call's disposition as an outcome: true = resolved ("Resolved",
/// "đã giải quyết", "แก้ไขแล้ว", "已解决"), false = not resolved
/// ("Unresolved", "escalated", "callback", "chưa giải quyết", "未解决"…),
/// nullopt = not an outcome (empty, or a telephony state such as Asterisk's
/// ANSWERED / NO ANSWER). Case-insensitive for ASCII.
std::optional<bool> IsResolution(std::string_view disposition);

/// Wilson's 95% score interval of `successes` out of `n`, in percent.
std::pair<double, double> WilsonInterval(uint64_t successes, uint64_t n);

/// Sentiment distribution: shares of positive / neutral / negative labels
/// and the mean score, over records that have a sentiment.
struct SentimentShares {
  uint64_t n = 0;
  double positive = 0, neutral = 0, negative = 0;  ///< fractions 0..1
  double mean = 0;
};

/// Accumulates the scores of one cell of the map (a stage, a touchpoint, a
/// segment of either). Scores outside their scale are ignored, not clamped:
/// a 12 in an NPS column is a data error, not a promoter.
class ScoreAccumulator {
 public:
  void AddNps(double score);
  void AddCsat(double score, double scale_max = 5);
  void AddCes(double score);
  void AddSentiment(int label, double score);  ///< label: +1, 0, -1
  void AddDuration(double seconds);
  /// One call: its length and hold (when known) and its outcome
  /// (disposition, resolution; may be empty). Every call counts, with or
  /// without a duration.
  void AddCall(std::optional<double> duration_s, std::optional<double> hold_s,
               std::string_view disposition);

  Nps nps() const;
  Csat csat() const;
  Ces ces() const;
  SentimentShares sentiment() const;
  uint64_t calls() const { return calls_; }
  /// Average handle time over the calls with a duration (0 without any).
  double mean_duration() const { return timed_calls_ == 0 ? 0 : duration_sum_ / timed_calls_; }
  uint64_t timed_calls() const { return timed_calls_; }
  /// Mean hold over the calls with a hold time; nullopt without any.
  std::optional<double> mean_hold() const {
    return held_calls_ == 0 ? std::nullopt : std::optional<double>(hold_sum_ / held_calls_);
  }
  /// Calls whose outcome says resolved / unresolved (IsResolution()).
  uint64_t calls_with_outcome() const { return outcome_calls_; }
  uint64_t resolved_calls() const { return resolved_calls_; }

 private:
  uint64_t promoters_ = 0, passives_ = 0, detractors_ = 0;
  uint64_t csat_n_ = 0, csat_top2_ = 0;
  double csat_sum_ = 0;
  uint64_t ces_n_ = 0, ces_easy_ = 0;
  double ces_sum_ = 0, ces_sum_sq_ = 0;
  uint64_t pos_ = 0, neu_ = 0, neg_ = 0;
  double sentiment_sum_ = 0;
  uint64_t calls_ = 0, timed_calls_ = 0, held_calls_ = 0, outcome_calls_ = 0, resolved_calls_ = 0;
  double duration_sum_ = 0, hold_sum_ = 0;
};

}  // namespace cxmap::core
