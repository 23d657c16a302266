// SPDX-License-Identifier: Apache-2.0
// Qualtrics exports: three header rows (column ids, question text,
// {"ImportId":…}) or the legacy two (V1…V10 ids, then ResponseID… and the
// question text), CSV or TSV (often UTF-16).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "survey_layout.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsLegacyId(std::string_view s) {  // V1, V2, … of the legacy export
  if (s.size() < 2 || s[0] != 'V') return false;
  return s.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
}

/// Row index holding the {"ImportId":…} descriptors, or 0.
size_t ImportRow(const Rows& rows) {
  for (size_t r = 1; r < std::min<size_t>(rows.size(), 3); ++r) {
    for (const std::string& cell : rows[r]) {
      if (IsImportIdCell(cell)) return r;
    }
  }
  return 0;
}

/// The descriptor as JSON: the 2016 single-quoted form is Python's dict
/// notation; its values are ids (QID1, startDate, QID3_TEXT) that hold no
/// quotes, so swapping the quote character is enough.
nlohmann::json ParseDescriptor(std::string cell) {
  if (TrimAscii(cell).substr(0, 2) == "{'") std::replace(cell.begin(), cell.end(), '\'', '"');
  return nlohmann::json::parse(cell, nullptr, false);
}

std::string Cell(const Rows& rows, size_t r, size_t i) {
  if (r >= rows.size() || i >= rows[r].size()) return "";
  return std::string(TrimAscii(rows[r][i]));
}

/// Qualtrics' Text iQ adds analysis columns next to a text question
/// ("Q2 - Topics", "Q2 - Sentiment Polarity"): results, not answers.
bool IsTextIqColumn(std::string_view name) {
  for (std::string_view s : {" - Topics", " - Parent Topics", " - Sentiment", " - Topic Sentiment",
                             " - Actionability", " - Emotion", " - Effort"}) {
    if (name.find(s) != std::string_view::npos) return true;
  }
  return false;
}

void SetQuestionRole(ColumnPlan& c, std::string_view import_id) {
  if (c.role) return;
  if (c.name.find("_DO_") != std::string::npos || EndsWith(c.name, "_DO") ||
      IsTextIqColumn(c.name) || IsTextIqColumn(import_id)) {
    c.role = Role::kAttribute;
  } else if (EndsWith(c.name, "_TEXT") || EndsWith(import_id, "_TEXT")) {
    c.kind = ColumnPlan::Kind::kOpen;  // text entry, or the "Other" box of a choice question
  } else if (!import_id.empty() && import_id.substr(0, 3) != "QID") {
    c.role = Role::kAttribute;  // embedded data and metadata the export describes
  } else if (!import_id.empty()) {
    c.kind = ColumnPlan::Kind::kClosed;  // choice text or codes, maybe a score
  }
}

}  // namespace

bool IsImportIdCell(std::string_view cell) {
  cell = TrimAscii(cell);
  return cell.substr(0, 12) == "{\"ImportId\":" || cell.substr(0, 12) == "{'ImportId':";
}

SurveyLayout QualtricsLayout(const Rows& rows) {
  SurveyLayout layout;
  size_t import_row = ImportRow(rows);
  const auto& ids = rows[0];
  bool legacy = !ids.empty() && TrimAscii(ids[0]) == "V1";
  bool has_labels = import_row == 2 || legacy;
  if (import_row == 0 && !legacy && rows.size() > 1) {
    // Without descriptors a second header row is told by its ResponseId cell.
    for (size_t i = 0; i < ids.size(); ++i) {
      if (FoldHeader(ids[i]) == "responseid") has_labels = Cell(rows, 1, i).substr(0, 2) != "R_";
    }
  }
  layout.header_rows = 1 + (has_labels ? 1 : 0) + (import_row == 1 ? 1 : 0);
  if (import_row == 2) layout.header_rows = 3;
  layout.details.emplace_back("header_layout", import_row > 0 ? "ids, question text, ImportId"
                                               : legacy       ? "legacy: V ids, question text"
                                               : has_labels   ? "ids, question text"
                                                              : "ids");
  std::vector<std::string> import_ids(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    ColumnPlan c;
    std::string id = Cell(rows, 0, i), label = has_labels ? Cell(rows, 1, i) : "";
    c.name = legacy && IsLegacyId(id) ? label : id;
    if (!label.empty() && label != c.name) c.question_text = PlainQuestionText(label);
    if (c.name.empty()) c.name = "column_" + std::to_string(i + 1);
    if (import_row > 0) {
      auto j = ParseDescriptor(Cell(rows, import_row, i));
      if (j.is_object()) {
        if (j.contains("ImportId") && j["ImportId"].is_string()) import_ids[i] = j["ImportId"];
        if (j.contains("timeZone") && j["timeZone"].is_string()) c.time_zone = j["timeZone"];
      }
    }
    layout.columns.push_back(std::move(c));
  }
  ApplyMetaColumns({{"responseid", Role::kId},
                    {"recordeddate", Role::kTime},
                    {"enddate", Role::kTime},
                    {"userlanguage", Role::kLanguage},
                    {"q language", Role::kLanguage},
                    {"recipientemail", Role::kRespondent, true},
                    {"emailaddress", Role::kRespondent, true},
                    {"ipaddress", Role::kAttribute, true},
                    {"recipientlastname", Role::kAttribute, true},
                    {"recipientfirstname", Role::kAttribute, true},
                    {"name", Role::kAttribute, true},
                    {"locationlatitude", Role::kAttribute, true},
                    {"locationlongitude", Role::kAttribute, true},
                    {"locationaccuracy", Role::kAttribute, true},
                    {"startdate", Role::kAttribute},
                    {"status", Role::kAttribute},
                    {"progress", Role::kAttribute},
                    {"duration in seconds", Role::kAttribute},
                    {"finished", Role::kAttribute},
                    {"distributionchannel", Role::kAttribute},
                    {"externalreference", Role::kAttribute},
                    {"externaldatareference", Role::kAttribute},
                    {"responseset", Role::kAttribute}},
                   &layout);
  // "Q7_NPS_GROUP" (1 detractor, 2 passive, 3 promoter) marks Q7 as the NPS question.
  for (ColumnPlan& c : layout.columns) {
    if (!EndsWith(c.name, "_NPS_GROUP")) continue;
    c.role = Role::kAttribute;
    std::string base = c.name.substr(0, c.name.size() - std::string_view("_NPS_GROUP").size());
    for (ColumnPlan& q : layout.columns) {
      if (q.name == base && !q.role) {
        q.role = Role::kNps;
        layout.details.emplace_back("nps_question", base);
      }
    }
  }
  for (size_t i = 0; i < layout.columns.size(); ++i) SetQuestionRole(layout.columns[i], import_ids[i]);
  for (const ColumnPlan& c : layout.columns) {
    if (c.role == Role::kTime && !c.time_zone.empty()) layout.details.emplace_back("time_zone", c.time_zone);
  }
  return layout;
}

}  // namespace cxmap::csv
