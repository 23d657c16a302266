// SPDX-License-Identifier: Apache-2.0
// The SDK's in-memory CSV splitter, shared by the stakeholder and social
// sources.
#include "cxmap/support/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cxmap::support {
namespace {

std::vector<CsvRow> Split(std::string_view text, char delimiter = ',') {
  CsvSplitter splitter(text, delimiter);
  std::vector<CsvRow> rows;
  CsvRow row;
  while (splitter.Next(&row)) rows.push_back(row);
  return rows;
}

TEST(CsvSupport, QuotesLineBreaksAndEveryLineEnd) {
  const std::string text =
      "id,comment\r\n"
      "1,\"Giao hàng chậm, \"\"shipper\"\" không gọi\"\n"
      "2,\"ส่งของช้ามาก\nไม่ประทับใจ\"\r"
      "3,物流太慢了";
  std::vector<CsvRow> rows = Split(text);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "Giao hàng chậm, \"shipper\" không gọi"}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"2", "ส่งของช้ามาก\nไม่ประทับใจ"}));
  EXPECT_EQ(rows[3].fields, (std::vector<std::string>{"3", "物流太慢了"}));
  // Lines count physical lines: row 3 starts after the break inside row 2.
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_EQ(rows[3].line, 5u);
  EXPECT_EQ(rows[1].raw.substr(0, 3), "1,\"");
  EXPECT_FALSE(rows[3].unterminated);
}

TEST(CsvSupport, SpreadsheetLeniencyAndAnOpenQuote) {
  std::vector<CsvRow> rows = Split("a;  \"b;c\" ;d\"e\n\"never closed;x\n", ';');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b;c ", "d\"e"}));
  EXPECT_TRUE(rows[1].unterminated);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"never closed;x\n"}));
}

TEST(CsvSupport, EmptyTextAndEmptyFields) {
  EXPECT_TRUE(Split("").empty());
  std::vector<CsvRow> rows = Split(",,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"", "", ""}));
}

}  // namespace
}  // namespace cxmap::support
