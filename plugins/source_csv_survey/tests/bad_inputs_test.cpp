// SPDX-License-Identifier: Apache-2.0
// The damage real exports carry: each bad row is a reject with file, line
// (or cell) and reason, or the file is refused with a clear error; the good
// records around it still land.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "survey_run.h"

namespace cxmap::csv {
namespace {

using testing::Fixture;
using testing::ReadSurvey;
using testing::TestData;
using testing::WriteTemp;

/// A Typeform-layout export (one header row) with `middle` spliced in
/// between two good responses.
std::string TypeformWith(const std::string& middle) {
  return "#,What could we do better?,Submit Date (UTC)\r\n"
         "tok1,\"Giao hàng nhanh hơn nhé\",2024-05-02 01:12:31\r\n" +
         middle + "tok3,\"ส่งช้ามาก\",2024-05-02 11:44:10\r\n";
}

TEST(BadInputs, TruncatedFileRejectsTheCutRowOnly) {
  // The download stopped inside a quoted answer.
  auto run = ReadSurvey(WriteTemp("cut.csv", TypeformWith("") + "tok4,\"包装很好，但是"));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->sink.records.size(), 2u);
  ASSERT_EQ(run->sink.rejects.size(), 1u);
  EXPECT_EQ(run->sink.rejects[0].line, 4u);
  EXPECT_NE(run->sink.rejects[0].reason.find("unterminated quoted field"), std::string::npos);
  EXPECT_NE(run->sink.rejects[0].file.find("cut.csv"), std::string::npos);
  // ... or between two fields.
  auto short_row = ReadSurvey(WriteTemp("cut2.csv", TypeformWith("") + "tok4,half"));
  ASSERT_EQ(short_row->sink.rejects.size(), 1u);
  EXPECT_EQ(short_row->sink.rejects[0].reason, "expected 3 fields, found 2");
  EXPECT_EQ(short_row->sink.records.size(), 2u);
}

TEST(BadInputs, RaggedRowIsRejectedWithItsLine) {
  auto run = ReadSurvey(WriteTemp("ragged.csv", TypeformWith("tok2,one,two,2024-05-02 02:00:00\r\n")));
  ASSERT_EQ(run->sink.records.size(), 2u);
  ASSERT_EQ(run->sink.rejects.size(), 1u);
  EXPECT_EQ(run->sink.rejects[0].line, 3u);
  EXPECT_EQ(run->sink.rejects[0].reason, "expected 3 fields, found 4");
  EXPECT_EQ(run->sink.rejects[0].excerpt, "tok2,one,two,2024-05-02 02:00:00");
}

TEST(BadInputs, ByteOrderMarkInTheMiddleMarksAnAppendedExport) {
  std::string appended = "\xEF\xBB\xBF#,What could we do better?,Submit Date (UTC)\r\n";
  auto run = ReadSurvey(WriteTemp("twice.csv", "\xEF\xBB\xBF" + TypeformWith(appended)));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->sink.records.size(), 2u);
  ASSERT_EQ(run->sink.rejects.size(), 1u);
  EXPECT_EQ(run->sink.rejects[0].line, 3u);
  EXPECT_NE(run->sink.rejects[0].reason.find("byte-order mark"), std::string::npos);
}

TEST(BadInputs, InvalidUtf8IsRejectedNamingTheColumn) {
  auto run = ReadSurvey(WriteTemp("bytes.csv", TypeformWith("tok2,\"caf\xC3\x28 ok\",2024-05-02 02:00:00\r\n")));
  ASSERT_EQ(run->sink.records.size(), 2u);
  ASSERT_EQ(run->sink.rejects.size(), 1u);
  EXPECT_EQ(run->sink.rejects[0].line, 3u);
  EXPECT_EQ(run->sink.rejects[0].reason,
            "column 'What could we do better?': invalid UTF-8 at byte 4 of the cell (the file was "
            "read as UTF-8; set encoding= if it is another encoding)");
}

TEST(BadInputs, TenMegabyteFieldLandsWithinTheLimitAndIsRejectedBeyondIt) {
  std::string huge(10u << 20, 'x');
  for (size_t i = 100; i < huge.size(); i += 100) huge[i] = ' ';
  std::string csv = TypeformWith("tok2,\"" + huge + "\",2024-05-02 02:00:00\r\n");
  auto kept = ReadSurvey(WriteTemp("huge.csv", csv));
  ASSERT_EQ(kept->sink.records.size(), 3u);
  EXPECT_EQ(kept->sink.records[1].text.size(), huge.size());
  auto cut = ReadSurvey(WriteTemp("huge.csv", csv), {{"max_record_bytes", "1048576"}});
  ASSERT_EQ(cut->sink.records.size(), 2u);
  ASSERT_EQ(cut->sink.rejects.size(), 1u);
  EXPECT_EQ(cut->sink.rejects[0].line, 3u);
  EXPECT_NE(cut->sink.rejects[0].reason.find("record longer than 1048576 bytes"), std::string::npos);
  EXPECT_EQ(cut->sink.records[1].text, "ส่งช้ามาก");  // the row after it is whole
}

TEST(BadInputs, OutOfRangeScoreRejectsThatResponseOnly) {
  std::string path = Fixture("surveymonkey", "built_surveymonkey_expanded.csv");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes.replace(bytes.find(",10,App,"), 8, ",11,App,");  // respondent 11468523401's NPS
  auto run = ReadSurvey(WriteTemp("nps.csv", bytes));
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->sink.records.size(), 6u);
  ASSERT_EQ(run->sink.rejects.size(), 1u);
  EXPECT_EQ(run->sink.rejects[0].line, 3u);
  EXPECT_EQ(run->sink.rejects[0].reason, "column 'Q1': nps 11 is out of range 0..10");
}

TEST(BadInputs, TruncatedXlsxIsAClearError) {
  std::string path = Fixture("microsoft_forms", "built_microsoft_forms.xlsx");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto run = ReadSurvey(WriteTemp("cut.xlsx", bytes.substr(0, bytes.size() / 2)));
  EXPECT_EQ(run->open.code(), Code::kInvalidArgument);
  EXPECT_NE(run->open.message().find("cut.xlsx: not a complete zip archive"), std::string::npos)
      << run->open.message();
}

TEST(BadInputs, XlsxCellsThatCannotBeReadAreRejectedByCell) {
  auto run = ReadSurvey(TestData("xlsx/bad_cells.xlsx"), {{"text_columns", "Comment"}});
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->sink.records.size(), 3u);
  EXPECT_EQ(run->sink.records[0].text, "good before");
  EXPECT_EQ(run->sink.records[1].text, "good between");
  EXPECT_EQ(run->sink.records[2].text, "good after");
  ASSERT_EQ(run->sink.rejects.size(), 2u);
  EXPECT_EQ(run->sink.rejects[0].line, 3u);
  EXPECT_EQ(run->sink.rejects[0].reason.substr(0, 46), "cell B3: shared string '999' does not exist (t");
  EXPECT_EQ(run->sink.rejects[1].line, 5u);
  EXPECT_EQ(run->sink.rejects[1].reason, "cell C5: 'four' is not a number");
}

TEST(BadInputs, XlsxSheetCutMidRowKeepsTheRowsBeforeIt) {
  auto run = ReadSurvey(TestData("xlsx/malformed_tail.xlsx"), {{"text_columns", "Comment"}});
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  ASSERT_EQ(run->sink.records.size(), 2u);  // rows 2 and 4; row 3 has a bad cell
  ASSERT_EQ(run->sink.rejects.size(), 2u);
  const auto& last = run->sink.rejects[1];
  EXPECT_EQ(last.line, 5u);
  EXPECT_NE(last.reason.find("xl/worksheets/sheet1.xml line 2, column "), std::string::npos) << last.reason;
  EXPECT_NE(last.reason.find("malformed XML"), std::string::npos);
  EXPECT_NE(last.reason.find("the rest of the sheet is not read"), std::string::npos);
}

TEST(BadInputs, XlsxZipBombIsRefusedBeforeInflating) {
  auto run = ReadSurvey(TestData("xlsx/zip_bomb.xlsx"));
  EXPECT_EQ(run->open.code(), Code::kInvalidArgument);
  EXPECT_NE(run->open.message().find("xl/worksheets/sheet1.xml would inflate"), std::string::npos)
      << run->open.message();
  EXPECT_NE(run->open.message().find("zip bomb"), std::string::npos);
}

TEST(BadInputs, XlsxEntityDeclarationsAreRefused) {
  auto run = ReadSurvey(TestData("xlsx/entities.xlsx"));
  EXPECT_EQ(run->open.code(), Code::kInvalidArgument);
  EXPECT_NE(run->open.message().find("xl/worksheets/sheet1.xml line 2, column "), std::string::npos)
      << run->open.message();
  EXPECT_NE(run->open.message().find("a DOCTYPE is not allowed"), std::string::npos);
  SniffResult sniff = CsvSurveySource::Sniff(TestData("xlsx/entities.xlsx"), "PK\x03\x04 xl/");
  EXPECT_NE(sniff.reason.find("DOCTYPE"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::csv
