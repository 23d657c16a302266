// SPDX-License-Identifier: Apache-2.0
// Opens the Store a StoreLocation names: SQLite or PostgreSQL.
#pragma once

#include <memory>

#include "core/storage/store.h"
#include "core/storage/store_location.h"

namespace cxmap::core {

/// OpenSqliteStore() or OpenPgStore(), by the location's kind.
Result<std::unique_ptr<Store>> OpenStoreAt(const StoreLocation& location,
                                           StoreAccess access = StoreAccess::kWrite);

}  // namespace cxmap::core
