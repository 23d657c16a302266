// SPDX-License-Identifier: Apache-2.0
#include "value_parsers.h"

#include <gtest/gtest.h>

namespace cxmap::csv {
namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t k2024_01_15 = 19737 * kDay;  // 2024-01-15T00:00:00Z

TEST(ValueParsers, EmptyScoreIsNulloptNeverZero) {
  auto r = ParseScore("  ", kNps);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
  auto zero = ParseScore("0", kNps);
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(**zero, 0.0);
}

TEST(ValueParsers, OutOfRangeAndGarbageScoresAreErrors) {
  auto high = ParseScore("11", kNps);
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.status().message(), "nps 11 is out of range 0..10");
  EXPECT_FALSE(ParseScore("0", kCsat).ok());
  EXPECT_FALSE(ParseScore("8", kCes).ok());
  EXPECT_FALSE(ParseScore("great", kRating).ok());
  EXPECT_EQ(ParseScore("4,5", kCsat).value(), 4.5);
  EXPECT_EQ(ParseScore(" 7 ", kCes).value(), 7.0);
}

TEST(ValueParsers, ParsesIsoTimestampsToUtc) {
  auto p = [](std::string_view s) { return ParseTimestamp(s, DateOrder::kMonthFirst, 0); };
  EXPECT_EQ(p("2024-01-15"), k2024_01_15);
  EXPECT_EQ(p("2024-01-15T10:30:00Z"), k2024_01_15 + (10 * 60 + 30) * 60000);
  EXPECT_EQ(p("2024-01-15T10:30:00.250+07:00"), k2024_01_15 + (3 * 60 + 30) * 60000 + 250);
  EXPECT_EQ(p("2024-01-15 10:30:05"), k2024_01_15 + ((10 * 60 + 30) * 60 + 5) * 1000);
  EXPECT_EQ(p("2024/01/15"), k2024_01_15);
  EXPECT_EQ(ParseTimestamp("2024-01-15 07:00", DateOrder::kMonthFirst, 7 * 60), k2024_01_15);
}

TEST(ValueParsers, ParsesSlashDatesInTheGivenOrder) {
  EXPECT_EQ(ParseTimestamp("1/15/2024 9:05:12", DateOrder::kMonthFirst, 0),
            k2024_01_15 + (9 * 3600 + 5 * 60 + 12) * 1000);
  EXPECT_EQ(ParseTimestamp("1/15/2024 9:05:12 PM", DateOrder::kMonthFirst, 0),
            k2024_01_15 + (21 * 3600 + 5 * 60 + 12) * 1000);
  EXPECT_EQ(ParseTimestamp("15/01/2024", DateOrder::kDayFirst, 0), k2024_01_15);
  EXPECT_EQ(ParseTimestamp("15.01.2024", DateOrder::kDayFirst, 0), k2024_01_15);
  EXPECT_FALSE(ParseTimestamp("15/01/2024", DateOrder::kMonthFirst, 0));
}

TEST(ValueParsers, RejectsImpossibleTimestamps) {
  for (std::string_view s : {"2024-02-30", "2024-13-01", "2024-01-15T24:00", "yesterday",
                             "2024-01-15 10:30 nonsense", "", "1/2"}) {
    EXPECT_FALSE(ParseTimestamp(s, DateOrder::kMonthFirst, 0)) << s;
  }
  EXPECT_TRUE(ParseTimestamp("2024-02-29", DateOrder::kMonthFirst, 0));
}

TEST(ValueParsers, ParsesUtcOffsets) {
  EXPECT_EQ(ParseUtcOffset("+07:00"), 420);
  EXPECT_EQ(ParseUtcOffset("-0530"), -330);
  EXPECT_EQ(ParseUtcOffset("Z"), 0);
  EXPECT_FALSE(ParseUtcOffset("+25:00"));
  EXPECT_FALSE(ParseUtcOffset("Asia/Bangkok"));
}

}  // namespace
}  // namespace cxmap::csv
