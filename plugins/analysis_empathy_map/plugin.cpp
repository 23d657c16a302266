// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin is EmpathyAnalysis.
#include "cxmap/plugin.h"
#include "empathy_analysis.h"

using cxmap::empathy::EmpathyAnalysis;
CXMAP_ANALYSIS_PLUGIN(EmpathyAnalysis, analysis_empathy_map)
