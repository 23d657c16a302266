// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cxmap::core {

/// Per-class precision, recall, F1 and support.
struct ClassScore {
  double precision = 0, recall = 0, f1 = 0;
  long support = 0;
};

/// Scores of one set of (gold, predicted) pairs. "Polar" figures count only
/// rows whose gold label is positive or negative (the sentiment targets are
/// stated on those rows); a neutral prediction there counts as wrong.
struct EvalScores {
  long n = 0;
  double accuracy = 0;
  double macro_f1 = 0;  ///< mean F1 over the gold classes present
  long polar_n = 0;
  double polar_accuracy = 0;
  std::map<std::string, ClassScore> classes;
  std::vector<std::string> labels;           ///< gold and predicted labels, sorted
  std::vector<std::vector<long>> confusion;  ///< [gold][predicted], in `labels` order
};

/// Accumulates pairs, overall and per group (the detected language).
/// Not thread-safe.
class EvalAccumulator {
 public:
  void Add(const std::string& gold, const std::string& predicted, const std::string& group);
  EvalScores Overall() const { return Score(all_); }
  std::map<std::string, EvalScores> ByGroup() const;

  /// Maps dataset spellings to the engine's labels: pos/neg/neu and
  /// 1/0/-1 to positive/negative/neutral; anything else is kept, lower-cased.
  static std::string NormaliseLabel(std::string label);

 private:
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  static EvalScores Score(const Pairs& pairs);
  Pairs all_;
  std::map<std::string, Pairs> groups_;
};

/// JSON form of scores (the `cxmap eval --json` contract, docs/cli.md).
nlohmann::ordered_json ScoresToJson(const EvalScores& s);

}  // namespace cxmap::core
