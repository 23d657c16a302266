// SPDX-License-Identifier: Apache-2.0
// Writes cxmap's linear model format (the layout is documented, and read,
// in sdk/include/cxmap/linear_model_format.h).
#pragma once

#include <string>

#include "cxmap/linear_model_format.h"
#include "cxmap/status.h"

namespace cxmap::core::ml {

/// The file bytes of `data`. Pure and deterministic: the same data gives
/// the same bytes. `data` must be consistent (LinearModel::FromData
/// accepts it); ParseLinearModel(SerializeLinearModel(d)) gives d back.
std::string SerializeLinearModel(const LinearModelData& data);

}  // namespace cxmap::core::ml
