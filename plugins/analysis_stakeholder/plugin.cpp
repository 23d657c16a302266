// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin lives in stakeholder_analysis.h.
#include "cxmap/plugin.h"
#include "stakeholder_analysis.h"

using StakeholderAnalysis = cxmap::stakeholder::StakeholderAnalysis;
CXMAP_ANALYSIS_PLUGIN(StakeholderAnalysis, analysis_stakeholder)
