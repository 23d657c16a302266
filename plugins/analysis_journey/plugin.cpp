// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin is JourneyAnalysis.
#include "cxmap/plugin.h"
#include "journey_analysis.h"

using cxmap::journey::JourneyAnalysis;
CXMAP_ANALYSIS_PLUGIN(JourneyAnalysis, analysis_journey)
