// SPDX-License-Identifier: Apache-2.0
// Umbrella header of the cxmap plugin SDK.
#pragma once

#include "cxmap/analysis_plugin.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/plugin.h"
#include "cxmap/record.h"
#include "cxmap/source_plugin.h"
#include "cxmap/status.h"
#include "cxmap/model_tokens.h"
#include "cxmap/text.h"
#include "cxmap/version.h"
