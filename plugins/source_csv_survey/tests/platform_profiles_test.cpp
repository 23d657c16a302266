// SPDX-License-Identifier: Apache-2.0
// Each platform profile on its fixtures: the platform detected, the number
// of responses, and what lands (ids, times, question attribution, scores,
// language). Expected values were read off the files by hand (and, for the
// real exports, counted with Python's csv module), not taken from a run.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "survey_run.h"

namespace cxmap::csv {
namespace {

using testing::Answers;
using testing::Attr;
using testing::Column;
using testing::Detail;
using testing::Fixture;
using testing::ReadSurvey;
using testing::SharedFixture;

std::string Head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(64 << 10, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

SniffResult SniffFile(const std::string& path) { return CsvSurveySource::Sniff(path, Head(path)); }

TEST(QualtricsProfile, Utf16TsvWithImportIdsTimeZoneNpsAndChoiceText) {
  std::string path = Fixture("qualtrics", "built_qualtrics_utf16.tsv");
  SniffResult sniff = SniffFile(path);
  EXPECT_EQ(sniff.format, "qualtrics");
  EXPECT_GE(sniff.confidence, 0.95);
  EXPECT_NE(sniff.reason.find("ImportId"), std::string::npos) << sniff.reason;

  auto run = ReadSurvey(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->sink.rejects.empty());
  ASSERT_EQ(run->sink.records.size(), 6u);  // five Q3 answers and one "Other" text box
  const Record& vi = run->sink.records[0];
  EXPECT_EQ(vi.text, "Giao hàng nhanh, cà phê vẫn còn nóng. Nhân viên rất thân thiện!");
  EXPECT_EQ(vi.external_id, "qualtrics:R_1a2B3c4D5e6F1:Q3");
  EXPECT_EQ(Attr(vi, "respondent_id"), "R_1a2B3c4D5e6F1");
  EXPECT_EQ(Attr(vi, "question"), "Q3");
  EXPECT_EQ(Attr(vi, "question_text"), "What is the main reason for your score?");
  EXPECT_EQ(vi.language, "vi");
  EXPECT_EQ(vi.nps, 9.0);
  EXPECT_EQ(vi.csat, 5.0);  // "Very satisfied"
  EXPECT_EQ(vi.time_unix_ms, 1709604682000);  // 09:11:22 in Asia/Ho_Chi_Minh = 02:11:22Z
  EXPECT_EQ(Attr(vi, "Q1_NPS_GROUP"), "Promoter");
  EXPECT_EQ(Attr(vi, "Q4"), "App");
  EXPECT_EQ(Attr(vi, "IPAddress"), "203.0.113.1");
  EXPECT_EQ(vi.line, 4u);
  EXPECT_EQ(run->sink.records[1].language, "th");
  EXPECT_EQ(run->sink.records[1].csat, 2.0);  // "Somewhat dissatisfied"
  EXPECT_EQ(run->sink.records[2].language, "zh-Hans");
  EXPECT_EQ(run->sink.records[2].text, "配送很快，包装也很好，下次还会再点。");
  EXPECT_EQ(run->sink.records[3].language, "zh-Hant");
  const Record& other = run->sink.records[4];
  EXPECT_EQ(Attr(other, "question"), "Q4_5_TEXT");
  EXPECT_EQ(Attr(other, "question_text"), "How did you order? - Other - Text");
  EXPECT_EQ(Attr(other, "respondent_id"), "R_1a2B3c4D5e6F5");
  const Record& partial = run->sink.records[5];
  EXPECT_FALSE(partial.nps.has_value());
  EXPECT_EQ(Attr(partial, "Finished"), "False");

  auto dropped = ReadSurvey(path, {{"drop_pii", "true"}});
  ASSERT_EQ(dropped->sink.records.size(), 6u);
  EXPECT_EQ(Attr(dropped->sink.records[0], "IPAddress"), "<absent>");
  EXPECT_EQ(Attr(dropped->sink.records[0], "LocationLatitude"), "<absent>");
  EXPECT_EQ(Attr(dropped->sink.records[0], "Q4"), "App");
}

TEST(QualtricsProfile, InspectShowsLayoutRolesAndQuestions) {
  auto run = ReadSurvey(Fixture("qualtrics", "built_qualtrics_utf16.tsv"), {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.format, "qualtrics");
  EXPECT_EQ(in.encoding, "UTF-16LE");
  EXPECT_EQ(in.delimiter, "\t");
  EXPECT_EQ(in.header_rows, 3u);
  EXPECT_EQ(in.responses, 6u);
  EXPECT_EQ(in.records, 6u);
  EXPECT_EQ(in.rejected, 0u);
  ASSERT_EQ(in.columns.size(), 23u);
  EXPECT_EQ(Column(in, "ResponseId")->role, "id");
  EXPECT_EQ(Column(in, "RecordedDate")->role, "time");
  EXPECT_EQ(Column(in, "EndDate")->role, "attribute");
  EXPECT_EQ(Column(in, "UserLanguage")->role, "language");
  EXPECT_EQ(Column(in, "Q1")->role, "nps");
  EXPECT_EQ(Column(in, "Q2")->role, "csat");
  EXPECT_EQ(Column(in, "Q3")->role, "text");
  EXPECT_EQ(Column(in, "Q3")->question, "What is the main reason for your score?");
  EXPECT_EQ(Column(in, "Q4")->role, "attribute");
  EXPECT_EQ(Column(in, "Q4_5_TEXT")->role, "text");
  EXPECT_EQ(Detail(in, "nps_question"), "Q1");
  EXPECT_EQ(Detail(in, "time_zone"), "Asia/Ho_Chi_Minh");
  EXPECT_NE(Detail(in, "pii_columns").find("IPAddress"), std::string::npos);
}

TEST(QualtricsProfile, RealThreeRowExportWithGermanLabels) {
  std::string path = Fixture("qualtrics", "qualtRics_sample.csv");
  EXPECT_EQ(SniffFile(path).format, "qualtrics");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->inspection->header_rows, 3u);
  EXPECT_EQ(run->inspection->responses, 1u);
  EXPECT_EQ(run->inspection->records, 1u);
  EXPECT_EQ(Column(*run->inspection, "Q2")->role, "text");
  EXPECT_EQ(Column(*run->inspection, "Q2 - Topics")->role, "attribute");  // Text iQ output
  EXPECT_EQ(Column(*run->inspection, "Q1")->role, "attribute");           // a choice code
  EXPECT_EQ(Column(*run->inspection, "IPAddress")->question, "IP-Adresse");

  auto records = ReadSurvey(path);
  ASSERT_EQ(records->sink.records.size(), 1u);
  const Record& r = records->sink.records[0];
  EXPECT_EQ(r.text, "Hello World!");
  EXPECT_EQ(Attr(r, "question_text"), "This is a free text question.");
  EXPECT_EQ(Attr(r, "respondent_id"), "R_2YPOQ602ER1jkf1");
  EXPECT_EQ(r.language, "de");
  EXPECT_EQ(r.time_unix_ms, 1500366528000);
  EXPECT_EQ(Attr(r, "Q1"), "2");
}

TEST(QualtricsProfile, RealLegacyExportWithBomAndTrailingCommas) {
  std::string path = Fixture("qualtrics", "qualtRics_sample_legacy.csv");
  SniffResult sniff = SniffFile(path);
  EXPECT_EQ(sniff.format, "qualtrics");
  EXPECT_NE(sniff.reason.find("legacy"), std::string::npos);
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->inspection->header_rows, 2u);
  EXPECT_EQ(run->inspection->responses, 1u);
  EXPECT_EQ(run->inspection->rejected, 0u);  // the trailing comma is an empty last column
  EXPECT_EQ(Column(*run->inspection, "ResponseID")->role, "id");
  EXPECT_EQ(Column(*run->inspection, "EndDate")->role, "time");
  auto records = ReadSurvey(path);
  ASSERT_EQ(records->sink.records.size(), 1u);
  EXPECT_EQ(records->sink.records[0].text, "Hello World!");
  EXPECT_EQ(Attr(records->sink.records[0], "question"), "Q2");
  EXPECT_EQ(records->sink.records[0].external_id, "qualtrics:R_2YPOQ602ER1jkf1");
  EXPECT_EQ(Attr(records->sink.records[0], "ResponseSet"), "Standard-Antwortsatz");
}

TEST(QualtricsProfile, RealCrlfExportWithDenverTimesAndCsatChoiceText) {
  std::string path = Fixture("qualtrics", "EasyQualtrics_qualtrics_ex_data.csv");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.format, "qualtrics");
  EXPECT_EQ(in.responses, 100u);
  std::string texts;
  for (const auto& c : in.columns) texts += c.role == "text" ? c.name + " " : "";
  // Its text boxes: Gender_4_TEXT, empty in every response, and two that
  // hold numbers (household size, ZIP code), which stay attributes.
  EXPECT_EQ(in.records, 0u) << texts;
  EXPECT_EQ(Column(in, "Zip")->role, "attribute");
  EXPECT_EQ(in.rejected, 0u);
  EXPECT_EQ(Column(in, "CSAT")->role, "csat");
  EXPECT_EQ(Column(in, "Gender_4_TEXT")->role, "text");
  EXPECT_EQ(Column(in, "Drivers_1")->role, "attribute");
  EXPECT_EQ(Detail(in, "time_zone"), "America/Denver");
  // With the text box named as text by option the times and scores show.
  auto forced = ReadSurvey(path, {{"text_columns", "Age"}});
  ASSERT_EQ(forced->sink.records.size(), 100u);
  const Record& first = forced->sink.records[0];
  EXPECT_EQ(Attr(first, "respondent_id"), "R_0AjqaahTMbqFOJM");
  EXPECT_EQ(first.time_unix_ms, 1700424846000);  // 13:14:06 MST
  EXPECT_EQ(first.csat, 4.0);                     // "Somewhat satisfied"
}

TEST(QualtricsProfile, RestrictedLegacyMatrixExportFromShared) {
  std::string path = SharedFixture("qualtrics", "QualtricsTools_No_Basis_for_Evaluation_Legacy.csv");
  if (path.empty()) GTEST_SKIP() << "needs ../shared/data/fixtures/qualtrics (licence not stated: not copied)";
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->inspection->format, "qualtrics");
  EXPECT_EQ(run->inspection->header_rows, 2u);
  EXPECT_EQ(run->inspection->responses, 15u);
  EXPECT_EQ(run->inspection->rejected, 0u);
  EXPECT_EQ(run->inspection->records, 0u);  // matrix and multiple-answer codes only
}

TEST(SurveyMonkeyProfile, ExpandedCsvTwoHeaderRows) {
  std::string path = Fixture("surveymonkey", "built_surveymonkey_expanded.csv");
  SniffResult sniff = SniffFile(path);
  EXPECT_EQ(sniff.format, "surveymonkey");
  auto run = ReadSurvey(path);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_TRUE(run->sink.rejects.empty());
  ASSERT_EQ(run->sink.records.size(), 7u);  // five reasons, two "Other (please specify)"
  auto reasons = Answers(*run, "Q3");
  ASSERT_EQ(reasons.size(), 5u);
  const Record& lan = *reasons[0];
  EXPECT_EQ(lan.text, "Mì rất ngon, giao đúng giờ. Sẽ giới thiệu cho bạn bè.");
  EXPECT_EQ(Attr(lan, "question_text"), "What is the main reason for your score?");
  EXPECT_EQ(Attr(lan, "respondent_id"), "11468523401");
  EXPECT_EQ(lan.external_id, "surveymonkey:11468523401:Q3");
  EXPECT_EQ(lan.nps, 10.0);
  EXPECT_EQ(lan.csat, 5.0);
  EXPECT_EQ(lan.respondent, "lan.nguyen@example.com");
  EXPECT_EQ(lan.time_unix_ms, 1709630102000);  // End Date 03/05/2024 09:15:02 AM
  EXPECT_EQ(Attr(lan, "Q2_1"), "App");
  EXPECT_EQ(Attr(lan, "Custom Data 1"), "VN-HCM");
  EXPECT_EQ(Attr(lan, "Last Name"), "Nguyễn");
  auto other = Answers(*run, "Q2_3");
  ASSERT_EQ(other.size(), 2u);
  EXPECT_EQ(other[0]->text, "LINE 官方帳號");
  EXPECT_EQ(Attr(*other[0], "question_text"),
            "Which channels did you use to order? Select all that apply. - Other (please specify)");
  EXPECT_EQ(Attr(*other[0], "respondent_id"), Attr(*reasons[3], "respondent_id"));
  EXPECT_EQ(reasons[3]->csat, 1.0);  // "Very dissatisfied"

  auto dropped = ReadSurvey(path, {{"drop_pii", "true"}});
  EXPECT_EQ(dropped->sink.records[0].respondent, "");
  EXPECT_EQ(Attr(dropped->sink.records[0], "Last Name"), "<absent>");
  EXPECT_EQ(Attr(dropped->sink.records[0], "IP Address"), "<absent>");
}

TEST(SurveyMonkeyProfile, XlsxGivesTheSameRecordsAsTheCsv) {
  std::string xlsx = Fixture("surveymonkey", "built_surveymonkey_expanded.xlsx");
  SniffResult sniff = SniffFile(xlsx);
  EXPECT_EQ(sniff.format, "surveymonkey");
  EXPECT_NE(sniff.reason.find("XLSX sheet 'Sheet'"), std::string::npos) << sniff.reason;
  auto a = ReadSurvey(xlsx);
  auto b = ReadSurvey(Fixture("surveymonkey", "built_surveymonkey_expanded.csv"));
  ASSERT_TRUE(a->open.ok()) << a->open.ToString();
  ASSERT_EQ(a->sink.records.size(), b->sink.records.size());
  for (size_t i = 0; i < a->sink.records.size(); ++i) {
    const Record &x = a->sink.records[i], &y = b->sink.records[i];
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.time_unix_ms, y.time_unix_ms) << i;  // date cells in a custom AM/PM format
    EXPECT_EQ(x.nps, y.nps);
    EXPECT_EQ(x.csat, y.csat);
    EXPECT_EQ(Attr(x, "respondent_id"), Attr(y, "respondent_id"));
    EXPECT_EQ(Attr(x, "question_text"), Attr(y, "question_text"));
    EXPECT_EQ(x.line, y.line);  // sheet row = CSV line here
  }
  auto in = ReadSurvey(xlsx, {}, true);
  ASSERT_TRUE(in->open.ok());
  EXPECT_EQ(in->inspection->encoding, "UTF-8");
  EXPECT_EQ(in->inspection->delimiter, "");
  EXPECT_EQ(in->inspection->header_rows, 2u);
  EXPECT_EQ(in->inspection->responses, 6u);
  EXPECT_EQ(Detail(*in->inspection, "sheet"), "Sheet");
}

TEST(SurveyMonkeyProfile, RealCondensedExportWithHtmlQuestions) {
  std::string path = Fixture("surveymonkey", "fivethirtyeight_steak-risk-survey.csv");
  EXPECT_EQ(SniffFile(path).format, "surveymonkey");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.header_rows, 2u);
  EXPECT_EQ(in.responses, 550u);
  EXPECT_EQ(in.rejected, 0u);
  EXPECT_EQ(in.records, 0u);  // closed questions only
  EXPECT_EQ(Column(in, "RespondentID")->role, "id");
  const InspectColumn* lottery = Column(in, "Q1");
  ASSERT_NE(lottery, nullptr);
  EXPECT_EQ(lottery->role, "attribute");
  EXPECT_EQ(lottery->question.find("<br>"), std::string::npos);
  EXPECT_NE(lottery->question.find("success, with a payout of $100. In Lottery B"), std::string::npos);
}

TEST(SurveyMonkeyProfile, RealExpandedExportFromShared) {
  std::string path = SharedFixture("surveymonkey", "fivethirtyeight_region-survey_SOUTH.csv");
  if (path.empty()) GTEST_SKIP() << "needs ../shared/data/fixtures/surveymonkey (588 KB: not copied)";
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.format, "surveymonkey");
  EXPECT_EQ(in.responses, 2528u);
  EXPECT_EQ(in.rejected, 0u);
  EXPECT_EQ(Column(in, "Q1")->role, "text");    // "In your own words…": Open-Ended Response
  EXPECT_EQ(Column(in, "Q2_1")->role, "attribute");
  EXPECT_EQ(Column(in, "Q2_1")->question,
            "How much, if at all, do you personally identify as a Southerner? - A lot");
  EXPECT_EQ(Column(in, "Q4")->role, "attribute");  // an open box, but its answers are ZIP codes
}

TEST(GoogleFormsProfile, BuiltExportWithCheckboxesAndFourLanguages) {
  std::string path = Fixture("google_forms", "built_google_forms.csv");
  EXPECT_EQ(SniffFile(path).format, "google_forms");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.responses, 8u);
  EXPECT_EQ(in.records, 6u);
  EXPECT_EQ(Column(in, "Timestamp")->role, "time");
  EXPECT_EQ(Column(in, "Email Address")->role, "respondent");
  EXPECT_EQ(Column(in, "How likely are you to recommend Xe Nhanh? (0-10)")->role, "nps");
  EXPECT_EQ(Column(in, "Which features do you use?")->role, "attribute");  // checkboxes
  EXPECT_EQ(Column(in, "What should we improve?")->role, "text");
  auto records = ReadSurvey(path);
  ASSERT_EQ(records->sink.records.size(), 6u);
  const Record& first = records->sink.records[0];
  EXPECT_EQ(first.time_unix_ms, 1710057672000);
  EXPECT_EQ(first.nps, 9.0);
  EXPECT_EQ(first.respondent, "hoa@example.com");
  EXPECT_EQ(Attr(first, "Which features do you use?"), "Booking, Tracking");
  EXPECT_EQ(Attr(first, "question"), "What should we improve?");
  EXPECT_EQ(records->sink.records[2].text, "司机绕路，多收了车费，客服也不回复。");
}

TEST(GoogleFormsProfile, RealExportFromASheet) {
  std::string path = Fixture("google_forms", "hot_dog_survey_spring25.xlsx - Form Responses 1.csv");
  EXPECT_EQ(SniffFile(path).format, "google_forms");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.responses, 64u);
  EXPECT_EQ(in.rejected, 0u);
  EXPECT_EQ(Column(in, "What is the rationale behind your opinion?")->role, "text");
  EXPECT_EQ(Column(in, "Do you believe that a hotdog falls under the category of a sandwich?")->role,
            "attribute");
  EXPECT_EQ(Column(in, "If you are an undergraduate, what is your current academic year?")->role,
            "attribute");
  EXPECT_EQ(Column(in, "Gender: How do you identify?")->role, "attribute");
  auto records = ReadSurvey(path);
  auto rationale = Answers(*records, "What is the rationale behind your opinion?");
  EXPECT_EQ(rationale.size(), 61u);
  EXPECT_EQ(rationale[0]->time_unix_ms, 1736977985000);  // 1/15/2025 21:53:05
  EXPECT_EQ(Attr(*rationale[0], "Do you believe that a hotdog falls under the category of a sandwich?"), "No");
}

TEST(TypeformProfile, UtcTimesWhateverTheTimezoneOption) {
  std::string path = Fixture("typeform", "built_typeform.csv");
  EXPECT_EQ(SniffFile(path).format, "typeform");
  auto run = ReadSurvey(path, {{"timezone", "+07:00"}}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.responses, 6u);
  EXPECT_EQ(in.records, 5u);
  EXPECT_EQ(Column(in, "#")->role, "id");
  EXPECT_EQ(Column(in, "Submit Date (UTC)")->role, "time");
  EXPECT_EQ(Column(in, "What could we do better?")->role, "text");
  EXPECT_EQ(Column(in, "Which city do you live in?")->role, "attribute");
  EXPECT_EQ(Column(in, "How likely are you to recommend Phở Online to a friend?")->role, "nps");
  auto records = ReadSurvey(path, {{"timezone", "+07:00"}, {"drop_pii", "true"}});
  ASSERT_EQ(records->sink.records.size(), 5u);
  const Record& first = records->sink.records[0];
  EXPECT_EQ(first.time_unix_ms, 1714612351000);  // 2024-05-02 01:12:31 UTC, not +07:00
  EXPECT_EQ(Attr(first, "respondent_id"), "q8x2m1rmp0f1n7zq8x2mdk3b0c1k2vp9");
  EXPECT_EQ(Attr(first, "Network ID"), "<absent>");
  EXPECT_EQ(records->sink.records[3].nps, 2.0);
  EXPECT_EQ(records->sink.records[3].text, "訂單被取消了卻沒有通知我。");
}

TEST(LimeSurveyProfile, CodeHeadersWithStartLanguageAndOtherBox) {
  std::string path = Fixture("limesurvey", "built_limesurvey_codes.csv");
  EXPECT_EQ(SniffFile(path).format, "limesurvey");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.responses, 5u);
  EXPECT_EQ(in.records, 5u);
  EXPECT_EQ(Column(in, "submitdate")->role, "time");
  EXPECT_EQ(Column(in, "startlanguage")->role, "language");
  EXPECT_EQ(Column(in, "satisfaction")->role, "csat");
  EXPECT_EQ(Column(in, "improve")->role, "text");
  EXPECT_EQ(Column(in, "channels[other]")->role, "text");
  EXPECT_EQ(Column(in, "channels[SQ001]")->role, "attribute");
  auto records = ReadSurvey(path);
  ASSERT_EQ(records->sink.records.size(), 5u);
  EXPECT_EQ(records->sink.records[0].language, "vi");
  EXPECT_EQ(records->sink.records[0].time_unix_ms, 1717232412000);
  EXPECT_EQ(records->sink.records[0].csat, 4.0);
  EXPECT_EQ(records->sink.records[2].language, "zh-Hans");
  EXPECT_EQ(Attr(records->sink.records[4], "question"), "channels[other]");
  EXPECT_EQ(records->sink.records[4].text, "Word of mouth from a colleague");
}

TEST(LimeSurveyProfile, StructureFileIsRefusedAsNotResponses) {
  std::string path = Fixture("limesurvey", "built_limesurvey_structure.txt");
  SniffResult sniff = SniffFile(path);
  EXPECT_EQ(sniff.format, "limesurvey");
  EXPECT_NE(sniff.reason.find("survey-structure"), std::string::npos);
  auto run = ReadSurvey(path);
  EXPECT_EQ(run->open.code(), Code::kNotSupported);
  EXPECT_NE(run->open.message().find("not responses"), std::string::npos) << run->open.message();
  EXPECT_NE(run->open.message().find("built_limesurvey_structure.txt"), std::string::npos);
}

TEST(LimeSurveyProfile, RealFilesFromShared) {
  std::string data = SharedFixture("limesurvey", "survey_998192_R_data_file.csv");
  std::string structure = SharedFixture("limesurvey", "export-of-survey-with-one-question-as-tsv.txt");
  if (data.empty() || structure.empty()) {
    GTEST_SKIP() << "needs ../shared/data/fixtures/limesurvey (GPL-3.0 files: not copied)";
  }
  EXPECT_EQ(SniffFile(data).format, "limesurvey");
  auto run = ReadSurvey(data, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  EXPECT_EQ(run->inspection->responses, 7u);  // 8 physical rows after the header, the last empty
  EXPECT_EQ(run->inspection->rejected, 0u);
  EXPECT_EQ(Column(*run->inspection, "How do you identify? [Other]")->role, "text");
  EXPECT_EQ(Column(*run->inspection, "Date submitted")->role, "time");
  EXPECT_EQ(Column(*run->inspection, "Start language")->role, "language");
  std::string texts;
  for (const auto& c : run->inspection->columns) texts += c.role == "text" ? c.name + " | " : "";
  // Only the [Other] box: the mood box's two answers are half numbers
  // ("dgggsdfs", "4747647": test data), so it stays an attribute.
  EXPECT_EQ(run->inspection->records, 1u) << texts;
  auto refused = ReadSurvey(structure);
  EXPECT_EQ(refused->open.code(), Code::kNotSupported);
  EXPECT_NE(refused->open.message().find("survey-structure"), std::string::npos);
}

TEST(MicrosoftFormsProfile, XlsxWithDateCellsScoresAndAnonymousEmail) {
  std::string path = Fixture("microsoft_forms", "built_microsoft_forms.xlsx");
  EXPECT_EQ(SniffFile(path).format, "microsoft_forms");
  auto run = ReadSurvey(path, {{"timezone", "+07:00"}}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.responses, 7u);
  EXPECT_EQ(in.records, 6u);
  EXPECT_EQ(Column(in, "ID")->role, "id");
  EXPECT_EQ(Column(in, "Completion time")->role, "time");
  EXPECT_EQ(Column(in, "How satisfied are you with the store visit?")->role, "csat");
  EXPECT_EQ(Column(in, "How likely are you to recommend Chợ Xanh to a friend?")->role, "nps");
  EXPECT_EQ(Column(in, "What did you like or dislike about the visit?")->role, "text");
  EXPECT_EQ(Column(in, "Which store did you visit?")->role, "attribute");
  auto records = ReadSurvey(path, {{"timezone", "+07:00"}});
  ASSERT_EQ(records->sink.records.size(), 6u);
  const Record& first = records->sink.records[0];
  EXPECT_EQ(first.time_unix_ms, 1711933360000);  // 2024-04-01 08:02:40 at +07:00
  EXPECT_EQ(first.respondent, "");               // "anonymous"
  EXPECT_EQ(first.csat, 5.0);
  EXPECT_EQ(first.nps, 9.0);
  EXPECT_EQ(Attr(first, "respondent_id"), "1");
  EXPECT_EQ(records->sink.records[1].respondent, "mai.tran@example.com");
  EXPECT_EQ(records->sink.records[4].nps, 0.0);  // a real 0, not absent
  EXPECT_EQ(records->sink.records[2].text, "ผักสดดี แต่ที่จอดรถน้อยมาก");
}

TEST(MicrosoftFormsProfile, RealCsvResavedAsWindows1252) {
  std::string path = Fixture("microsoft_forms", "Hot-Dog-Form-Fa24.csv");
  SniffResult sniff = SniffFile(path);
  EXPECT_EQ(sniff.format, "microsoft_forms");
  auto run = ReadSurvey(path, {}, true);
  ASSERT_TRUE(run->open.ok()) << run->open.ToString();
  const Inspection& in = *run->inspection;
  EXPECT_EQ(in.encoding, "windows-1252");
  EXPECT_EQ(in.responses, 187u);
  EXPECT_EQ(in.records, 185u);  // text units; the two other responses wrote nothing
  EXPECT_EQ(in.rejected, 0u);
  EXPECT_EQ(Column(in, "What is your major?")->role, "text");
  EXPECT_EQ(Column(in, "Is a hotdog a sandwich")->role, "attribute");
  auto records = ReadSurvey(path);
  ASSERT_EQ(records->sink.records.size(), 185u);
  EXPECT_EQ(records->sink.records[0].time_unix_ms, 1725190020000);  // 9/1/2024 11:27
  EXPECT_EQ(records->sink.records[0].respondent, "");
  bool curly = false;
  for (const Record& r : records->sink.records) curly |= r.text == "Computer Science\u2019s";
  EXPECT_TRUE(curly);  // 0x92 read as U+2019
}

TEST(PlatformProfiles, FormatOptionOverridesDetection) {
  std::string path = Fixture("typeform", "built_typeform.csv");
  auto generic = ReadSurvey(path, {{"format", "generic_csv"}}, true);
  ASSERT_TRUE(generic->open.ok()) << generic->open.ToString();
  EXPECT_EQ(generic->inspection->format, "generic_csv");
  EXPECT_EQ(Detail(*generic->inspection, "profile_reason"), "format option");
  EXPECT_EQ(ReadSurvey(path, {{"format", "qualtricks"}})->open.code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace cxmap::csv
