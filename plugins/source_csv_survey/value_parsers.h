// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::csv {

/// A score column and its valid range.
struct ScoreSpec {
  std::string_view name;  ///< "nps", "csat", "ces", "rating"
  double min;
  double max;
};
inline constexpr ScoreSpec kNps{"nps", 0, 10};
inline constexpr ScoreSpec kCsat{"csat", 1, 5};
inline constexpr ScoreSpec kCes{"ces", 1, 7};
inline constexpr ScoreSpec kRating{"rating", 1, 5};

/// A decimal number: optional sign, digits, one '.' or ',' as decimal
/// separator; surrounding ASCII spaces allowed; nothing else. nullopt when
/// `s` is not such a number.
std::optional<double> ParseNumber(std::string_view s);

/// A score cell. Empty (or blank) -> nullopt, never 0. Errors
/// (InvalidArgument, message for a person): not a number, or outside
/// [spec.min, spec.max] -- out-of-range scores are rejected, not clamped.
Result<std::optional<double>> ParseScore(std::string_view s, const ScoreSpec& spec);

/// A score exported as a choice label, as survey platforms do on request:
/// a leading number followed by its label ("10 - Extremely likely",
/// "5 = Very satisfied", "4 (Satisfied)"), or for CSAT a five-point
/// satisfaction label in en/vi/th/zh ("Somewhat satisfied" -> 4, "Rất hài
/// lòng" -> 5, "ไม่พอใจ" -> 2, "非常满意" -> 5). Anything else is read as
/// by ParseScore, with its errors.
Result<std::optional<double>> ParseScoreLabel(std::string_view s, const ScoreSpec& spec);

/// How to read a slash date whose first two parts are both <= 12.
enum class DateOrder { kMonthFirst, kDayFirst };

/// Parses a timestamp to milliseconds since the Unix epoch, UTC. Accepted:
///   ISO 8601: YYYY-MM-DD, then optionally 'T' or ' ' + HH:MM[:SS[.fff]],
///             then optionally Z or +HH[:MM] / -HH[:MM]
///   YYYY/MM/DD [HH:MM[:SS]]
///   M/D/YYYY [H:MM[:SS]] [AM|PM]  (Google Forms, en-US)  with kMonthFirst
///   D/M/YYYY [H:MM[:SS]] [AM|PM]  (vi, th, en-GB)         with kDayFirst
/// '-' or '.' may replace '/' in the last two forms. A time without a zone
/// is local time at `utc_offset_minutes`. nullopt when nothing matches or a
/// field is out of range (month 13, Feb 30, hour 24...).
std::optional<int64_t> ParseTimestamp(std::string_view s, DateOrder order, int utc_offset_minutes);

/// For a slash date "A/B/YYYY...", the pair (A, B); nullopt otherwise. Used
/// to decide a file's DateOrder from a sample of its values.
std::optional<std::pair<int, int>> SlashDateHead(std::string_view s);

/// Parses a UTC offset option: "Z", "UTC", "+07:00", "-0530", "+7".
/// nullopt when malformed or beyond +-14:00.
std::optional<int> ParseUtcOffset(std::string_view s);

}  // namespace cxmap::csv
