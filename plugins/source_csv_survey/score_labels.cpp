// SPDX-License-Identifier: Apache-2.0
// Scores exported as choice labels (Qualtrics and SurveyMonkey "choice text").
#include <algorithm>

#include "unicode_text.h"
#include "value_parsers.h"

namespace cxmap::csv {
namespace {

struct Label {
  std::string_view folded;  // FoldHeader() form
  double score;
};

// The five-point satisfaction scale as the platforms' default answer
// choices word it (Qualtrics "Extremely", SurveyMonkey "Very").
constexpr Label kSatisfaction[] = {
    {"extremely dissatisfied", 1}, {"very dissatisfied", 1}, {"rat khong hai long", 1},
    {"ไม่พอใจมาก", 1}, {"ไม่พอใจอย่างมาก", 1}, {"非常不满意", 1}, {"非常不滿意", 1},
    {"somewhat dissatisfied", 2}, {"dissatisfied", 2}, {"khong hai long", 2}, {"ไม่พอใจ", 2},
    {"不满意", 2}, {"不滿意", 2},
    {"neither satisfied nor dissatisfied", 3}, {"neutral", 3}, {"binh thuong", 3},
    {"trung lap", 3}, {"เฉยๆ", 3}, {"เฉย ๆ", 3}, {"ปานกลาง", 3}, {"一般", 3}, {"中立", 3},
    {"somewhat satisfied", 4}, {"satisfied", 4}, {"hai long", 4}, {"พอใจ", 4}, {"满意", 4},
    {"滿意", 4},
    {"extremely satisfied", 5}, {"very satisfied", 5}, {"rat hai long", 5}, {"พอใจมาก", 5},
    {"พอใจอย่างมาก", 5}, {"非常满意", 5}, {"非常滿意", 5},
};

}  // namespace

Result<std::optional<double>> ParseScoreLabel(std::string_view s, const ScoreSpec& spec) {
  s = TrimAscii(s);
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits > 0 && digits <= 2 && digits < s.size()) {
    std::string_view rest = TrimAscii(s.substr(digits));
    if (!rest.empty() && std::string_view("-=(:.").find(rest[0]) != std::string_view::npos &&
        !(rest[0] == '.' && rest.size() > 1 && rest[1] >= '0' && rest[1] <= '9')) {
      return ParseScore(s.substr(0, digits), spec);
    }
  }
  if (spec.name == kCsat.name && !s.empty() && !ParseNumber(s)) {
    std::string folded = FoldHeader(s);
    auto it = std::find_if(std::begin(kSatisfaction), std::end(kSatisfaction),
                           [&](const Label& l) { return l.folded == folded; });
    if (it != std::end(kSatisfaction)) return std::optional<double>(it->score);
  }
  return ParseScore(s, spec);
}

}  // namespace cxmap::csv
