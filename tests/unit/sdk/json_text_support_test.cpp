// SPDX-License-Identifier: Apache-2.0
// The SDK's JSON appenders write what nlohmann::json::dump() writes, so a
// plugin that switches to them stores the same values as before.
#include "cxmap/support/json_text.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace cxmap::support {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

std::string Number(double v) {
  std::string out;
  AppendJsonNumber(&out, v);
  return out;
}

TEST(JsonTextSupport, StringsMatchNlohmannInEveryLanguage) {
  for (const char* s : {"cue:giao hàng", "cue:giao hang", "cue:ส่งของ", "cue:物流", "cue:客服態度",
                        "rule:(app & crash) | \"login\"", "back\\slash", "tab\there\nnew",
                        "bell\x07" "esc\x1b", "del\x7f", "emoji 😡", ""}) {
    EXPECT_EQ(Quoted(s), nlohmann::json(s).dump()) << s;
  }
}

TEST(JsonTextSupport, IllFormedUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(Quoted("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(Quoted("a\xFF" "b"),
            nlohmann::json("a\xFF" "b").dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST(JsonTextSupport, NumbersMatchNlohmannFromAThousandthUp) {
  for (int k = -3000; k <= 3000; ++k) {
    const double v = k / 1000.0;
    EXPECT_EQ(Number(v), nlohmann::json(v).dump()) << v;
  }
  for (double v : {1.0, 12.5, 1e15, 123456.789, 0.1 + 0.2, -7.0}) {
    EXPECT_EQ(Number(v), nlohmann::json(v).dump()) << v;
  }
  EXPECT_EQ(Number(std::nan("")), "null");
  EXPECT_EQ(Number(INFINITY), "null");
}

}  // namespace
}  // namespace cxmap::support
