// SPDX-License-Identifier: Apache-2.0
// The SDK's date and time pieces, which the sources' parsers are made of.
#include "cxmap/support/date_time.h"

#include <gtest/gtest.h>

namespace cxmap::support {
namespace {

TEST(DateTimeSupport, DaysFromCivilAgreesWithChrono) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  for (int y : {1900, 1999, 2024, 2100, 2400}) {
    for (unsigned m : {1u, 2u, 3u, 12u}) {
      using namespace std::chrono;
      const auto days = sys_days(year{y} / month{m} / day{28}).time_since_epoch().count();
      EXPECT_EQ(DaysFromCivil(y, m, 28), days) << y << "-" << m;
    }
  }
  EXPECT_TRUE(IsCivilDate(2024, 2, 29));
  EXPECT_FALSE(IsCivilDate(2023, 2, 29));
  EXPECT_FALSE(IsCivilDate(2024, 13, 1));
  EXPECT_FALSE(IsCivilDate(2024, 4, 31));
}

TEST(DateTimeSupport, ClockTimesWithFractionsAndAmPm) {
  auto clock = [](const char* s, bool ampm) -> std::optional<int64_t> {
    TextCursor c{s};
    auto ms = ReadClock(c, ampm);
    if (ms && !c.Done()) return std::nullopt;  // the whole text, in these cases
    return ms;
  };
  EXPECT_EQ(clock("9:05", false), (9 * 60 + 5) * 60000);
  EXPECT_EQ(clock("09:05:07.25", false), ((9 * 60 + 5) * 60 + 7) * 1000 + 250);
  EXPECT_EQ(clock("09:05:07,123456", false), ((9 * 60 + 5) * 60 + 7) * 1000 + 123);
  EXPECT_EQ(clock("12:00:00 AM", true), 0);
  EXPECT_EQ(clock("12:30 pm", true), (12 * 60 + 30) * 60000);
  EXPECT_EQ(clock("23:59:60", false), (23 * 3600 + 59 * 60 + 59) * int64_t{1000});
  EXPECT_FALSE(clock("13:00 PM", true));
  EXPECT_FALSE(clock("24:00", false));
  EXPECT_FALSE(clock("10:5", false));
  EXPECT_FALSE(clock("10:05:07.", false));
  // A failed read leaves the cursor where it was.
  TextCursor c{"10:xx"};
  EXPECT_FALSE(ReadClock(c, true));
  EXPECT_EQ(c.i, 0u);
}

TEST(DateTimeSupport, UtcOffsets) {
  auto offset = [](const char* s, bool iso = false) -> std::optional<int> {
    TextCursor c{s};
    auto m = ReadUtcOffset(c, iso);
    return m && c.Done() ? m : std::nullopt;
  };
  EXPECT_EQ(offset("Z"), 0);
  EXPECT_EQ(offset("+07:00"), 420);
  EXPECT_EQ(offset("-0530"), -330);
  EXPECT_EQ(offset("+7"), 420);
  EXPECT_FALSE(offset("+7", /*iso=*/true));
  EXPECT_FALSE(offset("+15:00"));
  EXPECT_FALSE(offset("+07:"));
  EXPECT_FALSE(offset("Asia/Bangkok"));
}

TEST(DateTimeSupport, IsoDateTimesAsPlatformsWriteThem) {
  EXPECT_EQ(ParseIsoDateTime("1970-01-01"), 0);
  EXPECT_EQ(ParseIsoDateTime("2024-05-02T09:41:00+07:00"), 1714617660000);
  EXPECT_EQ(ParseIsoDateTime("2019-03-06T15:40:37+0000"), 1551886837000);  // Facebook
  EXPECT_EQ(ParseIsoDateTime(" 2021-05-18T19:24:56.000Z\t"), 1621365896000);  // X
  EXPECT_EQ(ParseIsoDateTime("2024-01-15 10:30:00"), 1705314600000);  // no zone: UTC
  for (const char* bad : {"", "2024-13-01", "2024-02-30", "2024-01-01T25:00:00Z",
                          "2024-01-01T10:00:00+2", "2024-01-01T10:00:00Zjunk", "2024-5-2",
                          "yesterday"}) {
    EXPECT_FALSE(ParseIsoDateTime(bad)) << bad;
  }
}

TEST(DateTimeSupport, EpochSecondsOrMilliseconds) {
  EXPECT_EQ(EpochToMs(1709291234.5), 1709291234500);
  EXPECT_EQ(EpochToMs(1704423845000.0), 1704423845000);
  EXPECT_FALSE(EpochToMs(-1));
  EXPECT_FALSE(EpochToMs(1e300));
}

}  // namespace
}  // namespace cxmap::support
