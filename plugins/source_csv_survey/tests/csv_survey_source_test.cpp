// SPDX-License-Identifier: Apache-2.0
#include "csv_survey_source.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include "cxmap/plugin.h"
#include "test_support.h"

namespace cxmap::csv {
namespace {

using testing::Attr;
using testing::FakeSink;
using testing::SplitTextless;
using testing::WriteTemp;

struct Run {
  explicit Run(size_t batch) : sink(batch) {}
  Status open;
  FakeSink sink;                 ///< the text units
  std::vector<Record> textless;  ///< responses without text
  std::vector<std::string> logs;
};

void CollectLog(void* ctx, int32_t, cxmap_str message) {
  static_cast<std::vector<std::string>*>(ctx)->emplace_back(FromC(message));
}

/// Opens `bytes` (written to `name`) with `options` and reads to the end.
std::unique_ptr<Run> Import(std::string_view name, std::string_view bytes,
                            std::vector<std::pair<std::string, std::string>> options = {},
                            size_t batch = 2) {
  auto run = std::make_unique<Run>(batch);
  static thread_local cxmap_host host;
  host = {sizeof(cxmap_host), CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR, &run->logs, &CollectLog, nullptr, nullptr};
  std::vector<cxmap_kv> kv;
  for (const auto& [k, v] : options) kv.push_back({ToC(k), ToC(v)});
  auto source = CsvSurveySource::Create(Host(&host), OptionValues(kv.data(), kv.size()));
  if (!source.ok()) {
    run->open = source.status();
    return run;
  }
  run->open = (*source)->Open(WriteTemp(name, bytes));
  if (!run->open.ok()) return run;
  RecordSink sink(run->sink.raw());
  for (bool at_end = false; !at_end;) {
    Status s = (*source)->NextBatch(sink, at_end);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok()) break;
  }
  SplitTextless(run->sink, &run->textless);
  return run;
}

TEST(CsvSurveySource, MapsColumnsToRecords) {
  auto r = Import("survey.csv",
                  "\xEF\xBB\xBFResponse ID,Submitted At,NPS,CSAT,Comment,Segment,Channel,Region\r\n"
                  "r1,2024-01-15T10:30:00Z,9,,Great app,SME,hotline,North\r\n"
                  "r2,1/15/2024 9:00:00,,4,\"Slow,\r\nbut ok\",,,\r\n"
                  "r3,2024-01-16,10,5,   ,VIP,email,South\r\n");
  ASSERT_TRUE(r->open.ok()) << r->open.ToString();
  ASSERT_EQ(r->sink.records.size(), 2u);
  const Record& a = r->sink.records[0];
  // Ids come from the response id, qualified by the header (never the file name).
  EXPECT_EQ(a.external_id.substr(0, 12), "generic_csv:");
  EXPECT_EQ(a.external_id.substr(a.external_id.size() - 3), ":r1");
  EXPECT_EQ(a.external_id.find("survey.csv"), std::string::npos);
  // r3 wrote only spaces: still a response, with its scores.
  ASSERT_EQ(r->textless.size(), 1u);
  EXPECT_EQ(r->textless[0].nps, 10.0);
  EXPECT_EQ(r->textless[0].response_id.substr(r->textless[0].response_id.size() - 3), ":r3");
  EXPECT_EQ(a.text, "Great app");
  EXPECT_EQ(a.nps, 9.0);
  EXPECT_FALSE(a.csat.has_value());  // empty is absent, never 0
  EXPECT_EQ(a.time_unix_ms, 1705314600000);
  EXPECT_EQ(a.segment, "SME");
  EXPECT_EQ(a.channel, Channel::kCall);
  EXPECT_EQ(a.sub_channel, "hotline");
  EXPECT_EQ(Attr(a, "question"), "Comment");
  EXPECT_EQ(Attr(a, "Region"), "North");
  EXPECT_EQ(a.line, 2u);
  EXPECT_EQ(a.record_number, 1u);
  const Record& b = r->sink.records[1];
  EXPECT_EQ(b.text, "Slow,\r\nbut ok");
  EXPECT_FALSE(b.nps.has_value());
  EXPECT_EQ(b.csat, 4.0);
  EXPECT_EQ(b.channel, Channel::kSurvey);
  EXPECT_EQ(b.line, 3u);
  EXPECT_EQ(b.time_unix_ms, 1705309200000);
  EXPECT_EQ(Attr(b, "Region"), "<absent>");
  EXPECT_TRUE(r->sink.rejects.empty());
  EXPECT_EQ(r->sink.progress_done, r->sink.progress_total);
  EXPECT_GT(r->sink.progress_calls, 0);
}

TEST(CsvSurveySource, EachTextColumnIsItsOwnRecord) {
  auto r = Import("multi.tsv", "id\tGóp ý\tความคิดเห็น\tquarter\n7\tGiao hàng nhanh\tดีมาก\tQ1\n");
  ASSERT_TRUE(r->open.ok()) << r->open.ToString();
  ASSERT_EQ(r->sink.records.size(), 2u);
  EXPECT_EQ(r->sink.records[0].external_id, r->sink.records[0].response_id + ":Góp ý");
  // "7" is a row number (a small whole number): the response is named by
  // its content, the number stays as respondent_id.
  EXPECT_NE(r->sink.records[0].response_id.find(":h:"), std::string::npos);
  EXPECT_EQ(Attr(r->sink.records[0], "respondent_id"), "7");
  EXPECT_EQ(Attr(r->sink.records[0], "question"), "Góp ý");
  EXPECT_EQ(r->sink.records[1].external_id, r->sink.records[0].response_id + ":ความคิดเห็น");
  EXPECT_EQ(r->sink.records[1].text, "ดีมาก");
  EXPECT_EQ(Attr(r->sink.records[1], "quarter"), "Q1");
  EXPECT_NE(r->sink.records[0].record_number, r->sink.records[1].record_number);
}

TEST(CsvSurveySource, RejectsBadRowsWithLineAndKeepsTheRest) {
  auto r = Import("bad.csv",
                  "id;nhan xet;nps\n"
                  "1;\"two\nlines\";7\n"
                  "2;too;many;fields\n"
                  "3;score too high;11\n"
                  "4;fine;\n"
                  "5;\"never closed;3\n");
  ASSERT_TRUE(r->open.ok()) << r->open.ToString();
  ASSERT_EQ(r->sink.records.size(), 2u);
  EXPECT_EQ(r->sink.records[1].text, "fine");
  EXPECT_EQ(r->sink.records[1].line, 6u);
  ASSERT_EQ(r->sink.rejects.size(), 3u);
  EXPECT_EQ(r->sink.rejects[0].line, 4u);
  EXPECT_EQ(r->sink.rejects[0].reason, "expected 3 fields, found 4");
  EXPECT_EQ(r->sink.rejects[0].excerpt, "2;too;many;fields");
  EXPECT_EQ(r->sink.rejects[1].line, 5u);
  EXPECT_EQ(r->sink.rejects[1].reason, "column 'nps': nps 11 is out of range 0..10");
  EXPECT_EQ(r->sink.rejects[2].line, 7u);
  EXPECT_NE(r->sink.rejects[2].reason.find("unterminated"), std::string::npos);
  EXPECT_NE(r->sink.rejects[2].file.find("bad.csv"), std::string::npos);
}

TEST(CsvSurveySource, ReadsLegacyEncodingsToNfc) {
  std::string utf8 = "mã,评论\n1,发货太慢了，客服态度不好。\n2,但是价格便宜，下次还买。\n";
  std::string gb(utf8.size() * 2, '\0');
  UErrorCode err = U_ZERO_ERROR;
  gb.resize(static_cast<size_t>(ucnv_convert("GB18030", "UTF-8", gb.data(), static_cast<int32_t>(gb.size()),
                                             utf8.data(), static_cast<int32_t>(utf8.size()), &err)));
  auto r = Import("gb.csv", gb);
  ASSERT_TRUE(r->open.ok()) << r->open.ToString();
  ASSERT_EQ(r->sink.records.size(), 2u);
  EXPECT_EQ(r->sink.records[0].text, "发货太慢了，客服态度不好。");
  EXPECT_EQ(Attr(r->sink.records[0], "respondent_id"), "1");
  auto forced = Import("gb2.csv", gb, {{"encoding", "Big5"}, {"text_columns", "2"}});
  ASSERT_TRUE(forced->open.ok());
  ASSERT_FALSE(forced->sink.records.empty());
  EXPECT_NE(forced->sink.records[0].text, "发货太慢了，客服态度不好。");  // the option wins
}

TEST(CsvSurveySource, OptionsOverrideDetection) {
  auto r = Import("plain.csv", "a,b,c\n31/01/2024,x,good service\n",
                  {{"text_columns", "3"}, {"time_column", "a"}, {"has_header", "true"},
                   {"channel", "email"}, {"language", "vi"}, {"timezone", "+07:00"}});
  ASSERT_TRUE(r->open.ok()) << r->open.ToString();
  ASSERT_EQ(r->sink.records.size(), 1u);
  EXPECT_EQ(r->sink.records[0].channel, Channel::kEmail);
  EXPECT_EQ(r->sink.records[0].language, "vi");
  EXPECT_EQ(r->sink.records[0].time_unix_ms, 1706634000000);  // 2024-01-31 00:00 +07:00
  // No id column: a content hash of the row names the response.
  EXPECT_NE(r->sink.records[0].external_id.find(":h:"), std::string::npos);
  auto no_header = Import("nh.csv", "1,hello there\n", {{"has_header", "false"}, {"text_columns", "2"}});
  ASSERT_TRUE(no_header->open.ok());
  ASSERT_EQ(no_header->sink.records.size(), 1u);
  EXPECT_EQ(Attr(no_header->sink.records[0], "question"), "column_2");
}

TEST(CsvSurveySource, InvalidOptionsAreInvalidArgument) {
  for (auto [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"encoding", "klingon-8"}, {"delimiter", "::"}, {"date_order", "ymd"},
           {"timezone", "Mars"}, {"format", "nonsense"}, {"channel", "pigeon"}}) {
    auto r = Import("x.csv", "comment\nhi\n", {{key, value}});
    EXPECT_EQ(r->open.code(), Code::kInvalidArgument) << key << "=" << value;
  }
  // A forced profile reads the file with that platform's layout.
  auto forced = Import("x.csv", "comment\nhi\n", {{"format", "qualtrics"}});
  ASSERT_TRUE(forced->open.ok()) << forced->open.ToString();
  EXPECT_EQ(forced->sink.records.size(), 1u);
  EXPECT_EQ(Import("x.csv", "a,b\n1,2\n")->open.code(), Code::kNotSupported);
  EXPECT_EQ(Import("x.csv", "comment\nhi\n", {{"text_columns", "q9"}})->open.code(),
            Code::kInvalidArgument);
}

TEST(CsvSurveySource, EmptyFileHasNoRecords) {
  auto r = Import("empty.csv", "");
  ASSERT_TRUE(r->open.ok()) << r->open.ToString();
  EXPECT_TRUE(r->sink.records.empty());
}

TEST(CsvSurveySource, UnparsableDateKeepsRecordAndWarns) {
  auto r = Import("d.csv", "date,comment\nlast tuesday,nice\n");
  ASSERT_EQ(r->sink.records.size(), 1u);
  EXPECT_FALSE(r->sink.records[0].time_unix_ms.has_value());
  bool warned = false;
  for (const auto& l : r->logs) warned |= l.find("unrecognised date/time 'last tuesday'") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(CsvSurveySource, StreamsFilesLargerThanOneChunk) {
  std::string csv = "id,comment\n";
  for (int i = 1; i <= 20000; ++i) csv += std::to_string(i) + ",\"comment number " + std::to_string(i) + "\nsecond line\"\n";
  auto r = Import("big.csv", csv, {}, 500);
  ASSERT_EQ(r->sink.records.size(), 20000u);
  EXPECT_EQ(r->sink.records.back().line, 2u + 2 * 19999);
  EXPECT_EQ(Attr(r->sink.records.back(), "respondent_id"), "20000");
  EXPECT_EQ(r->sink.progress_done, csv.size());
}

TEST(CsvSurveySource, SniffRecognisesDelimitedTextOnly) {
  SniffResult csv = CsvSurveySource::Sniff("a.csv", "id,comment,nps\n1,good,9\n2,bad,3\n");
  EXPECT_GT(csv.confidence, 0.8);
  EXPECT_EQ(csv.format, "generic_csv");
  EXPECT_EQ(csv.reason, "comma-separated, 3 columns, header row with 'comment', ASCII only (read as UTF-8)");
  SniffResult tsv = CsvSurveySource::Sniff("a.tsv", "\xEF\xBB\xBFid\tnhận xét\n1\ttốt\n");
  EXPECT_GT(tsv.confidence, 0.8);
  EXPECT_NE(tsv.reason.find("tab-separated, 2 columns"), std::string::npos);
  EXPECT_NE(tsv.reason.find("UTF-8 with BOM"), std::string::npos);
  EXPECT_LT(CsvSurveySource::Sniff("a.json", "[{\"a\": 1, \"b\": 2}]").confidence, 0.1);
  EXPECT_LT(CsvSurveySource::Sniff("a.bin", std::string_view("\x7F" "ELF\x02\x01\x01\0\0\0", 10)).confidence, 0.1);
  EXPECT_EQ(CsvSurveySource::Sniff("a.csv", "").confidence, 0);
}

TEST(CsvSurveySource, WorksThroughTheCVtable) {
  const cxmap_source_vtable& vt = detail::SourceAdapter<CsvSurveySource>::kVtable;
  cxmap_sniff_result sniff{sizeof(sniff)};
  ASSERT_EQ(vt.sniff(ToC("x.csv"), ToC("comment,nps\nok,9\n"), &sniff), CXMAP_OK);
  EXPECT_STREQ(sniff.format, "generic_csv");
  cxmap_host host{sizeof(cxmap_host), CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR, nullptr, nullptr, nullptr, nullptr};
  cxmap_kv opt{ToC("channel"), ToC("review")};
  void* instance = nullptr;
  cxmap_error error{sizeof(error)};
  ASSERT_EQ(vt.create(&host, &opt, 1, &instance, &error), CXMAP_OK) << error.message;
  std::string path = WriteTemp("vt.csv", "comment,nps\nok,9\nbad,12\n");
  ASSERT_EQ(vt.open(instance, ToC(path), &error), CXMAP_OK) << error.message;
  FakeSink sink;
  int32_t at_end = 0;
  while (!at_end) ASSERT_EQ(vt.next_batch(instance, sink.raw(), &at_end, &error), CXMAP_OK);
  ASSERT_EQ(sink.records.size(), 1u);
  EXPECT_EQ(sink.records[0].channel, Channel::kReview);
  EXPECT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(vt.open(instance, ToC("/nonexistent/x.csv"), &error), CXMAP_NOT_FOUND);
  vt.destroy(instance);
}

}  // namespace
}  // namespace cxmap::csv
