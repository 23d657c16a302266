// SPDX-License-Identifier: Apache-2.0
#include "stakeholder_row.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace cxmap::stakeholders {
namespace {

std::string Cell(const CsvRow& row, std::optional<size_t> index) {
  if (!index || *index >= row.fields.size()) return {};
  return std::string(Trim(row.fields[*index]));
}

}  // namespace

std::string FormatScore(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

ScoreCell ParseScore(std::string_view column, std::string_view cell) {
  std::string_view raw = Trim(cell);
  if (raw.empty()) return {};
  std::string text(raw);
  if (text.size() > 2 && text.substr(text.size() - 2) == "/5") text.resize(text.size() - 2);
  for (char& c : text) c = c == ',' ? '.' : c;  // decimal comma (vi, European exports)
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  std::string shown = SafeExcerpt(raw, 40);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return {std::nullopt, std::string(column) + " '" + shown + "' is not a number (expected 1–5)"};
  }
  if (v < 1 || v > 5) return {std::nullopt, std::string(column) + " " + shown + " is outside 1–5"};
  return {v, {}};
}

std::variant<Record, RowProblem> BuildStakeholder(const HeaderMap& map,
                                                  const std::vector<std::string>& header,
                                                  const CsvRow& row) {
  if (row.unterminated) return RowProblem{"a quoted field is not closed before the end of the file"};
  for (const auto& f : row.fields) {
    if (FirstInvalidUtf8(f) != std::string_view::npos) {
      return RowProblem{"invalid UTF-8 (save the list as UTF-8 or UTF-16)"};
    }
  }
  for (size_t i = header.size(); i < row.fields.size(); ++i) {
    if (!Trim(row.fields[i]).empty()) {
      return RowProblem{"row has " + std::to_string(row.fields.size()) + " fields, the header " +
                        std::to_string(header.size())};
    }
  }
  Record r;
  std::string name = Cell(row, map.at(Column::kName));
  if (name.empty()) return RowProblem{"missing name"};
  ScoreCell support = ParseScore("support", Cell(row, map.at(Column::kSupport)));
  if (!support.error.empty()) return RowProblem{support.error};
  ScoreCell influence = ParseScore("influence", Cell(row, map.at(Column::kInfluence)));
  if (!influence.error.empty()) return RowProblem{influence.error};

  r.channel = Channel::kOther;
  r.sub_channel = "stakeholder_list";
  r.respondent = name;
  r.text = Cell(row, map.at(Column::kNotes));
  r.attributes.emplace_back("kind", "stakeholder");
  r.attributes.emplace_back("name", name);
  r.attributes.emplace_back("department", Cell(row, map.at(Column::kDepartment)));
  r.attributes.emplace_back("role", Cell(row, map.at(Column::kRole)));
  if (support.value) r.attributes.emplace_back("support", FormatScore(*support.value));
  if (influence.value) r.attributes.emplace_back("influence", FormatScore(*influence.value));
  for (size_t i = 0; i < header.size() && i < row.fields.size(); ++i) {
    bool known = false;
    for (const auto& slot : map.index) known = known || (slot && *slot == i);
    std::string key(Trim(header[i]));
    std::string value(Trim(row.fields[i]));
    // A column called "kind" or "name" twice keeps the first. "support" and
    // "influence" are reserved even when the mapped cell is empty: a second
    // column under that header must not pass free text off as a score.
    bool taken = key == "support" || key == "influence";
    for (const auto& [k, v] : r.attributes) taken = taken || k == key;
    bool readable = FirstInvalidUtf8(key) == std::string_view::npos;  // a bad header cell
    if (!known && !taken && readable && !key.empty() && !value.empty()) {
      r.attributes.emplace_back(key, value);
    }
  }
  return r;
}

}  // namespace cxmap::stakeholders
