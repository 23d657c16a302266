// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin lives in call_center_source.h.
#include "call_center_source.h"
#include "cxmap/plugin.h"

using CallCenterSource = cxmap::callcenter::CallCenterSource;
CXMAP_SOURCE_PLUGIN(CallCenterSource, source_call_center)
