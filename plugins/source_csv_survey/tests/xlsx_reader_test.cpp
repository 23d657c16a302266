// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "row_stream.h"
#include "survey_run.h"
#include "xlsx/sheet_reader.h"
#include "xlsx/workbook.h"

namespace cxmap::csv {
namespace {

using testing::ReadSurvey;
using testing::TestData;

std::vector<std::vector<std::string>> ReadRows(const std::string& path, const std::string& sheet = "") {
  StreamSettings settings;
  settings.sheet = sheet;
  auto stream = OpenXlsxStream(path, settings);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  std::vector<std::vector<std::string>> rows;
  if (!stream.ok()) return rows;
  CsvRow row;
  while (true) {
    auto more = (*stream)->Next(&row);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    EXPECT_TRUE(row.problem.empty()) << row.problem;
    rows.emplace_back(row.fields.begin(), row.fields.end());
  }
  return rows;
}

TEST(XlsxReader, ReadsEveryValueKind) {
  // 1904 date system, inline strings, booleans, an error, _x000D_, gaps,
  // and a writer that prefixes the namespace (<x:c>).
  auto rows = ReadRows(TestData("xlsx/value_kinds.xlsx"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Name", "Flag", "When", "Note", "Gap", "Last"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"inline text", "TRUE", "2020-02-29 12:00:00", "\rx", "", "#N/A"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"second", "FALSE", "18:00:00", "", "", "12.5"}));
}

TEST(XlsxReader, ChoosesASheetByName) {
  EXPECT_EQ(ReadRows(TestData("xlsx/value_kinds.xlsx"), "other"),
            (std::vector<std::vector<std::string>>{{"A"}, {"b"}}));
  auto run = ReadSurvey(TestData("xlsx/value_kinds.xlsx"), {{"sheet", "Nope"}});
  EXPECT_EQ(run->open.code(), Code::kInvalidArgument);
  EXPECT_NE(run->open.message().find("no sheet 'Nope' (sheets: 'Kinds', 'Other')"), std::string::npos)
      << run->open.message();
  auto other = ReadSurvey(TestData("xlsx/value_kinds.xlsx"), {{"sheet", "Other"}, {"text_columns", "A"}});
  ASSERT_EQ(other->sink.records.size(), 1u);
  EXPECT_EQ(other->sink.records[0].text, "b");
  EXPECT_EQ(other->sink.records[0].line, 2u);
}

TEST(XlsxReader, SerialDatesInBothSystems) {
  using xlsx::SerialToText;
  EXPECT_EQ(SerialToText(1, false), "1900-01-01");
  EXPECT_EQ(SerialToText(59, false), "1900-02-28");
  EXPECT_EQ(SerialToText(61, false), "1900-03-01");  // after Excel's phantom 29 February 1900
  EXPECT_EQ(SerialToText(45536.477083333334, false), "2024-09-01 11:27:00");
  EXPECT_EQ(SerialToText(0.5, false), "12:00:00");
  EXPECT_EQ(SerialToText(1, true), "1904-01-02");
  EXPECT_EQ(SerialToText(-1, false), "");
  EXPECT_EQ(SerialToText(1e9, false), "");
}

TEST(XlsxReader, CellNamesAndDateFormats) {
  size_t column = 0;
  uint64_t row = 0;
  ASSERT_TRUE(xlsx::ParseCellName("AB12", &column, &row));
  EXPECT_EQ(column, 27u);
  EXPECT_EQ(row, 12u);
  EXPECT_EQ(xlsx::CellName(27, 12), "AB12");
  EXPECT_EQ(xlsx::CellName(16383, 1), "XFD1");
  EXPECT_FALSE(xlsx::ParseCellName("XFE1", &column, &row));
  EXPECT_FALSE(xlsx::ParseCellName("A0", &column, &row));
  EXPECT_TRUE(xlsx::IsDateFormatCode("m/d/yyyy h:mm:ss AM/PM"));
  EXPECT_TRUE(xlsx::IsDateFormatCode("[$-409]mmmm d, yyyy"));
  EXPECT_TRUE(xlsx::IsDateFormatCode("[h]:mm:ss"));
  EXPECT_FALSE(xlsx::IsDateFormatCode("General"));
  EXPECT_FALSE(xlsx::IsDateFormatCode("#,##0.00\\ \"days\""));
  EXPECT_FALSE(xlsx::IsDateFormatCode("[Red]0.00"));
  EXPECT_TRUE(xlsx::IsBuiltInDateFormat(14));
  EXPECT_FALSE(xlsx::IsBuiltInDateFormat(2));
  EXPECT_EQ(xlsx::DecodeXmlEscapes("a_x000A_b_x00E9_"), "a\nb\xC3\xA9");
}

TEST(XlsxReader, NotAWorkbookIsAClearError) {
  // A zip archive without xl/workbook.xml (an .docx or any zip).
  auto run = ReadSurvey(testing::WriteTemp("plain.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0')));
  EXPECT_EQ(run->open.code(), Code::kInvalidArgument);
  EXPECT_NE(run->open.message().find("not an XLSX workbook"), std::string::npos) << run->open.message();
}

}  // namespace
}  // namespace cxmap::csv
