// SPDX-License-Identifier: Apache-2.0
// Registration only: the logic lives in pii_flags_analysis.cpp and pii_scanner.cpp.
#include "cxmap/plugin.h"
#include "pii_flags_analysis.h"

CXMAP_ANALYSIS_PLUGIN(cxmap_samples::PiiFlagsAnalysis, analysis_pii_flags)
