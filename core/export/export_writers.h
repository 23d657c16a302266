// SPDX-License-Identifier: Apache-2.0
// The three TableWriter implementations behind OpenTableWriter
// (table_writer.h); internal to core/export.
#pragma once

#include "core/export/table_writer.h"
#include "core/util/files.h"

namespace cxmap::core {

Result<std::unique_ptr<TableWriter>> OpenCsvWriter(const std::string& path);
Result<std::unique_ptr<TableWriter>> OpenJsonWriter(const std::string& path, bool multi_table);
Result<std::unique_ptr<TableWriter>> OpenXlsxWriter(const std::string& path);

}  // namespace cxmap::core
