// SPDX-License-Identifier: Apache-2.0
// The SDK's JSON problem reports: where, why, and a guard on nesting.
#include "cxmap/support/json_problems.h"

#include <gtest/gtest.h>

#include <string>

namespace cxmap::support {
namespace {

TEST(JsonProblemsSupport, NestingBeyondTheLimitIsFoundOutsideStrings) {
  EXPECT_EQ(FirstTooDeep(R"({"a":[[1]]})", 3), std::string_view::npos);
  EXPECT_EQ(FirstTooDeep(R"({"a":[[1]]})", 2), 6u);
  EXPECT_EQ(FirstTooDeep(R"(["[[[[[[", "\"[[[["])", 1), std::string_view::npos)
      << "brackets in strings, also after an escaped quote";
  std::string deep(10000, '[');
  EXPECT_EQ(FirstTooDeep(deep, 256), 256u);
}

TEST(JsonProblemsSupport, WhereAndWhyAParserStopped) {
  const std::string doc = "{\n  \"khách\": \"Giao hàng chậm\",\n  \"ý kiến\": tệ\n}";
  const size_t at = doc.find("tệ");
  JsonProblem p = DescribeJsonError(doc, at, 1, "syntax error while parsing value");
  EXPECT_EQ(p.line, 3u);
  EXPECT_EQ(p.column, at - doc.rfind('\n', at));
  EXPECT_EQ(p.reason, "not valid JSON: syntax error while parsing value");
  EXPECT_EQ(p.excerpt, "  \"ý kiến\": tệ");

  // Stopping at the end is a cut-off file, whatever the parser says.
  const std::string cut = "{\"ข้อความ\": \"ส่งช้า";
  EXPECT_EQ(DescribeJsonError(cut, cut.size(), 7, "syntax error").reason,
            "JSON ends early (truncated file?)");
  EXPECT_EQ(DescribeJsonError(cut, cut.size(), 7, "syntax error").line, 7u);
  EXPECT_EQ(DescribeJsonError("[\"\xFF\", 1]", 2, 1, "invalid string: ill-formed UTF-8 byte").reason,
            "invalid UTF-8 in a JSON string");
  EXPECT_EQ(DescribeJsonError("[\"\xFF\", 1]", 2, 1, "invalid string: ill-formed UTF-8 byte").excerpt,
            "") << "an excerpt that is not UTF-8 is left out";
}

}  // namespace
}  // namespace cxmap::support
