// SPDX-License-Identifier: Apache-2.0
#include "call_center_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "test_support.h"
#include "transcript_reader.h"

namespace cxmap::callcenter {
namespace {

using testing::Attr;
using testing::BestOfThreeSeconds;
using testing::FakeSink;
using testing::Fixture;
using testing::SharedFixture;
using testing::WriteTemp;

struct Imported {
  std::vector<Record> records;
  std::vector<testing::Rejected> rejects;
  std::string format;
};

Imported Import(const std::string& path, std::map<std::string, std::string> options = {}) {
  std::vector<std::pair<std::string, std::string>> kv(options.begin(), options.end());
  std::vector<cxmap_kv> c;
  for (const auto& [k, v] : kv) c.push_back({ToC(k), ToC(v)});
  OptionValues values(c.data(), c.size());
  auto source = CallCenterSource::Create(Host(nullptr), values);
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  Imported run;
  if (!source.ok()) return run;
  Status s = (*source)->Open(path);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (!s.ok()) return run;
  FakeSink sink;
  RecordSink rs(sink.raw());
  for (bool at_end = false; !at_end;) EXPECT_TRUE((*source)->NextBatch(rs, at_end).ok());
  run.records = std::move(sink.records);
  run.rejects = std::move(sink.rejects);
  run.format = (*source)->parsed().format;
  return run;
}

TEST(CallCenterSource, PerTurnRecordsCarryContextAndCallMetadata) {
  Imported r = Import(Fixture("transcript_vi.txt"), {{"timezone", "+07:00"}});
  EXPECT_EQ(r.format, "transcript");
  ASSERT_EQ(r.records.size(), 5u);  // 3 + 2 customer turns
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.channel, Channel::kCall);
  EXPECT_EQ(rec.external_id, "VN-20240305-0001#2");
  EXPECT_EQ(rec.csat, 4);
  EXPECT_EQ(rec.line, 11u);
  EXPECT_EQ(Attr(rec.attributes, "speaker_role"), "customer");
  EXPECT_EQ(Attr(rec.attributes, "context"), "Dạ, tổng đài chăm sóc khách hàng xin nghe, em là Lan ạ.");
  EXPECT_EQ(Attr(rec.attributes, "duration_s"), "332");
  EXPECT_EQ(Attr(rec.attributes, "hold_s"), "45");
  EXPECT_EQ(Attr(rec.attributes, "queue"), "Cước phí");
  EXPECT_EQ(Attr(rec.attributes, "disposition"), "Đã giải quyết");
  EXPECT_EQ(Attr(rec.attributes, "offset_s"), "6");
  EXPECT_EQ(r.records[1].record_number, 2u);
}

TEST(CallCenterSource, PerCallAndAllSpeakers) {
  Imported calls = Import(Fixture("transcript_en.txt"), {{"unit", "call"}});
  ASSERT_EQ(calls.records.size(), 2u);
  EXPECT_EQ(calls.records[0].external_id, "EN-5001");
  EXPECT_EQ(calls.records[0].text.find("Thank you for calling"), std::string::npos);  // customer voice only
  EXPECT_NE(Attr(calls.records[0].attributes, "conversation").find("Agent (Jane): Thank you"), std::string::npos);
  EXPECT_EQ(Attr(calls.records[0].attributes, "customer_turns"), "3");
  EXPECT_EQ(calls.records[1].csat, 1);
  Imported all = Import(Fixture("transcript_en.txt"), {{"speakers", "all"}});
  EXPECT_EQ(all.records.size(), 12u);  // every turn
  EXPECT_EQ(Attr(all.records[0].attributes, "speaker_role"), "agent");
  EXPECT_EQ(Attr(all.records[6].attributes, "speaker_role"), "system");
}

TEST(CallCenterSource, CallsWithUnknownRolesLandWhole) {
  Imported r = Import(Fixture("transcript_mixed.txt"));
  ASSERT_EQ(r.records.size(), 4u);  // 2 + 1 customer turns, 1 whole call
  EXPECT_EQ(r.records[3].external_id, "MX-3");
  EXPECT_EQ(Attr(r.records[3].attributes, "speaker_roles"), "unknown");
  EXPECT_NE(r.records[3].text.find("Speaker 2: Tôi cần hỏi"), std::string::npos);
  EXPECT_EQ(r.records[0].language, "vi");
}

TEST(CallCenterSource, ContactLensAndCdrJoin) {
  Imported cl = Import(Fixture("contact_lens_CL_sample.json"));
  EXPECT_EQ(cl.format, "contact_lens");
  ASSERT_EQ(cl.records.size(), 6u);
  EXPECT_EQ(cl.records[0].sub_channel, "contact_lens");
  EXPECT_EQ(Attr(cl.records[0].attributes, "context"), "Hey, good morning.");

  Imported joined = Import(Fixture("transcript_joined.txt"), {{"cdr_file", Fixture("asterisk_cdr_csv.csv")}});
  ASSERT_EQ(joined.records.size(), 2u);
  const Record& rec = joined.records[0];
  EXPECT_EQ(Attr(rec.attributes, "cdr_joined"), "true");
  EXPECT_EQ(Attr(rec.attributes, "agent"), "PJSIP/2001");
  EXPECT_EQ(Attr(rec.attributes, "duration_s"), "353");
  EXPECT_EQ(Attr(rec.attributes, "queue"), "support");  // the transcript's own value stays
  EXPECT_EQ(rec.respondent, "0903123456");
  EXPECT_EQ(rec.csat, 4);
}

TEST(CallCenterSource, CdrRowsAreMetadataRecords) {
  Imported r = Import(Fixture("asterisk_cdr_csv.csv"), {{"timezone", "+07:00"}});
  EXPECT_EQ(r.format, "cdr");
  ASSERT_EQ(r.records.size(), 5u);
  EXPECT_EQ(r.records[0].text, "");
  EXPECT_EQ(r.records[0].external_id, "1709608900.16");
  EXPECT_EQ(Attr(r.records[0].attributes, "duration_s"), "353");
  EXPECT_EQ(Attr(r.records[2].attributes, "disposition"), "NO ANSWER");
}

TEST(CallCenterSource, SniffRecognisesEveryFormat) {
  struct Case {
    const char* file;
    const char* format;
  } cases[] = {{"transcript_vi.txt", "transcript"},  {"transcript_th.txt", "transcript"},
               {"transcript_zh.txt", "transcript"},  {"transcript_en.txt", "transcript"},
               {"transcript_mixed.txt", "transcript"}, {"call_log.txt", "call_log"},
               {"asterisk_cdr_csv.csv", "cdr"},       {"contact_lens_CL_sample.json", "contact_lens"},
               {"vcon_vi_roles.vcon", "vcon"},        {"vcon_zh_chat.vcon", "vcon"},
               {"vcon_th_lines.jsonl", "vcon"}};
  for (const Case& c : cases) {
    std::string data = testing::ReadFile(Fixture(c.file));
    SniffResult s = CallCenterSource::Sniff(Fixture(c.file), data);
    EXPECT_EQ(s.format, c.format) << c.file << ": " << s.reason;
    EXPECT_GE(s.confidence, 0.8) << c.file << ": " << s.reason;
  }
  for (const char* shared : {"asterisk_cdr_Master.csv", "ab_call_ext_rec_analysis.vcon"}) {
    std::string path = SharedFixture(shared);
    if (path.empty()) continue;
    SniffResult s = CallCenterSource::Sniff(path, testing::ReadFile(path));
    EXPECT_GE(s.confidence, 0.9) << shared << ": " << s.reason;
  }
}

TEST(CallCenterSource, SniffLeavesSurveyCsvsAlone) {
  std::vector<std::string> files;
  for (const auto& dir : {std::filesystem::path(PLUGIN_SOURCE_DIR) / "../../samples/data"}) {
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path().string());
  }
  if (const char* shared = std::getenv("CXMAP_SHARED_DIR"); shared != nullptr && *shared) {
    std::filesystem::path root = std::filesystem::path(shared) / "data/fixtures";
    if (std::filesystem::exists(root)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        if (e.is_regular_file() && e.path().parent_path().filename() != "call_center" &&
            e.path().filename() != "SOURCE.md") {
          files.push_back(e.path().string());
        }
      }
    }
  }
  ASSERT_FALSE(files.empty());
  for (const std::string& f : files) {
    std::string head = testing::ReadFile(f).substr(0, 64 << 10);
    SniffResult s = CallCenterSource::Sniff(f, head);
    EXPECT_LE(s.confidence, 0.15) << f << ": " << s.format << " " << s.reason;
  }
}

TEST(CallCenterSource, SniffLeavesACsvWithATranscriptColumnToTheSurveySource) {
  std::string path = (std::filesystem::path(PLUGIN_SOURCE_DIR) /
                      "../../tests/data/transcripts/calls_with_transcript_column.csv")
                         .lexically_normal()
                         .string();
  SniffResult s = CallCenterSource::Sniff(path, testing::ReadFile(path));
  EXPECT_LE(s.confidence, 0.2) << s.format << " " << s.reason;
  EXPECT_NE(s.reason.find("quoted CSV cells"), std::string::npos) << s.reason;
  // A plain transcript with a stray inch mark stays a transcript.
  std::string plain =
      "Agent: Thanks for calling, how can I help?\n"
      "Customer: My 55\" TV arrived with a cracked screen\n"
      "Agent: I am sorry, I will send a replacement\n"
      "Customer: How long will it take?\n"
      "Agent: Three days\n";
  SniffResult t = CallCenterSource::Sniff("call.txt", plain);
  EXPECT_GE(t.confidence, 0.8) << t.format << " " << t.reason;
  EXPECT_EQ(t.format, "transcript");
}

TEST(CallCenterSource, BadOptionsAndInputs) {
  auto create = [](std::string key, std::string value) {
    cxmap_kv kv{ToC(key), ToC(value)};
    return CallCenterSource::Create(Host(nullptr), OptionValues(&kv, 1));
  };
  EXPECT_FALSE(create("format", "xlsx").ok());
  EXPECT_FALSE(create("unit", "sentence").ok());
  EXPECT_FALSE(create("timezone", "Asia/Hanoi").ok());
  auto ok = create("timezone", "+07:00");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->Open("/nonexistent/file.txt").code(), Code::kNotFound);
  std::string json = WriteTemp("tweets.json", R"({"data":[{"id":"1","text":"hi"}]})");
  EXPECT_EQ((*ok)->Open(json).code(), Code::kNotSupported);
  // Forced format on the wrong JSON: one reject, no records, no crash.
  Imported forced = Import(json, {{"format", "contact_lens"}});
  EXPECT_TRUE(forced.records.empty());
  ASSERT_EQ(forced.rejects.size(), 1u);
  EXPECT_EQ(forced.rejects[0].line, 1u);
}

TEST(CallCenterSource, InspectCountsCallsAndTurns) {
  auto source = CallCenterSource::Create(Host(nullptr), OptionValues(nullptr, 0));
  ASSERT_TRUE(source.ok());
  auto in = (*source)->Inspect(Fixture("transcript_zh.txt"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->format, "transcript");
  EXPECT_EQ(in->unit, "calls");
  EXPECT_EQ(in->responses, 2u);
  EXPECT_EQ(in->records, 3u);
  std::map<std::string, std::string> d(in->details.begin(), in->details.end());
  EXPECT_EQ(d["turns"], "8");
  EXPECT_EQ(d["customer_turns"], "3");
  EXPECT_EQ(d["calls_with_csat"], "2");
  auto cdr = CallCenterSource::Create(Host(nullptr), OptionValues(nullptr, 0));
  auto ci = (*cdr)->Inspect(Fixture("asterisk_cdr_csv.csv"));
  ASSERT_TRUE(ci.ok());
  EXPECT_EQ(ci->format, "cdr");
  ASSERT_EQ(ci->columns.size(), 21u);
  EXPECT_EQ(ci->columns[16].name, "uniqueid");
  EXPECT_EQ(ci->columns[16].role, "id");
}

// One call of many turns is emitted a batch at a time (issue 18: a transcript
// of a million turns became one batch of 500k records and 1.3 GB), and the
// records are the same as when the whole call is converted at once.
TEST(CallCenterSource, LongCallIsEmittedInBatchesWithTheSameRecords) {
  std::string text = "Call ID: LONG-1\nAgent: Jane Doe\n\n";
  const char* customer[] = {"Giao hàng chậm quá", "แอปค้างตลอดเลย", "快递三天才到", "The refund never came"};
  for (int i = 0; i < 40; ++i) {
    text += i % 2 == 0 ? "Customer: " + std::string(customer[(i / 2) % 4]) + " " + std::to_string(i) + "\n"
                       : "Agent: Let me check turn " + std::to_string(i) + "\n";
  }
  std::string path = WriteTemp("long_call.txt", text);
  auto source = CallCenterSource::Create(Host(nullptr), OptionValues(nullptr, 0));
  ASSERT_TRUE(source.ok());
  ASSERT_TRUE((*source)->Open(path).ok());
  FakeSink sink(3);
  RecordSink rs(sink.raw());
  size_t batches = 0;
  for (bool at_end = false; !at_end; ++batches) {
    size_t before = sink.records.size();
    ASSERT_TRUE((*source)->NextBatch(rs, at_end).ok());
    EXPECT_LE(sink.records.size() - before, 3u);
  }
  EXPECT_EQ(batches, 7u);  // 19 customer turns, 3 a batch
  ParsedInput whole = ReadTranscript(text, {0, 1 << 20});
  ASSERT_EQ(whole.calls.size(), 1u);
  std::vector<Record> expected;
  uint64_t number = 0;
  CallToRecords(whole.calls[0], EmitOptions{false, false, 1000, path, ""}, number, expected);
  ASSERT_EQ(sink.records.size(), expected.size());
  ASSERT_EQ(expected.size(), 19u);  // the first "Customer:" line names the customer (header block)
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(sink.records[i].text, expected[i].text);
    EXPECT_EQ(sink.records[i].external_id, expected[i].external_id);
    EXPECT_EQ(sink.records[i].record_number, expected[i].record_number);
    EXPECT_EQ(sink.records[i].attributes, expected[i].attributes) << i;
  }
  EXPECT_EQ(Attr(sink.records[18].attributes, "context"), "Let me check turn 37");
  // Inspect still counts every turn after the text of emitted turns is freed.
  auto in = (*source)->Inspect(path);
  ASSERT_TRUE(in.ok());
  std::map<std::string, std::string> d(in->details.begin(), in->details.end());
  EXPECT_EQ(d["turns"], "39");
}

/// A call of `attributes` metadata attributes and `turns` turns.
Call ManyAttributesCall(size_t attributes, size_t turns) {
  Call call;
  call.id = "c1";
  for (size_t i = 0; i < attributes; ++i) {
    AddAttribute(call.attributes, "key_" + std::to_string(i), "v" + std::to_string(i));
  }
  AddAttribute(call.attributes, "speaker", "taken by the turn's own");
  for (size_t i = 0; i < turns; ++i) {
    Turn t;
    t.speaker = i % 2 ? "Agent" : "Customer";
    t.role = i % 2 ? Role::kAgent : Role::kCustomer;
    t.text = "turn " + std::to_string(i);
    t.line = i + 1;
    call.turns.push_back(std::move(t));
  }
  return call;
}

TEST(CallCenterSource, CallAttributesOnEveryTurnRecordInLinearTime) {
  std::vector<Record> records;
  uint64_t number = 0;
  CallToRecords(ManyAttributesCall(3, 2), EmitOptions{false, true, 100, "f", ""}, number, records);
  ASSERT_EQ(records.size(), 2u);
  for (const Record& r : records) {
    EXPECT_EQ(Attr(r.attributes, "key_0"), "v0");
    EXPECT_EQ(Attr(r.attributes, "key_2"), "v2");
    EXPECT_EQ(Attr(r.attributes, "call_id"), "c1");
    // A key the record has already keeps the record's value, once.
    EXPECT_EQ(std::count_if(r.attributes.begin(), r.attributes.end(),
                            [](const auto& kv) { return kv.first == "speaker"; }),
              1);
  }
  EXPECT_EQ(Attr(records[0].attributes, "speaker"), "Customer");

  // Every call attribute was searched for among all the record's attributes
  // so far: O(attributes²) per turn record. 8 times the attributes took 64
  // times as long; linear now (best of three, against noise).
  auto best_seconds = [](size_t attributes) {
    Call call = ManyAttributesCall(attributes, 20);
    return BestOfThreeSeconds([&] {
      std::vector<Record> out;
      uint64_t n = 0;
      CallToRecords(call, EmitOptions{false, true, 100, "f", ""}, n, out);
      EXPECT_EQ(out.size(), 20u);
    });
  };
  double small = best_seconds(500);
  double large = best_seconds(4000);
  EXPECT_LT(large, 24 * small + 0.05) << small << " s for 500 attributes, " << large << " s for 4000";
}

}  // namespace
}  // namespace cxmap::callcenter
