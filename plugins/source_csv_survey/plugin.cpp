// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin lives in csv_survey_source.h.
#include "csv_survey_source.h"
#include "cxmap/plugin.h"

using CsvSurveySource = cxmap::csv::CsvSurveySource;
CXMAP_SOURCE_PLUGIN(CsvSurveySource, source_csv_survey)
