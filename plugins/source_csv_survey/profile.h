// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::csv {

/// The hook for survey-platform exports (Qualtrics, SurveyMonkey,
/// LimeSurvey... in a later issue): what differs from a generic CSV is
/// described here, so the reader, role detection and record building stay
/// one code path. Only the generic profile exists today.
struct Profile {
  std::string_view name;        ///< the `format` option value and SniffResult::format
  size_t rows_before_data = 1;  ///< header rows (Qualtrics exports have 3)
  /// Later: header cleaning (Qualtrics "Q5 - text" names), role overrides,
  /// sub_channel ("qualtrics"), platform date formats.
};

inline constexpr Profile kGenericCsv{"generic_csv", 1};

/// The profile for the `format` option: "auto" and "generic_csv" give the
/// generic profile. NotSupported for a platform not implemented yet,
/// InvalidArgument for an unknown name.
inline Result<Profile> FindProfile(std::string_view format) {
  if (format.empty() || format == "auto" || format == kGenericCsv.name) return kGenericCsv;
  for (std::string_view planned : {"qualtrics", "surveymonkey", "limesurvey", "google_forms",
                                   "microsoft_forms"}) {
    if (format == planned) {
      return Status::NotSupported("format '" + std::string(format) +
                                  "' is planned but not implemented yet; use generic_csv");
    }
  }
  return Status::InvalidArgument("unknown format '" + std::string(format) +
                                 "' (known: auto, generic_csv)");
}

}  // namespace cxmap::csv
