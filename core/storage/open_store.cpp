// SPDX-License-Identifier: Apache-2.0
#include "core/storage/open_store.h"

#include "core/storage/pg_store.h"

namespace cxmap::core {

Result<std::unique_ptr<Store>> OpenStoreAt(const StoreLocation& location, StoreAccess access) {
  if (location.postgres()) return OpenPgStore(location, access);
  return OpenSqliteStore(location.target, access);
}

}  // namespace cxmap::core
