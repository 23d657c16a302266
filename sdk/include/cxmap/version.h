// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cxmap/abi_types.h"

/// Version of the SDK package (not the ABI: see CXMAP_ABI_MAJOR/MINOR).
#define CXMAP_SDK_VERSION "0.1.0"
