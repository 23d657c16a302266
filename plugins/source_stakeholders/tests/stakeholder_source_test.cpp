// SPDX-License-Identifier: Apache-2.0
#include "stakeholder_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "cxmap/abi_source.h"
#include "stakeholder_row.h"

namespace cxmap::stakeholders {
namespace {

#ifdef STAKEHOLDER_FIXTURES
const std::string kFixtures = STAKEHOLDER_FIXTURES;
#else
const std::string kFixtures = "../../tests/data/fixtures/stakeholders";
#endif

struct Rejected {
  uint64_t line;
  std::string reason;
  std::string excerpt;
};

/// A record as the host would copy it: attributes as a map.
struct Got {
  std::string text, respondent, sub_channel;
  std::map<std::string, std::string> attributes;
  uint64_t line = 0, record_number = 0;
};

/// Collects records and rejects through the C sink (the record is
/// borrowed for the call only, so everything is copied).
class FakeSink {
 public:
  FakeSink() : sink_{sizeof(cxmap_record_sink), this, 3, &Emit, &OnReject, nullptr} {}
  FakeSink(const FakeSink&) = delete;
  RecordSink sink() { return RecordSink(&sink_); }
  std::vector<Got> records;
  std::vector<Rejected> rejects;

 private:
  static int32_t Emit(void* ctx, const cxmap_record* c) {
    Got g{std::string(FromC(c->text)), std::string(FromC(c->respondent)),
          std::string(FromC(c->sub_channel)), {}, c->line, c->record_number};
    for (size_t i = 0; i < c->attribute_count; ++i) {
      g.attributes[std::string(FromC(c->attributes[i].key))] = FromC(c->attributes[i].value);
    }
    static_cast<FakeSink*>(ctx)->records.push_back(std::move(g));
    return CXMAP_OK;
  }
  static void OnReject(void* ctx, const cxmap_reject* r) {
    static_cast<FakeSink*>(ctx)->rejects.push_back(
        {r->line, std::string(FromC(r->reason)), std::string(FromC(r->excerpt))});
  }
  cxmap_record_sink sink_;
};

std::unique_ptr<StakeholderSource> NewSource() {
  auto s = StakeholderSource::Create(Host(nullptr), OptionValues());
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

void ReadAll(const std::string& path, FakeSink& out) {
  auto source = NewSource();
  ASSERT_TRUE(source->Open(path).ok()) << path;
  RecordSink sink = out.sink();
  for (bool at_end = false; !at_end;) ASSERT_TRUE(source->NextBatch(sink, at_end).ok());
}

std::string TempFile(const std::string& name, std::string_view bytes) {
  auto path = std::filesystem::temp_directory_path() /
              ("stakeholders_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

TEST(StakeholderSource, ReadsEveryLanguageFixture) {
  struct Case {
    const char* file;
    size_t records;
    const char* first_name;
    const char* first_department;
  } cases[] = {
      {"stakeholders_en.csv", 8, "Alice Nguyen", "Customer Service"},
      {"stakeholders_vi.csv", 5, "Nguyễn Thị Lan", "Chăm sóc khách hàng"},
      {"stakeholders_vi_no_diacritics.csv", 4, "Nguyen Thi Lan", "Cham soc khach hang"},
      {"stakeholders_th.tsv", 4, "สมชาย ใจดี", "ฝ่ายขนส่ง"},
      {"stakeholders_zh_hans.csv", 4, "王伟", "物流部"},
      {"stakeholders_zh_hant.csv", 3, "陳志明", "物流部"},
      {"stakeholders_mixed.csv", 4, "Ngô Bảo Châu", "Vận chuyển"},
  };
  for (const Case& c : cases) {
    FakeSink out;
    ReadAll(kFixtures + "/" + c.file, out);
    EXPECT_TRUE(out.rejects.empty()) << c.file << ": " << out.rejects[0].reason;
    ASSERT_EQ(out.records.size(), c.records) << c.file;
    const Got& g = out.records[0];
    EXPECT_EQ(g.attributes.at("name"), c.first_name) << c.file;
    EXPECT_EQ(g.respondent, c.first_name);
    EXPECT_EQ(g.attributes.at("department"), c.first_department) << c.file;
    EXPECT_EQ(g.attributes.at("kind"), "stakeholder");
    EXPECT_EQ(g.sub_channel, "stakeholder_list");
    EXPECT_EQ(g.line, 2u);
    EXPECT_EQ(g.record_number, 1u);
  }
}

TEST(StakeholderSource, ScoresNotesAndAbsentScores) {
  FakeSink out;
  ReadAll(kFixtures + "/stakeholders_en.csv", out);
  ASSERT_EQ(out.records.size(), 8u);
  const Got& brian = out.records[1];
  EXPECT_EQ(brian.attributes.at("support"), "2");
  EXPECT_EQ(brian.attributes.at("influence"), "5");
  EXPECT_EQ(brian.attributes.at("role"), "Logistics Director");
  EXPECT_EQ(brian.text, "Worried the map will blame late deliveries on his team, \"again\".");
  EXPECT_EQ(out.records[4].attributes.at("support"), "4.5");
  const Got& frank = out.records[5];  // no scores: the analysis derives them
  EXPECT_EQ(frank.attributes.count("support"), 0u);
  EXPECT_EQ(frank.attributes.count("influence"), 0u);
  EXPECT_EQ(out.records[7].attributes.at("support"), "3.49");
  EXPECT_EQ(out.records[7].attributes.at("influence"), "3.51");
  EXPECT_EQ(out.records[7].text, "");

  FakeSink mixed;  // semicolon-separated, decimal comma
  ReadAll(kFixtures + "/stakeholders_mixed.csv", mixed);
  ASSERT_EQ(mixed.records.size(), 4u);
  EXPECT_EQ(mixed.records[1].attributes.at("support"), "4.5");
  EXPECT_EQ(mixed.records[0].attributes.count("influence"), 0u);
}

TEST(StakeholderSource, BadRowsAreRejectedWithLineAndReasonGoodRowsLand) {
  FakeSink out;
  ReadAll(kFixtures + "/stakeholders_bad_rows.csv", out);
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(out.records[0].attributes.at("name"), "Good One");
  EXPECT_EQ(out.records[1].attributes.at("name"), "Good Two");
  EXPECT_EQ(out.records[1].line, 7u);
  ASSERT_EQ(out.rejects.size(), 4u);
  EXPECT_EQ(out.rejects[0].line, 3u);
  EXPECT_EQ(out.rejects[0].reason, "missing name");
  EXPECT_EQ(out.rejects[1].line, 4u);
  EXPECT_EQ(out.rejects[1].reason, "support 7 is outside 1–5");
  EXPECT_EQ(out.rejects[2].reason, "support 'lots' is not a number (expected 1–5)");
  EXPECT_EQ(out.rejects[3].line, 6u);
  EXPECT_EQ(out.rejects[3].reason, "influence 0 is outside 1–5");
  EXPECT_NE(out.rejects[3].excerpt.find("Zero Influence"), std::string::npos);
}

TEST(StakeholderSource, HostileInputNeverCrashes) {
  std::string header = "name,department,role,support,influence,notes\n";
  std::string bad_utf8 = header + "A\xC3,B,C,4,4,x\nB,B,C,4,4,\"multi\nline\"\nC,D,E,4,4,\"open";
  FakeSink out;
  ReadAll(TempFile("bad.csv", bad_utf8), out);
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(out.records[0].text, "multi\nline");
  ASSERT_EQ(out.rejects.size(), 2u);
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_NE(out.rejects[0].reason.find("UTF-8"), std::string::npos);
  EXPECT_EQ(out.rejects[1].line, 5u);
  EXPECT_NE(out.rejects[1].reason.find("quoted field"), std::string::npos);

  FakeSink ragged;
  ReadAll(TempFile("ragged.csv", header + "A,B,C,4,4,x,extra\nB,B,C,4,4,x,,\n\n\nC,,,3,\n"),
          ragged);
  ASSERT_EQ(ragged.rejects.size(), 1u);
  EXPECT_EQ(ragged.rejects[0].reason, "row has 7 fields, the header 6");
  ASSERT_EQ(ragged.records.size(), 2u);  // trailing empty cells and blank lines are fine
  EXPECT_EQ(ragged.records[1].line, 6u);
  for (const char* s : {"nan", "inf", "1e400", "-0", "4.5.5", "5.0001", "0.999"}) {
    EXPECT_FALSE(ParseScore("support", s).error.empty()) << s;
  }
  EXPECT_EQ(ParseScore("support", "4/5").value, 4.0);
  EXPECT_EQ(ParseScore("support", " 1 ").value, 1.0);
  EXPECT_EQ(ParseScore("support", "5").value, 5.0);
}

// Found by stakeholder_list_fuzz: with the mapped support cell empty, a
// second "support" column's text became the attribute support=' fine"',
// which downstream reads as a 1–5 score.
TEST(StakeholderSource, ASecondScoreColumnNeverBecomesTheScoreAttribute) {
  FakeSink out;
  ReadAll(TempFile("dup_score.csv",
                   "name,support,influence,support,influence,notes\n"
                   "A,,,lots,huge,x\n"
                   "B,4,\xC2\xA0,2,7,y\n"),
          out);
  EXPECT_TRUE(out.rejects.empty());
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(out.records[0].attributes.count("support"), 0u);
  EXPECT_EQ(out.records[0].attributes.count("influence"), 0u);
  EXPECT_EQ(out.records[1].attributes.at("support"), "4");
  EXPECT_EQ(out.records[1].attributes.count("influence"), 0u);
}

TEST(StakeholderSource, OpenRefusesNonListsAndMissingFiles) {
  auto source = NewSource();
  Status s = source->Open(TempFile("survey.csv", "id,name,rating,comment\n1,a,5,ok\n"));
  EXPECT_EQ(s.code(), Code::kNotSupported);
  EXPECT_NE(s.message().find("support or influence"), std::string::npos) << s.message();
  EXPECT_EQ(NewSource()->Open("/nonexistent/list.csv").code(), Code::kNotFound);
  OptionValues small;
  auto tiny = StakeholderSource::Create(Host(nullptr), OptionValues());
  ASSERT_TRUE(tiny.ok());
  cxmap_kv kv{ToC("max_bytes"), ToC("12")};
  EXPECT_EQ(StakeholderSource::Create(Host(nullptr), OptionValues(&kv, 1)).status().code(),
            Code::kInvalidArgument);
}

TEST(StakeholderSource, InspectNamesColumnRoles) {
  auto source = NewSource();
  auto in = source->Inspect(kFixtures + "/stakeholders_th.tsv");
  ASSERT_TRUE(in.ok()) << in.status().message();
  EXPECT_EQ(in->format, "stakeholders");
  EXPECT_EQ(in->delimiter, "tab");
  EXPECT_EQ(in->encoding, "UTF-8");
  EXPECT_EQ(in->records, 4u);
  EXPECT_EQ(in->rejected, 0u);
  EXPECT_EQ(in->unit, "stakeholders");
  std::vector<std::string> roles;
  for (const auto& c : in->columns) roles.push_back(c.role);
  EXPECT_EQ(roles, (std::vector<std::string>{"name", "department", "role", "support", "influence",
                                             "text"}));
  auto bad = NewSource()->Inspect(kFixtures + "/stakeholders_bad_rows.csv");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->records, 2u);
  EXPECT_EQ(bad->rejected, 4u);
}

}  // namespace
}  // namespace cxmap::stakeholders
