// SPDX-License-Identifier: Apache-2.0
#include "survey_layout.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "unicode_text.h"
#include "value_parsers.h"

namespace cxmap::csv {
namespace {

constexpr size_t kMaxTagBytes = 200;

bool IsScore(Role r) {
  return r == Role::kNps || r == Role::kCsat || r == Role::kCes || r == Role::kRating;
}

const ScoreSpec& SpecOf(Role r) {
  switch (r) {
    case Role::kNps: return kNps;
    case Role::kCsat: return kCsat;
    case Role::kCes: return kCes;
    default: return kRating;
  }
}

/// Wording that asks for a written answer beyond the role vocabulary
/// ("Other (please specify)", "Hãy mô tả…", "โปรดระบุ", "请说明").
bool AsksForText(std::string_view question) {
  static constexpr std::string_view kPhrases[] = {
      "please specify", "please explain", "please describe", "self describe", "describe",
      "in your own words", "tell us", "comment", "vui long ghi ro", "ghi ro", "mo ta", "โปรดระบุ",
      "อธิบาย", "请说明", "請說明", "请注明", "請註明", "请描述", "請描述"};
  std::string folded = FoldHeader(question);
  std::string padded = " " + folded + " ";
  for (std::string_view p : kPhrases) {
    bool ascii = static_cast<unsigned char>(p[0]) < 0x80;
    if (ascii ? padded.find(" " + std::string(p) + " ") != std::string::npos
              : folded.find(p) != std::string::npos) {
      return true;
    }
  }
  auto roles = SuggestRoles(question);
  return std::find(roles.begin(), roles.end(), Role::kText) != roles.end();
}

/// Cells that are numbers, dates or JSON (LimeSurvey file uploads): codes
/// and data, not answers in words.
bool IsCodeLike(std::string_view cell) {
  bool json = cell.size() >= 2 && (cell.front() == '{' || cell.front() == '[') &&
              (cell.back() == '}' || cell.back() == ']');
  return json || ParseNumber(cell) || ParseTimestamp(cell, DateOrder::kMonthFirst, 0);
}

bool LooksOpenEnded(const Rows& rows, size_t first_data, size_t column, std::string_view question,
                    ColumnPlan::Kind kind) {
  size_t filled = 0, code_like = 0, with_space = 0, chars = 0, parts = 0;
  std::unordered_map<std::string_view, size_t> values;
  std::unordered_set<std::string_view> distinct_parts;
  for (size_t r = first_data; r < rows.size(); ++r) {
    if (column >= rows[r].size()) continue;
    std::string_view cell = TrimAscii(rows[r][column]);
    if (cell.empty()) continue;
    ++filled;
    // Characters, not bytes: a Thai or Chinese choice label is not longer
    // than an English one.
    for (char ch : cell) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
    code_like += IsCodeLike(cell) ? 1 : 0;
    with_space += cell.find(' ') != std::string_view::npos ? 1 : 0;
    ++values[cell];
    // Checkbox answers come joined by ", ": their parts repeat across rows.
    for (size_t start = 0; start <= cell.size();) {
      size_t comma = std::min(cell.find(", ", start), cell.size());
      distinct_parts.insert(TrimAscii(cell.substr(start, comma - start)));
      ++parts;
      start = comma + 2;
    }
  }
  bool asks = kind == ColumnPlan::Kind::kOpen || AsksForText(question);
  if (filled == 0) return asks;
  // A box of numbers (ZIP codes, counts) is data, once a few answers show it.
  if (code_like * 5 > filled && (kind != ColumnPlan::Kind::kOpen || filled >= 3)) return false;
  if (kind == ColumnPlan::Kind::kOpen) return true;
  // Wording decides unless the answers are a handful of repeated choices.
  if (asks) return filled < 5 || values.size() * 10 >= filled * 3;
  double average = static_cast<double>(chars) / filled;
  if (filled < 5) return values.size() == filled && average > 10 && with_space > 0;
  // Free answers rarely repeat word for word: most parts are new (reuse),
  // or most distinct answers were given once (short answers such as a
  // major, where popular ones repeat). Choices repeat a fixed set.
  double reuse = static_cast<double>(distinct_parts.size()) / parts;
  size_t once = 0;
  for (const auto& [value, count] : values) once += count == 1 ? 1 : 0;
  bool varied = reuse >= 0.6 || (values.size() >= 10 && once * 10 >= values.size() * 6);
  return varied && (average > 10 || with_space * 2 >= filled);
}

/// The score role `question` names when at least 80 % of the sample's
/// answers are scores in that role's range.
std::optional<Role> ScoreRole(const Rows& rows, size_t first_data, size_t column,
                              std::string_view question, bool labels) {
  for (Role role : SuggestRoles(question)) {
    if (!IsScore(role)) continue;
    size_t filled = 0, in_range = 0;
    for (size_t r = first_data; r < rows.size(); ++r) {
      if (column >= rows[r].size() || TrimAscii(rows[r][column]).empty()) continue;
      ++filled;
      auto score = ParseScore(rows[r][column], SpecOf(role));
      if (!score.ok() && labels) score = ParseScoreLabel(rows[r][column], SpecOf(role));
      in_range += score.ok() ? 1 : 0;
    }
    if (filled > 0 && in_range * 5 >= filled * 4) return role;
  }
  return std::nullopt;
}

SurveyLayout GenericLayout(const Rows& rows, bool has_header) {
  SurveyLayout layout;
  layout.header_rows = has_header ? 1 : 0;
  for (size_t i = 0; i < rows.front().size(); ++i) {
    ColumnPlan c;
    if (has_header) (void)CleanText(TrimAscii(rows.front()[i]), &c.name);
    if (c.name.empty()) c.name = "column_" + std::to_string(i + 1);
    layout.columns.push_back(std::move(c));
  }
  return layout;
}

}  // namespace

std::string PlainQuestionText(std::string_view cell) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
      {"&apos;", "'"}, {"&nbsp;", " "}};
  std::string out;
  for (size_t i = 0; i < cell.size();) {
    char c = cell[i];
    if (c == '<' && i + 1 < cell.size() &&
        (std::isalpha(static_cast<unsigned char>(cell[i + 1])) || cell[i + 1] == '/')) {
      size_t close = cell.find('>', i);
      if (close != std::string_view::npos && close - i <= kMaxTagBytes) {
        if (!out.empty() && out.back() != ' ') out += ' ';
        i = close + 1;
        continue;
      }
    }
    if (c == '&') {
      auto it = std::find_if(std::begin(kEntities), std::end(kEntities),
                             [&](const auto& e) { return cell.substr(i, e.first.size()) == e.first; });
      if (it != std::end(kEntities)) {
        out += it->second;
        i += it->first.size();
        continue;
      }
    }
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) {
      ++i;
      continue;
    }
    out += space ? ' ' : c;
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string clean;
  if (!CleanText(out, &clean).ok()) return out;
  return clean;
}

void ApplyMetaColumns(std::span<const MetaColumn> table, SurveyLayout* layout) {
  std::vector<std::string> folded;
  for (const ColumnPlan& c : layout->columns) folded.push_back(FoldHeader(c.name));
  std::vector<Role> taken;
  // Table order is priority order: Qualtrics RecordedDate is the time even
  // though EndDate comes first in the file.
  for (const MetaColumn& m : table) {
    for (size_t i = 0; i < folded.size(); ++i) {
      ColumnPlan& c = layout->columns[i];
      if (folded[i] != m.folded || c.role) continue;
      bool single = m.role != Role::kAttribute && m.role != Role::kText;
      bool used = std::find(taken.begin(), taken.end(), m.role) != taken.end();
      c.role = single && used ? Role::kAttribute : m.role;
      c.pii = m.pii;
      if (single) taken.push_back(m.role);
    }
  }
}

void DecideQuestionColumns(const Rows& rows, size_t first_data, SurveyLayout* layout) {
  for (size_t i = 0; i < layout->columns.size(); ++i) {
    ColumnPlan& c = layout->columns[i];
    if (c.role || c.pii) continue;
    std::string_view question = c.question_text.empty() ? c.name : c.question_text;
    if (auto score = ScoreRole(rows, first_data, i, question, layout->score_labels)) {
      c.role = score;
    } else if (c.kind != ColumnPlan::Kind::kClosed && LooksOpenEnded(rows, first_data, i, question, c.kind)) {
      c.role = Role::kText;
    } else {
      c.role = Role::kAttribute;
    }
  }
}

Result<SurveyLayout> ReadLayout(Platform platform, const Rows& rows, bool has_header) {
  if (rows.empty()) return SurveyLayout{};
  if (!has_header || platform == Platform::kGeneric) return GenericLayout(rows, has_header);
  if (platform == Platform::kLimeSurvey) {
    Detection d = DetectPlatform(rows);
    if (!d.refusal.empty()) return Status::NotSupported(d.refusal);
  }
  SurveyLayout layout;
  switch (platform) {
    case Platform::kQualtrics: layout = QualtricsLayout(rows); break;
    case Platform::kSurveyMonkey: layout = SurveyMonkeyLayout(rows); break;
    default: layout = SingleHeaderLayout(platform, rows); break;
  }
  layout.platform = platform;
  layout.score_labels = true;
  // What the platform layout left open is a question: metadata, embedded
  // data and personal data have their role (or PII flag) by now.
  for (ColumnPlan& c : layout.columns) {
    c.question = c.question || (!c.pii && (!c.role || IsScore(*c.role)));
  }
  DecideQuestionColumns(rows, layout.header_rows, &layout);
  return layout;
}

}  // namespace cxmap::csv
