// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_metrics.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <tuple>

#include "core/util/ascii.h"

namespace cxmap::core {

void ScoreAccumulator::AddNps(double s) {
  if (!(s >= 0 && s <= 10)) return;
  if (s >= 9) {
    ++promoters_;
  } else if (s >= 7) {
    ++passives_;
  } else {
    ++detractors_;
  }
}

void ScoreAccumulator::AddCsat(double s, double scale_max) {
  if (!(s >= 1 && s <= scale_max)) return;
  ++csat_n_;
  csat_sum_ += s;
  if (s >= scale_max - 1) ++csat_top2_;
}

void ScoreAccumulator::AddCes(double s) {
  if (!(s >= 1 && s <= 7)) return;
  ++ces_n_;
  ces_sum_ += s;
  ces_sum_sq_ += s * s;
  if (s >= 5) ++ces_easy_;
}

void ScoreAccumulator::AddSentiment(int label, double score) {
  if (label > 0) {
    ++pos_;
  } else if (label < 0) {
    ++neg_;
  } else {
    ++neu_;
  }
  sentiment_sum_ += score;
}

void ScoreAccumulator::AddDuration(double seconds) { AddCall(seconds, std::nullopt, ""); }

void ScoreAccumulator::AddCall(std::optional<double> duration_s, std::optional<double> hold_s,
                               std::string_view disposition) {
  ++calls_;
  if (duration_s && *duration_s >= 0) {
    ++timed_calls_;
    duration_sum_ += *duration_s;
  }
  if (hold_s && *hold_s >= 0) {
    ++held_calls_;
    hold_sum_ += *hold_s;
  }
  if (auto resolved = IsResolution(disposition)) {
    ++outcome_calls_;
    if (*resolved) ++resolved_calls_;
  }
}

std::optional<bool> IsResolution(std::string_view disposition) {
  const std::string d = AsciiLower(disposition);
  auto has = [&](std::string_view w) { return d.find(w) != std::string::npos; };
  // Negative forms first: "unresolved" holds "resolved", "chưa giải quyết"
  // holds "giải quyết".
  for (std::string_view w : {"unresolved", "not resolved", "unsolved", "not solved", "not fixed",
                             "unfixed", "escalat", "callback", "call back",
                             "follow up", "follow-up", "pending", "chưa giải quyết",
                             "chua giai quyet", "chuyển cấp", "ยังไม่ได้แก้ไข", "ยังไม่แก้ไข",
                             "未解决", "未解決", "升级", "升級", "待处理", "待處理"}) {
    if (has(w)) return false;
  }
  for (std::string_view w : {"resolved", "solved", "fixed", "first call resolution", "fcr",
                             "giải quyết", "giai quyet", "đã xử lý", "da xu ly", "แก้ไขแล้ว",
                             "เรียบร้อย", "已解决", "已解決", "已处理", "已處理"}) {
    if (has(w)) return true;
  }
  return std::nullopt;
}

std::pair<double, double> WilsonInterval(uint64_t successes, uint64_t n) {
  if (n == 0) return {0, 0};
  constexpr double z = 1.96;
  double nn = static_cast<double>(n);
  double p = successes / nn;
  double denom = 1 + z * z / nn;
  double centre = (p + z * z / (2 * nn)) / denom;
  double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  return {100 * std::max(0.0, centre - half), 100 * std::min(1.0, centre + half)};
}

Nps ScoreAccumulator::nps() const {
  Nps out;
  out.promoters = promoters_;
  out.passives = passives_;
  out.detractors = detractors_;
  out.n = promoters_ + passives_ + detractors_;
  if (out.n == 0) return out;
  double n = static_cast<double>(out.n);
  double pp = promoters_ / n, pd = detractors_ / n;
  double mean = pp - pd;
  double var = pp + pd - mean * mean;
  double half = 1.96 * std::sqrt(std::max(0.0, var) / n);
  out.value = 100 * mean;
  out.ci_low = std::max(-100.0, 100 * (mean - half));
  out.ci_high = std::min(100.0, 100 * (mean + half));
  return out;
}

Csat ScoreAccumulator::csat() const {
  Csat out;
  out.n = csat_n_;
  if (csat_n_ == 0) return out;
  out.top2 = 100.0 * csat_top2_ / csat_n_;
  out.mean = csat_sum_ / csat_n_;
  std::tie(out.ci_low, out.ci_high) = WilsonInterval(csat_top2_, csat_n_);
  return out;
}

Ces ScoreAccumulator::ces() const {
  Ces out;
  out.n = ces_n_;
  if (ces_n_ == 0) return out;
  out.mean = ces_sum_ / ces_n_;
  out.easy_share = 100.0 * ces_easy_ / ces_n_;
  out.ci_low = out.ci_high = out.mean;
  if (ces_n_ >= 2) {
    double n = static_cast<double>(ces_n_);
    double var = std::max(0.0, (ces_sum_sq_ - n * out.mean * out.mean) / (n - 1));
    double half = 1.96 * std::sqrt(var / n);
    out.ci_low = std::max(1.0, out.mean - half);
    out.ci_high = std::min(7.0, out.mean + half);
  }
  return out;
}

SentimentShares ScoreAccumulator::sentiment() const {
  SentimentShares out;
  out.n = pos_ + neu_ + neg_;
  if (out.n == 0) return out;
  double n = static_cast<double>(out.n);
  out.positive = pos_ / n;
  out.neutral = neu_ / n;
  out.negative = neg_ / n;
  out.mean = sentiment_sum_ / n;
  return out;
}

}  // namespace cxmap::core
