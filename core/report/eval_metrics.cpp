// SPDX-License-Identifier: Apache-2.0
#include "core/report/eval_metrics.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/util/ascii.h"

namespace cxmap::core {

std::string EvalAccumulator::NormaliseLabel(std::string label) {
  label = AsciiLower(label);
  if (label == "pos" || label == "1" || label == "+1") return "positive";
  if (label == "neg" || label == "-1" || label == "0") return "negative";
  if (label == "neu") return "neutral";
  return label;
}

void EvalAccumulator::Add(const std::string& gold, const std::string& predicted,
                          const std::string& group) {
  all_.emplace_back(gold, predicted);
  groups_[group].emplace_back(gold, predicted);
}

std::map<std::string, EvalScores> EvalAccumulator::ByGroup() const {
  std::map<std::string, EvalScores> out;
  for (const auto& [group, pairs] : groups_) out[group] = Score(pairs);
  return out;
}

EvalScores EvalAccumulator::Score(const Pairs& pairs) {
  EvalScores s;
  s.n = static_cast<long>(pairs.size());
  std::set<std::string> labels, gold_labels;
  for (const auto& [g, p] : pairs) {
    labels.insert(g);
    labels.insert(p);
    gold_labels.insert(g);
  }
  s.labels.assign(labels.begin(), labels.end());
  auto index = [&](const std::string& l) {
    return std::lower_bound(s.labels.begin(), s.labels.end(), l) - s.labels.begin();
  };
  s.confusion.assign(s.labels.size(), std::vector<long>(s.labels.size(), 0));
  long correct = 0, polar_correct = 0;
  for (const auto& [g, p] : pairs) {
    ++s.confusion[index(g)][index(p)];
    correct += g == p;
    if (g == "positive" || g == "negative") {
      ++s.polar_n;
      polar_correct += g == p;
    }
  }
  s.accuracy = s.n ? static_cast<double>(correct) / s.n : 0;
  s.polar_accuracy = s.polar_n ? static_cast<double>(polar_correct) / s.polar_n : 0;
  double f1_sum = 0;
  for (const auto& label : gold_labels) {
    size_t i = index(label);
    long tp = s.confusion[i][i], predicted = 0, actual = 0;
    for (size_t j = 0; j < s.labels.size(); ++j) {
      predicted += s.confusion[j][i];
      actual += s.confusion[i][j];
    }
    ClassScore c;
    c.support = actual;
    c.precision = predicted ? static_cast<double>(tp) / predicted : 0;
    c.recall = actual ? static_cast<double>(tp) / actual : 0;
    c.f1 = c.precision + c.recall > 0 ? 2 * c.precision * c.recall / (c.precision + c.recall) : 0;
    s.classes[label] = c;
    f1_sum += c.f1;
  }
  s.macro_f1 = gold_labels.empty() ? 0 : f1_sum / gold_labels.size();
  return s;
}

nlohmann::ordered_json ScoresToJson(const EvalScores& s) {
  nlohmann::ordered_json classes = nlohmann::ordered_json::object();
  for (const auto& [label, c] : s.classes) {
    classes[label] = {{"precision", c.precision}, {"recall", c.recall}, {"f1", c.f1},
                      {"support", c.support}};
  }
  return {{"n", s.n},
          {"accuracy", s.accuracy},
          {"macro_f1", s.macro_f1},
          {"polar_n", s.polar_n},
          {"polar_accuracy", s.polar_accuracy},
          {"classes", classes},
          {"confusion", {{"labels", s.labels}, {"matrix", s.confusion}}}};
}

}  // namespace cxmap::core
