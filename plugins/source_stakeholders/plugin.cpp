// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin lives in stakeholder_source.h.
#include "cxmap/plugin.h"
#include "stakeholder_source.h"

using StakeholderSource = cxmap::stakeholders::StakeholderSource;
CXMAP_SOURCE_PLUGIN(StakeholderSource, source_stakeholders)
