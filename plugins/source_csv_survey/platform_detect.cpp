// SPDX-License-Identifier: Apache-2.0
// Which survey platform wrote a file, from the layout of its first rows.
#include <algorithm>
#include <initializer_list>

#include "profile.h"
#include "survey_layout.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

constexpr std::string_view kNames[] = {"generic_csv", "qualtrics",  "surveymonkey",   "google_forms",
                                       "limesurvey",  "typeform",   "microsoft_forms"};

using Rows = std::vector<std::vector<std::string>>;

/// Header cells compare folded: case, punctuation and Vietnamese marks aside.
bool Has(const std::vector<std::string>& row, std::string_view folded) {
  return std::any_of(row.begin(), row.end(),
                     [&](const std::string& cell) { return FoldHeader(cell) == folded; });
}

size_t CountOf(const std::vector<std::string>& row, std::initializer_list<std::string_view> folded) {
  size_t n = 0;
  for (std::string_view f : folded) n += Has(row, f) ? 1 : 0;
  return n;
}

bool HasExact(const std::vector<std::string>& row, std::string_view cell) {
  return std::any_of(row.begin(), row.end(),
                     [&](const std::string& c) { return TrimAscii(c) == cell; });
}

std::string_view First(const std::vector<std::string>& row) {
  return row.empty() ? std::string_view() : TrimAscii(row.front());
}

std::optional<Detection> Qualtrics(const Rows& rows) {
  for (size_t r = 1; r < std::min<size_t>(rows.size(), 3); ++r) {
    for (const std::string& cell : rows[r]) {
      if (IsImportIdCell(cell)) {
        return Detection{Platform::kQualtrics, 0.98,
                         "Qualtrics export: row " + std::to_string(r + 1) +
                             " holds {\"ImportId\":…} column descriptors"};
      }
    }
  }
  const auto& h = rows[0];
  bool v_ids = h.size() >= 10;
  for (size_t i = 0; v_ids && i < 10; ++i) v_ids = TrimAscii(h[i]) == "V" + std::to_string(i + 1);
  if (v_ids && rows.size() > 1 && Has(rows[1], "responseid")) {
    return Detection{Platform::kQualtrics, 0.97,
                     "legacy Qualtrics export: V1…V10 ids over a ResponseID row"};
  }
  if (Has(h, "responseid") &&
      CountOf(h, {"startdate", "enddate", "status", "progress", "finished", "recordeddate",
                  "distributionchannel", "userlanguage", "duration in seconds"}) >= 3) {
    return Detection{Platform::kQualtrics, 0.9,
                     "Qualtrics column ids (ResponseId, StartDate, Finished…) without an ImportId row"};
  }
  return std::nullopt;
}

std::optional<Detection> LimeSurvey(const Rows& rows) {
  const auto& h = rows[0];
  if (HasExact(h, "class") && HasExact(h, "type/scale") && HasExact(h, "name") &&
      HasExact(h, "text")) {
    return Detection{Platform::kLimeSurvey, 0.97,
                     "LimeSurvey survey-structure export (class, type/scale, name, text columns)",
                     "this is a LimeSurvey survey-structure file (.txt/TSV with class, type/scale, "
                     "name, text columns): it describes the survey's questions, not responses. "
                     "Export the responses instead (Responses > Export > CSV or R data file)"};
  }
  size_t codes = CountOf(h, {"id", "submitdate", "lastpage", "startlanguage"});
  size_t text = CountOf(h, {"response id", "date submitted", "last page", "start language"});
  if (codes >= 3 || text >= 3) {
    return Detection{Platform::kLimeSurvey, 0.95,
                     codes >= 3 ? "LimeSurvey responses: id, submitdate, lastpage, startlanguage"
                                : "LimeSurvey responses: Response ID, Date submitted, Last page, "
                                  "Start language"};
  }
  return std::nullopt;
}

std::optional<Detection> SurveyMonkey(const Rows& rows) {
  const auto& h = rows[0];
  std::string first = FoldHeader(First(h));
  if (first != "respondent id" && first != "respondentid") return std::nullopt;
  if (rows.size() > 1 && (HasExact(rows[1], "Response") || HasExact(rows[1], "Open-Ended Response"))) {
    return Detection{Platform::kSurveyMonkey, 0.97,
                     "SurveyMonkey export: Respondent ID first, row 2 holds Response / "
                     "Open-Ended Response sub-headers"};
  }
  if (CountOf(h, {"collector id", "collectorid", "start date", "end date"}) >= 2) {
    return Detection{Platform::kSurveyMonkey, 0.9,
                     "SurveyMonkey export: Respondent ID, Collector ID, Start Date, End Date"};
  }
  return std::nullopt;
}

std::optional<Detection> Typeform(const Rows& rows) {
  const auto& h = rows[0];
  if (First(h) != "#") return std::nullopt;
  if (Has(h, "submit date utc") || (Has(h, "start date utc") && Has(h, "network id"))) {
    return Detection{Platform::kTypeform, 0.95,
                     "Typeform export: # first, Start/Submit Date (UTC), Network ID"};
  }
  return std::nullopt;
}

std::optional<Detection> MicrosoftForms(const Rows& rows) {
  const auto& h = rows[0];
  if (FoldHeader(First(h)) != "id") return std::nullopt;
  if (Has(h, "start time") && Has(h, "completion time")) {
    return Detection{Platform::kMicrosoftForms, 0.95,
                     "Microsoft Forms export: ID, Start time, Completion time, Email, Name"};
  }
  return std::nullopt;
}

std::optional<Detection> GoogleForms(const Rows& rows) {
  // Google Sheets names the column in the form owner's language.
  static constexpr std::string_view kTimestamp[] = {
      "timestamp", "dau thoi gian", "ประทับเวลา", "时间戳记", "時間戳記", "marca temporal",
      "zeitstempel", "horodateur", "carimbo de data hora", "tijdstempel", "informacion temporal"};
  std::string first = FoldHeader(First(rows[0]));
  if (std::find(std::begin(kTimestamp), std::end(kTimestamp), first) == std::end(kTimestamp)) {
    return std::nullopt;
  }
  // The cells under it are times written by Sheets (digits first), when there are any.
  if (rows.size() > 1 && !rows[1].empty()) {
    std::string_view cell = TrimAscii(rows[1][0]);
    if (!cell.empty() && (cell[0] < '0' || cell[0] > '9')) return std::nullopt;
  }
  return Detection{Platform::kGoogleForms, 0.9,
                   "Google Forms responses: '" + std::string(First(rows[0])) +
                       "' first, one column per question"};
}

}  // namespace

std::string_view PlatformName(Platform platform) { return kNames[static_cast<size_t>(platform)]; }

Result<std::optional<Platform>> ParseFormat(std::string_view format) {
  if (format.empty() || format == "auto") return std::optional<Platform>();
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (format == kNames[i]) return std::optional<Platform>(static_cast<Platform>(i));
  }
  std::string known = "auto";
  for (std::string_view n : kNames) known += ", " + std::string(n);
  return Status::InvalidArgument("unknown format '" + std::string(format) + "' (known: " + known + ")");
}

Detection DetectPlatform(const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty() || rows[0].empty()) return {Platform::kGeneric, 0, "no header row"};
  for (auto detect : {&Qualtrics, &LimeSurvey, &SurveyMonkey, &Typeform, &MicrosoftForms, &GoogleForms}) {
    if (auto d = detect(rows)) return *d;
  }
  return {Platform::kGeneric, 0, "no survey platform's header layout"};
}

}  // namespace cxmap::csv
