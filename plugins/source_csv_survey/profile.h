// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::csv {

/// The survey platform whose export layout a file follows. What differs
/// from a generic CSV (header rows, which column is the response id, the
/// time, the language, which questions are open-ended) is worked out per
/// platform in survey_layout.h, so the readers (CSV, XLSX), role
/// assignment and record building stay one code path.
enum class Platform {
  kGeneric,
  kQualtrics,
  kSurveyMonkey,
  kGoogleForms,
  kLimeSurvey,
  kTypeform,
  kMicrosoftForms,
};

/// The `format` option value and SniffResult::format of a platform:
/// "generic_csv", "qualtrics", "surveymonkey", "google_forms", "limesurvey",
/// "typeform", "microsoft_forms".
std::string_view PlatformName(Platform platform);

/// The platform named by the `format` option; nullopt for "auto" (or
/// empty). InvalidArgument for an unknown name (the message lists them).
Result<std::optional<Platform>> ParseFormat(std::string_view format);

/// A platform recognised from a file's first rows.
struct Detection {
  Platform platform = Platform::kGeneric;
  double confidence = 0;  ///< 0..1, how sure the layout is this platform's
  std::string reason;     ///< for a person: what in the header gave it away
  /// Non-empty when the file is a known export that holds no responses
  /// (the LimeSurvey survey-structure TSV): the message to refuse it with.
  std::string refusal;
};

/// Recognises a platform export from its first rows (cells as read, UTF-8,
/// the first row first; a few rows are enough). Reads the layout, not the
/// sample's values: Qualtrics by its {"ImportId":…} row or V1…V10 legacy
/// ids, SurveyMonkey by Respondent ID + the "Response"/"Open-Ended
/// Response" sub-header row, Google Forms by its Timestamp column,
/// LimeSurvey by id/submitdate/lastpage/startlanguage (codes or full
/// text), Typeform by # + Submit Date (UTC), Microsoft Forms by ID + Start
/// time + Completion time. Generic when none fits. Thread-safe.
Detection DetectPlatform(const std::vector<std::vector<std::string>>& rows);

}  // namespace cxmap::csv
