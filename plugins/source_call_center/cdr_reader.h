// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "call_model.h"

namespace cxmap::callcenter {

/// Reads Asterisk CDR CSV (no header row), one call per row, no turns. Two
/// layouts are told apart per row by where the disposition sits:
///   cdr_csv (Master.csv of cdr_csv): accountcode, src, dst, dcontext, clid,
///     channel, dstchannel, lastapp, lastdata, start, answer, end, duration,
///     billsec, disposition, amaflags[, uniqueid[, userfield[, peeraccount,
///     linkedid, sequence]]] — 16, 17, 18 or 21 fields;
///   cdr_custom (the sample mapping of cdr_custom.conf): clid, src, dst,
///     dcontext, channel, dstchannel, lastapp, lastdata, start, answer, end,
///     duration, billsec, disposition, amaflags, accountcode, uniqueid,
///     userfield[, sequence] — 18 or 19 fields.
/// Ragged rows, rows without a disposition and broken quoting are rejected
/// with line and column. Times are the PBX's local time: `utc_offset_minutes`
/// when given, else the offset between start and the Unix time inside
/// uniqueid, else UTC. Thread-safe.
ParsedInput ReadCdr(std::string_view data, std::optional<int> utc_offset_minutes);

/// Column names of a layout ("cdr_csv" or "cdr_custom"), in file order.
std::vector<std::string_view> CdrColumnNames(std::string_view layout);

/// True for the disposition words Asterisk writes (ANSWERED, NO ANSWER,
/// BUSY, FAILED, CONGESTION).
bool IsAsteriskDisposition(std::string_view s);

/// Splits one CSV line with the X3 field grammar (RFC 4180 quotes). On a
/// quoting error returns false and sets `error_column` (1-based).
bool SplitCsvLine(std::string_view line, std::vector<std::string>& fields, size_t& error_column);

}  // namespace cxmap::callcenter
