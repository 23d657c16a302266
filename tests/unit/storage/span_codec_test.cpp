// SPDX-License-Identifier: Apache-2.0
#include "core/storage/span_codec.h"

#include <gtest/gtest.h>

#include <random>

namespace cxmap::core {
namespace {

TEST(SpanCodec, CuesInTextOrderCostTwoBytesEach) {
  // "Giao hàng chậm, rất chậm": three cues, one evidence entry each.
  std::vector<ResultSpan> spans = {{0, 10, 0}, {11, 17, 1}, {19, 31, 2}};
  std::string blob = EncodeSpans(spans);
  EXPECT_EQ(blob.size(), 6u);
  auto back = DecodeSpans(blob);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, spans);
  EXPECT_TRUE(EncodeSpans({}).empty());
  EXPECT_TRUE(DecodeSpans("")->empty());
}

TEST(SpanCodec, KeepsOrderOverlapsRepeatsAndFarOffsets) {
  std::vector<ResultSpan> spans = {
      {40, 46, 1},       // evidence out of order, later in the text
      {0, 10, 0},        // backwards
      {0, 10, 0},        // the same span again
      {5, 5, 3},         // empty, overlapping
      {1u << 20, (1u << 20) + 300, 70000},  // far into a long transcript
      {0, 0, 0}};
  auto back = DecodeSpans(EncodeSpans(spans));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, spans);
}

TEST(SpanCodec, RoundTripsRandomLists) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::vector<ResultSpan> spans(rng() % 8);
    for (ResultSpan& s : spans) {
      s.begin = rng() % (round % 2 ? 200 : 5000000);
      s.end = s.begin + rng() % 90;
      s.evidence = static_cast<uint32_t>(rng() % 12);
    }
    auto back = DecodeSpans(EncodeSpans(spans));
    ASSERT_TRUE(back.ok()) << back.status().message();
    ASSERT_EQ(*back, spans) << "round " << round;
  }
}

TEST(SpanCodec, RefusesWhatItNeverWrote) {
  EXPECT_EQ(DecodeSpans("\x80").status().code(), Code::kCorruption);      // cut varint
  EXPECT_EQ(DecodeSpans("\x02").status().code(), Code::kCorruption);      // no length
  EXPECT_EQ(DecodeSpans(std::string("\x00\x03", 2)).status().code(), Code::kCorruption);  // no evidence step
  EXPECT_EQ(DecodeSpans(std::string("\x01\x00", 2)).status().code(), Code::kCorruption);  // begin -1
  EXPECT_EQ(DecodeSpans(std::string(11, '\xFF')).status().code(), Code::kCorruption);     // overlong
  EXPECT_EQ(DecodeSpans(std::string("\x00\x01\x01", 3)).status().code(), Code::kCorruption);  // evidence -1
  std::string huge = "\xFE\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01";  // +2^63-1: out of range
  EXPECT_EQ(DecodeSpans(huge + std::string(1, '\0')).status().code(), Code::kCorruption);
}

}  // namespace
}  // namespace cxmap::core
