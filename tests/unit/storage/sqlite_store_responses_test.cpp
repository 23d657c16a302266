// SPDX-License-Identifier: Apache-2.0
// Responses, their text units and closed answers in the SQLite store.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/storage/sqlite_store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::MakeRecord;
using testing::MakeRequest;
using testing::RawDb;

class ResponsesTest : public testing::StoreFixture {
 protected:
  ResponsesTest() : StoreFixture("responses.db") {}

  int64_t Begin(const std::string& sha = "sha-r") {
    auto handle = store_->BeginImport(MakeRequest(sha));
    EXPECT_TRUE(handle.ok()) << handle.status().ToString();
    return handle.ok() ? handle->import_id : 0;
  }

  // Unit `n` of response `response`; empty `text` makes it response-only.
  static FeedbackRecord Unit(int n, const std::string& response, const std::string& text) {
    FeedbackRecord r = MakeRecord(n);
    r.rec.response_id = response;
    r.rec.text = text;
    return r;
  }

  static Answer Rating(const std::string& question, double value) {
    Answer a;
    a.question = question;
    a.question_text = "How satisfied were you with " + question + "?";
    a.kind = AnswerKind::kRating;
    a.value = std::to_string(static_cast<int>(value));
    a.number = value;
    a.scale = std::make_pair(1.0, 5.0);
    return a;
  }
};

TEST_F(ResponsesTest, UnitsOfOneResponseShareItAndTextlessRowsStoreOnlyTheResponse) {
  const int64_t id = Begin();
  Batch batch;
  batch.records.push_back(Unit(1, "R_1", "Giao hàng chậm quá"));
  batch.records.push_back(Unit(2, "R_1", "แต่พนักงานบริการดีมาก"));
  batch.records.push_back(Unit(3, "R_2", ""));  // scores only, no comment
  batch.records.push_back(Unit(4, "", "物流太慢了"));  // its own response
  batch.records[0].rec.answers = {Rating("website", 4), Rating("shipping", 2)};
  batch.records[2].rec.answers = {Rating("website", 5)};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());
  EXPECT_EQ(out.responses, 3u);
  EXPECT_EQ(out.inserted, 3u);
  EXPECT_EQ(out.answers, 3u);
  EXPECT_EQ(batch.records[0].response_rowid, batch.records[1].response_rowid);
  EXPECT_NE(batch.records[0].response_rowid, batch.records[2].response_rowid);
  EXPECT_GT(batch.records[2].response_rowid, 0);
  EXPECT_EQ(batch.records[2].rowid, 0) << "a response without text is not a unit";

  auto counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->responses, 3u);
  EXPECT_EQ(counts->responses_with_text, 2u);
  EXPECT_EQ(counts->records, 3u);
  EXPECT_EQ(counts->answers, 3u);

  RawDb raw(path_);
  // The respondent without a comment still carries their score.
  EXPECT_EQ(raw.Text("SELECT nps FROM responses WHERE key = 'source_csv_survey:R_2'"), "3.0");
  EXPECT_EQ(raw.Text("SELECT kind || ' ' || number || ' ' || scale_min || '-' || scale_max"
                     " FROM answers WHERE question = 'shipping'"),
            "rating 2.0 1.0-5.0");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM records WHERE response IS NULL"), 0);
  EXPECT_EQ(raw.Text("SELECT speaker_role FROM records LIMIT 1"), "customer");
  EXPECT_EQ(raw.Int("SELECT responses FROM imports"), 3);
}

TEST_F(ResponsesTest, ReimportUnderAnotherImportAddsNothing) {
  Batch first;
  first.records.push_back(Unit(1, "R_1", "slow delivery"));
  first.records.push_back(Unit(2, "R_2", ""));
  first.records[1].rec.answers = {Rating("website", 3)};
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-a"), first, nullptr).ok());

  // The same responses in a renamed, cumulative export with one new row.
  Batch again;
  again.records.push_back(Unit(1, "R_1", "slow delivery"));
  again.records.push_back(Unit(2, "R_2", ""));
  again.records[1].rec.answers = {Rating("website", 3)};
  again.records.push_back(Unit(3, "R_3", ""));
  for (auto& r : again.records) r.rec.file = "renamed-export.csv";
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-b"), again, &out).ok());
  EXPECT_EQ(out.responses, 1u);
  EXPECT_EQ(out.inserted, 0u);
  EXPECT_EQ(out.answers, 0u);
  EXPECT_EQ(out.duplicates, 2u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM responses"), 3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM answers"), 1);
}

TEST_F(ResponsesTest, MultipleChoiceKeepsEveryTickedOptionOnce) {
  Batch batch;
  batch.records.push_back(Unit(1, "R_9", ""));
  Answer a;
  a.question = "Q7";
  a.kind = AnswerKind::kMultiple;
  a.value = "Giao hàng";
  Answer b = a;
  b.value = "Đóng gói";
  batch.records[0].rec.answers = {a, b};
  batch.records.push_back(Unit(2, "R_9", "ok"));
  batch.records[1].rec.answers = {a, b};  // sent again with the second unit
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, &out).ok());
  EXPECT_EQ(out.answers, 2u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT group_concat(value, '|') FROM answers WHERE question = 'Q7'"),
            "Giao hàng|Đóng gói");
}

TEST_F(ResponsesTest, SkipsAreCountedOncePerLineAndReason) {
  const int64_t id = Begin();
  Batch batch;
  batch.skips.push_back({"input.csv", 5, "empty row", ""});
  batch.skips.push_back({"input.csv", 9, "empty row", ""});
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());
  EXPECT_EQ(out.skipped, 2u);
  ASSERT_TRUE(store_->WriteBatch(id, batch, &out).ok());  // a resumed import re-sends them
  EXPECT_EQ(out.skipped, 0u);
  auto counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->skipped, 2u);
  EXPECT_EQ(counts->skipped_by_reason, (std::map<std::string, uint64_t>{{"empty row", 2}}));
}

// Sentences are offsets into the stored text, evidence is interned, and the
// `results` view gives back the sentence text byte for byte.
TEST_F(ResponsesTest, SentencesAreOffsetsAndEvidenceIsStoredOnce) {
  Batch batch;
  batch.records.push_back(Unit(1, "R_1", "Giao hàng chậm quá. 客服態度很好！ Ship nhanh lắm"));
  batch.records.push_back(Unit(2, "R_2", "物流太慢了。物流太慢了。"));
  batch.plugins = {"analysis_sentiment"};
  auto sentence = [](uint32_t record, int32_t index, std::string text, double score) {
    ResultRow r = testing::MakeResult(record, "analysis_sentiment", score);
    r.sentence = index;
    r.sentence_text = std::move(text);
    r.evidence = {"cue:chậm", "negation:không"};
    return r;
  };
  batch.results = {sentence(0, 0, "Giao hàng chậm quá.", -0.6), sentence(0, 1, "客服態度很好！", 0.7),
                   sentence(0, 2, "Ship nhanh lắm", 0.5), sentence(1, 0, "物流太慢了。", -0.5),
                   sentence(1, 1, "物流太慢了。", -0.5),  // the same words again: the second copy
                   sentence(1, 2, "rewritten by the plugin", 0)};
  BatchOutcome out;
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, &out).ok());
  EXPECT_EQ(out.results, 6u);
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT group_concat(sentence_text, '|') FROM (SELECT sentence_text FROM results"
                     " ORDER BY record, sentence)"),
            "Giao hàng chậm quá.|客服態度很好！|Ship nhanh lắm|物流太慢了。|物流太慢了。|"
            "rewritten by the plugin");
  EXPECT_EQ(raw.Text("SELECT begin || '-' || end FROM sentences s JOIN records r ON r.rowid = s.record"
                     " WHERE r.id = 'rec-2' AND s.sentence = 1"),
            "18-36") << "the second copy, not the first";
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sentences WHERE text IS NOT NULL"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_lists"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_texts"), 2) << "each item once";
  EXPECT_EQ(raw.Text("SELECT DISTINCT evidence FROM results"), R"(["cue:chậm","negation:không"])");
}

// A NULL value, a field whose type changes with a plugin upgrade, and a
// plugin that cuts sentences its own way all read back as written.
TEST_F(ResponsesTest, TypesPerValueAndEachPluginsOwnSentences) {
  Batch first;
  first.records.push_back(Unit(1, "R_1", "Giao hàng chậm quá. Nhưng nhân viên dễ thương"));
  first.plugins = {"vendor_a", "vendor_b"};
  ResultRow none = testing::MakeResult(0, "vendor_a", 0);
  none.field = "level";
  none.type = CXMAP_TYPE_NULL;
  ResultRow number = none;
  number.type = CXMAP_TYPE_INTEGER;
  number.integer = 3;
  number.sentence = 0;
  number.sentence_text = "Giao hàng chậm quá.";
  ResultRow own_cut = testing::MakeResult(0, "vendor_b", 0.5);
  own_cut.sentence = 0;
  own_cut.sentence_text = "Giao hàng chậm quá. Nhưng";
  first.results = {none, number, own_cut};
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-1"), first, nullptr).ok());

  // vendor_a 2.0 declares `level` as a string; its records analyse fine.
  Batch second;
  second.records.push_back(Unit(2, "R_2", "ok"));
  second.plugins = {"vendor_a"};
  ResultRow text = none;
  text.record_index = 0;
  text.type = CXMAP_TYPE_STRING;
  text.text = "high";
  second.results = {text};
  Status s = store_->WriteBatch(Begin("sha-2"), second, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();

  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT group_concat(value_type || ':' || ifnull(value, 'NULL'), ' ') FROM"
                     " (SELECT * FROM results WHERE plugin = 'vendor_a' ORDER BY record, sentence)"),
            "null:NULL integer:3 string:high");
  EXPECT_EQ(raw.Text("SELECT sentence_text FROM results WHERE plugin = 'vendor_a' AND sentence = 0"),
            "Giao hàng chậm quá.");
  EXPECT_EQ(raw.Text("SELECT sentence_text FROM results WHERE plugin = 'vendor_b'"),
            "Giao hàng chậm quá. Nhưng");
}

// A unit keeps only what differs from its response; the records view shows
// every column as written, also for a unit that a later import adds to a
// response stored before (compared with the stored response, not the batch).
TEST_F(ResponsesTest, UnitsStoreOnlyWhatDiffersAndReadBackWhole) {
  Batch first;
  first.records.push_back(Unit(1, "C-7", "Tôi muốn hủy đơn"));
  first.records.push_back(Unit(2, "C-7", "ขอคืนเงินด้วยค่ะ"));  // another turn: own time, language
  first.records[1].rec.time_unix_ms = 1700000099000;
  first.records[1].rec.language = "th";
  first.records.push_back(Unit(4, "C-7", "Chờ 20 phút mới gặp nhân viên"));
  first.records[2].rec.time_unix_ms.reset();  // a turn without a time of its own
  first.records[2].rec.file = "calls_part2.csv";  // the call goes on in another file
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-1"), first, nullptr).ok());
  Batch later;
  later.records.push_back(Unit(3, "C-7", "我要退款"));
  later.records[0].rec.language = "zh-Hans";
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-2"), later, nullptr).ok());

  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM response_rows"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM units"), 4);
  EXPECT_EQ(raw.Text("SELECT coalesce(time_ms, 'none') || '|' || file FROM records"
                     " WHERE text LIKE 'Chờ%'"),
            "none|calls_part2.csv");
  // The first unit repeats its response: nothing of its own is stored.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM units WHERE time_ms IS NULL AND language IS NULL"
                    " AND attributes IS NULL AND respondent IS NULL"),
            1);
  for (const FeedbackRecord& r : {first.records[0], first.records[1], later.records[0]}) {
    EXPECT_EQ(raw.Text("SELECT id || '|' || external_id || '|' || time_ms || '|' || language || '|'"
                       " || text || '|' || respondent || '|' || attributes || '|' || file || '|'"
                       " || speaker_role FROM records WHERE text = '" + r.rec.text + "'"),
              r.id + "|" + r.rec.external_id + "|" + std::to_string(*r.rec.time_unix_ms) + "|" +
                  r.rec.language + "|" + r.rec.text + "|" + r.rec.respondent + "|" +
                  R"({"store":")" + r.rec.attributes[0].second + R"(","agent":"a"})" + "|" +
                  r.rec.file + "|customer")
        << r.rec.text;
  }
  EXPECT_EQ(raw.Text("SELECT key || '|' || response_id FROM responses"), "source_csv_survey:C-7|C-7");
}

// A survey repeats each response's id as an attribute: all its responses
// share one attribute set, and every view reads back what was written.
TEST_F(ResponsesTest, AttributesThatRepeatTheResponseIdShareOneSet) {
  auto unit = [](int n, const std::string& response, const std::string& text,
                 std::vector<std::pair<std::string, std::string>> extra = {}) {
    FeedbackRecord r = Unit(n, response, text);
    r.rec.attributes = {{"question", "Bình luận"}, {"respondent_id", response}};
    for (auto& kv : extra) r.rec.attributes.push_back(std::move(kv));
    return r;
  };
  Batch batch;
  batch.records.push_back(unit(1, "R_1", "Giao hàng chậm quá"));
  batch.records.push_back(unit(2, "R_2", "服務很好"));
  batch.records.push_back(unit(3, "R_\"3", "ส่งของช้ามาก"));  // a quote: kept as written
  batch.records.push_back(unit(4, "R_1", "I have escalated this", {{"speaker_role", "agent"}}));
  // The id as a key and twice as a value: only the first value is
  // replaced, and all read back.
  batch.records.push_back(unit(6, "R_6", "Tốt", {{"R_6", "R_6"}, {"again", "R_6"}}));
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM attribute_sets"), 4)
      << "R_1, R_2 share one; R_\"3, the agent's turn and R_6 have their own";
  EXPECT_EQ(raw.Int("SELECT count(DISTINCT attributes) FROM response_rows"), 3);
  EXPECT_EQ(raw.Text("SELECT attributes FROM responses WHERE response_id = 'R_6'"),
            R"({"question":"Bình luận","respondent_id":"R_6","R_6":"R_6","again":"R_6"})");
  EXPECT_EQ(raw.Text("SELECT group_concat(attributes, ' | ') FROM (SELECT attributes FROM records"
                     " ORDER BY rowid)"),
            R"({"question":"Bình luận","respondent_id":"R_1"} | )"
            R"({"question":"Bình luận","respondent_id":"R_2"} | )"
            R"({"question":"Bình luận","respondent_id":"R_\"3"} | )"
            R"({"question":"Bình luận","respondent_id":"R_1","speaker_role":"agent"} | )"
            R"({"question":"Bình luận","respondent_id":"R_6","R_6":"R_6","again":"R_6"})");
  EXPECT_EQ(raw.Text("SELECT attributes FROM responses WHERE response_id = 'R_2'"),
            R"({"question":"Bình luận","respondent_id":"R_2"})");
  EXPECT_EQ(raw.Text("SELECT json_extract(attributes, '$.respondent_id') FROM records"
                     " WHERE text = '服務很好'"),
            "R_2");

  // A later batch adds a unit to a stored response: it compares with the
  // stored attributes, so the same ones are not stored again.
  Batch later;
  later.records.push_back(unit(5, "R_2", "Nhân viên rất nhiệt tình"));
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-later"), later, nullptr).ok());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM units WHERE attributes IS NULL"), 5);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM attribute_sets"), 4);
}

// Reals of at most three decimals are stored as thousandths; every real
// reads back as the same double.
TEST_F(ResponsesTest, RealsReadBackExactlyWhateverTheirStorage) {
  const double values[] = {0.333, -0.709, 1.0, 5.0, 0.405930215104336, -0.0, 1e300, 0.1 + 0.2};
  Batch batch;
  batch.plugins = {"analysis_sentiment"};
  for (size_t i = 0; i < std::size(values); ++i) {
    batch.records.push_back(Unit(static_cast<int>(i + 1), "R_" + std::to_string(i), "Tốt lắm"));
    batch.results.push_back(testing::MakeResult(static_cast<uint32_t>(i), "analysis_sentiment",
                                                values[i]));
  }
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  RawDb raw(path_);
  for (size_t i = 0; i < std::size(values); ++i) {
    // A 17-digit literal names the double exactly.
    EXPECT_EQ(raw.Int(fmt::format("SELECT typeof(value) = 'real' AND value = {:.17g} FROM results r"
                                  " JOIN records u ON u.rowid = r.record"
                                  " JOIN responses p ON p.rowid = u.response"
                                  " WHERE p.response_id = 'R_{}'",
                                  values[i], i)),
              1)
        << i;
  }
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_1 WHERE typeof(f1) = 'integer'"), 4)
      << "0.333, -0.709, 1 and 5 as thousandths";
  // -0.0 stays REAL here, but SQLite itself does not keep the sign of a
  // zero (quote(-0.0) is 0.0 in any column), so it reads back as 0.0.
}

// Every JSON value reads back byte for byte, whether it is stored as a list
// of its elements (an array written without spaces between its elements:
// commas and brackets inside strings do not split it, numbers and escapes
// stay as written) or, when spaced, empty, not an array or nested deeper
// than the view's json() should go, as one text.
TEST_F(ResponsesTest, JsonValuesReadBackWhateverTheirShape) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "[";
  deep += "1";
  for (int i = 0; i < 40; ++i) deep += "]";
  const std::vector<std::string> values = {
      R"([{"id":"giao_hang","confidence":0.5},{"b":1,"a":"ส่งช้า"}])",  // a list
      R"([["物流",["太慢"]],"x",null,true,-0.0,12345678901234567890])",  // a list
      R"(["a,b","c]d","e\"f{",1.0E2,"\u00e9\/"])",                    // a list, read back as written
      "[ 1 ]", "[]", R"({"says":1})", deep};                             // texts
  Batch batch;
  batch.plugins = {"analysis_journey"};
  for (size_t i = 0; i < values.size(); ++i) {
    batch.records.push_back(Unit(static_cast<int>(i + 1), "R_" + std::to_string(i), "Giao hàng"));
    ResultRow r = testing::MakeResult(static_cast<uint32_t>(i), "analysis_journey", 0);
    r.field = "touchpoints";
    r.type = CXMAP_TYPE_JSON;
    r.text = values[i];
    r.evidence.clear();
    batch.results.push_back(r);
  }
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  RawDb raw(path_);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(raw.Text("SELECT value FROM results r JOIN records u ON u.rowid = r.record"
                       " JOIN responses p ON p.rowid = u.response WHERE p.response_id = 'R_" +
                       std::to_string(i) + "'"),
              values[i]);
  }
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_lists"), 3) << "only the first three are lists";
}

// Names a plugin chooses reach SQL only as quoted literals in the view;
// long text values are stored once however often they repeat.
TEST_F(ResponsesTest, HostileNamesAndLongValuesReadBack) {
  Batch batch;
  batch.records.push_back(Unit(1, "R_1", "Nhân viên rất nhiệt tình"));
  batch.records.push_back(Unit(2, "R_2", "服務很好"));
  batch.plugins = {"vendor'); DROP TABLE units; --"};
  const std::string long_json = "[\"" + std::string(2000, 'x') + "\"]";
  for (uint32_t i = 0; i < 2; ++i) {
    ResultRow r = testing::MakeResult(i, batch.plugins[0], 0);
    r.field = "it's \"field\"";
    r.type = CXMAP_TYPE_JSON;
    r.text = long_json;
    batch.results.push_back(r);
  }
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM units"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results WHERE plugin = 'vendor''); DROP TABLE units; --'"
                    " AND field = 'it''s \"field\"' AND value = '" + long_json + "'"),
            2);
  // The long element and the evidence item "cue:good", each once; the
  // array and the evidence each a list of one.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_texts"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_lists"), 2) << "an array is a list of its elements";
}

// Two stores on one file, each with its dictionary cached: a field the
// other one added in the meantime is found, not added twice.
TEST_F(ResponsesTest, AFieldAnotherConnectionAddedIsReused) {
  auto other = OpenSqliteStore(path_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto batch_with = [&](int n) {
    Batch b;
    b.records.push_back(Unit(n, "R_" + std::to_string(n), "Dịch vụ tốt"));
    b.plugins = {"analysis_sentiment"};
    b.results = {testing::MakeResult(0, "analysis_sentiment", 0.4)};
    return b;
  };
  Batch first = batch_with(1);
  ASSERT_TRUE(store_->WriteBatch(Begin("sha-1"), first, nullptr).ok());  // caches the dictionary
  Batch second = batch_with(2);
  auto handle = (*other)->BeginImport(MakeRequest("sha-2"));
  ASSERT_TRUE(handle.ok());
  Status s = (*other)->WriteBatch(handle->import_id, second, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Batch third = batch_with(3);
  third.results[0].field = "confidence";  // new to store_, which must reread
  s = store_->WriteBatch(Begin("sha-3"), third, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Batch fourth = batch_with(4);
  fourth.results.push_back(third.results[0]);
  fourth.results[1].evidence = {"cue:tốt"};
  fourth.plugins.push_back("vendor_x");
  ResultRow vendor = testing::MakeResult(0, "vendor_x", 1);
  fourth.results.push_back(vendor);
  s = (*other)->WriteBatch(handle->import_id, fourth, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();
  // store_ adds a column of its own: the views it rebuilds keep what the
  // other connection added (vendor_x's table, the evidence column).
  Batch fifth = batch_with(5);
  fifth.results[0].field = "magnitude";
  fifth.results.push_back(third.results[0]);
  fifth.results[1].evidence = {"cue:tốt"};
  s = store_->WriteBatch(Begin("sha-5"), fifth, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_fields"), 4);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results"), 8);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results WHERE plugin = 'vendor_x'"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses WHERE plugin = 'vendor_x'"), 1);
}

// A one-sentence unit's sentence values that repeat the unit's are kept
// once (the unit row's s0 mask); the results view and the counts still show
// every value as written, and a value only the sentence has keeps its row.
TEST_F(ResponsesTest, ASentenceRepeatingItsUnitIsStoredOnceAndReadsBackWhole) {
  Batch batch;
  batch.records.push_back(Unit(1, "R_1", "ส่งของช้ามาก"));
  batch.records.push_back(Unit(2, "R_2", "Giao hàng nhanh. Đóng gói đẹp."));
  batch.plugins = {"analysis_sentiment"};
  auto value = [](uint32_t record, int32_t sentence, std::string text, const char* field,
                  double v) {
    ResultRow r = testing::MakeResult(record, "analysis_sentiment", v);
    r.field = field;
    r.sentence = sentence;
    r.sentence_text = std::move(text);
    return r;
  };
  batch.results = {value(0, -1, "", "score", -0.7), value(0, -1, "", "model", 1),
                   value(0, 0, "ส่งของช้ามาก", "score", -0.7),
                   value(0, 0, "ส่งของช้ามาก", "intensity", 0.9),  // the sentence's own
                   value(1, -1, "", "score", 0.8), value(1, 0, "Giao hàng nhanh.", "score", 0.8),
                   value(1, 1, "Đóng gói đẹp.", "score", 0.8)};
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT group_concat(x, ' ') FROM (SELECT record || ':' || sentence || ':' ||"
                     " field || '=' || value || ':' || sentence_text || ':' || evidence AS x"
                     " FROM results ORDER BY record, sentence, field)"),
            "1:-1:model=1.0::[\"cue:good\"] 1:-1:score=-0.7::[\"cue:good\"]"
            " 1:0:intensity=0.9:ส่งของช้ามาก:[\"cue:good\"] 1:0:score=-0.7:ส่งของช้ามาก:[\"cue:good\"]"
            " 2:-1:score=0.8::[\"cue:good\"] 2:0:score=0.8:Giao hàng nhanh.:[\"cue:good\"]"
            " 2:1:score=0.8:Đóng gói đẹp.:[\"cue:good\"]");
  // Unit 1's sentence row keeps only `intensity`; unit 2 has two sentences.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_1"), 5);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_1 WHERE s0 IS NOT NULL"), 1);
  auto counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->results, 7u);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses WHERE plugin = 'analysis_sentiment'"), 2);
}

// Readers ask for roles: a vendor plugin whose fields carry `stage` and
// `touchpoint` under its own names drives the facts view; a second plugin
// declaring the same role later does not take it over.
TEST_F(ResponsesTest, TheFactsViewReadsDeclaredRolesNotNames) {
  ASSERT_TRUE(store_->DeclareFieldRoles("vendor_journey", {{"giai_doan", "stage"},
                                                           {"diem_cham", "touchpoint"},
                                                           {"ghi_chu", ""}}).ok());
  ASSERT_TRUE(store_->DeclareFieldRoles("vendor_late", {{"phase", "stage"}}).ok());
  Batch batch;
  batch.records.push_back(Unit(1, "R_1", "Giao hàng chậm, shipper gọi không nghe máy"));
  batch.plugins = {"vendor_journey", "vendor_late"};
  auto text = [](const char* plugin, const char* field, const char* value) {
    ResultRow r = testing::MakeResult(0, plugin, 0);
    r.field = field;
    r.type = CXMAP_TYPE_STRING;
    r.text = value;
    return r;
  };
  batch.results = {text("vendor_journey", "giai_doan", "use"),
                   text("vendor_journey", "diem_cham", "delivery"),
                   text("vendor_late", "phase", "purchase")};
  ASSERT_TRUE(store_->WriteBatch(Begin(), batch, nullptr).ok());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT stage || '|' || touchpoint || '|' || journey_done FROM facts"),
            "use|delivery|1");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM field_roles"), 3) << "a field without a role is not kept";
  // Declaring the same again writes nothing; dropping a role takes it away.
  ASSERT_TRUE(store_->DeclareFieldRoles("vendor_journey", {{"giai_doan", "stage"}}).ok());
  EXPECT_EQ(raw.Text("SELECT coalesce(touchpoint, 'none') || '|' || stage FROM facts"), "none|use")
      << "the field that stays keeps its place before vendor_late";
}

// SQLite allows 500 terms in one compound SELECT: a plugin with hundreds
// of fields still gets its results view.
TEST_F(ResponsesTest, APluginWithManyFieldsStillGetsItsView) {
  Batch batch;
  batch.records.push_back(Unit(1, "R_1", "Phí ship đắt quá"));
  batch.plugins = {"vendor_topics"};
  for (int i = 0; i < 300; ++i) {
    ResultRow r = testing::MakeResult(0, "vendor_topics", i);
    r.field = "topic_" + std::to_string(i);
    batch.results.push_back(r);
  }
  Status s = store_->WriteBatch(Begin(), batch, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results"), 300);
  EXPECT_EQ(raw.Int("SELECT value FROM results WHERE field = 'topic_299'"), 299);
}

}  // namespace
}  // namespace cxmap::core
