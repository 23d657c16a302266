// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cxmap::social {

/// Unix milliseconds of an ISO 8601 time (support::ParseIsoDateTime) as the
/// platforms write it:
/// "2021-05-18T19:24:56.000Z" (X), "2019-03-06T15:40:37+0000" (Facebook),
/// "2017-11-15T08:10:34-08:00" (App Store), "2024-01-15 10:30:00" (no zone
/// = UTC), or a date alone. nullopt when malformed or a field is out of
/// range (month 13, 25:00...). Pure function.
std::optional<int64_t> ParseIsoTime(std::string_view s);

/// Unix milliseconds of an epoch number: seconds (Reddit's created_utc,
/// possibly fractional) or, above 1e11, already milliseconds (Play
/// Console's "Millis Since Epoch"). nullopt for NaN, negatives and values
/// past year 9999.
std::optional<int64_t> EpochToMs(double value);

/// A time given either way as text: all digits (optionally with a
/// fraction) is an epoch, anything else ISO 8601.
std::optional<int64_t> ParseAnyTime(std::string_view s);

}  // namespace cxmap::social
