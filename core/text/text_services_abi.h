// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cxmap/abi_text.h"

namespace cxmap::core {

/// The C function table of the text services that HostContext lends to
/// plugins (cxmap_host.text). Static, valid for the life of the process.
/// Every entry catches all exceptions and reports them as CXMAP_INTERNAL.
const cxmap_text_services* TextServicesTable();

}  // namespace cxmap::core
