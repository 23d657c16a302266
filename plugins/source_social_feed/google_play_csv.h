// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/source_plugin.h"
#include "cxmap/support/csv.h"
#include "cxmap/status.h"
#include "feed_post.h"

namespace cxmap::social {

/// RFC 4180 rows of an export read at once (the SDK's support/csv.h).
using support::CsvRow;
using support::CsvSplitter;

/// Reads a whole Play Console review export, already decoded to UTF-8
/// (see DecodeExport), into review records: Star Rating -> rating, Review
/// Title + Review Text -> text, Reviewer Language -> language, Review
/// Submit Millis Since Epoch (else Review Submit Date and Time) -> time,
/// the reviewId in Review Link -> id; package, versions, device and the
/// developer's reply -> attributes. Columns are found by header name, so
/// older exports with fewer columns read too. A ragged row, a bad star
/// rating, invalid text encoding or a byte order mark in the middle of
/// the file (two exports joined) -> a problem for that row; the rest read
/// on. Fills `columns` with the header and each column's role.
/// NotSupported when the header lacks Star Rating or any review text.
Status ConvertGooglePlay(std::string_view text, const FeedSettings& settings, UnitOutcome& out,
                         std::vector<InspectColumn>* columns);

}  // namespace cxmap::social
