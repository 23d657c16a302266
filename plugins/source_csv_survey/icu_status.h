// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <unicode/utypes.h>

#include "cxmap/status.h"

namespace cxmap::csv {

/// The one place where an ICU error code becomes a Status: Ok for success
/// and warnings, InvalidArgument for an unknown converter name, Internal
/// otherwise. `what` says which call failed.
inline Status FromIcu(UErrorCode code, std::string_view what) {
  if (U_SUCCESS(code)) return Status::Ok();
  std::string message = std::string(what) + ": ICU " + u_errorName(code);
  if (code == U_FILE_ACCESS_ERROR || code == U_ILLEGAL_ARGUMENT_ERROR) {
    return Status::InvalidArgument(std::move(message));
  }
  return Status::Internal(std::move(message));
}

}  // namespace cxmap::csv
