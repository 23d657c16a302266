// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "cxmap/record.h"

namespace cxmap::core {

/// The stable identity of a record, so that re-importing adds nothing:
///  - "<source>:<external_id>" when the source gave an external id (sources
///    namespace ids that are only unique per file, e.g. "<file>:<row id>");
///  - otherwise "<source>:h:<sha256 prefix>" over the record number, file
///    name (not its folder, so a moved export keeps its ids), time,
///    respondent, text and attributes. The record number keeps two identical
///    comments in one file apart.
std::string MakeRecordId(std::string_view source, const Record& record);

}  // namespace cxmap::core
