// SPDX-License-Identifier: Apache-2.0
// The plugin without a host: explicit scores, role levels, departments and
// which records are stakeholders. Sentiment needs the host's text services
// and is tested through cxmap in stakeholder_cli_test.cpp.
#include "stakeholder_analysis.h"

#include <gtest/gtest.h>

#include <map>

namespace cxmap::stakeholder {
namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;
using Results = std::map<std::string, std::string>;  // field → value as text ("null")

int32_t Collect(void* ctx, const cxmap_result* r) {
  auto& rows = *static_cast<std::map<uint32_t, Results>*>(ctx);
  std::string v = r->type == CXMAP_TYPE_NULL   ? "null"
                  : r->type == CXMAP_TYPE_REAL ? FormatScore(r->real_value)
                                               : std::string(FromC(r->text_value));
  rows[r->record_index][std::string(FromC(r->field))] = v;
  return CXMAP_OK;
}

class StakeholderAnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string data = std::string(PLUGIN_SOURCE_DIR) + "/data/";
    Make({{"role_levels", data + "role_levels.tsv"}, {"departments", data + "departments.tsv"}});
  }
  void Make(std::vector<std::pair<std::string, std::string>> options) {
    std::vector<cxmap_kv> kv;
    for (auto& [k, v] : options) kv.push_back({ToC(k), ToC(v)});
    auto created = StakeholderAnalysis::Create(Host(nullptr), OptionValues(kv.data(), kv.size()));
    ASSERT_TRUE(created.ok()) << created.status().message();
    plugin_ = std::move(created).value();
  }
  /// Analyses one record per attribute list; returns results by record.
  std::map<uint32_t, Results> Run(const std::vector<Attributes>& records) {
    std::vector<std::vector<cxmap_kv>> kvs(records.size());
    std::vector<cxmap_record> raw(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      for (auto& [k, v] : records[i]) kvs[i].push_back({ToC(k), ToC(v)});
      raw[i].struct_size = sizeof(cxmap_record);
      raw[i].attributes = kvs[i].data();
      raw[i].attribute_count = kvs[i].size();
    }
    std::map<uint32_t, Results> rows;
    cxmap_result_sink sink{sizeof sink, &rows, &Collect};
    ResultWriter out(&sink);
    EXPECT_TRUE(plugin_->Analyze(RecordBatch(raw.data(), raw.size()), out).ok());
    return rows;
  }
  std::unique_ptr<StakeholderAnalysis> plugin_;
};

Attributes ListRow(std::string name, std::string dept, std::string role, std::string support,
                   std::string influence) {
  Attributes a = {{"kind", "stakeholder"}, {"name", name}, {"department", dept}, {"role", role}};
  if (!support.empty()) a.emplace_back("support", support);
  if (!influence.empty()) a.emplace_back("influence", influence);
  return a;
}

TEST_F(StakeholderAnalysisTest, ExplicitScoresAroundTheThresholds) {
  auto rows = Run({ListRow("A", "Sales", "Staff", "3.49", "3.51"),
                   ListRow("B", "Sales", "Staff", "3.5", "3.5"),
                   ListRow("C", "Sales", "Staff", "3.51", "3.49")});
  EXPECT_EQ(rows[0]["strategy"], "defend");
  EXPECT_EQ(rows[0]["quadrant"], "low_support_high_influence");
  EXPECT_EQ(rows[1]["strategy"], "engage");
  EXPECT_EQ(rows[2]["strategy"], "collaborate");
  EXPECT_EQ(rows[0]["support"], "3.49");
  EXPECT_EQ(rows[0]["support_basis"], "explicit");
  EXPECT_EQ(rows[0]["influence_basis"], "explicit");
  EXPECT_EQ(rows[0]["origin"], "list");
  EXPECT_EQ(rows[1]["reason"], "support 3.5 (explicit) ≥ 3.5, influence 3.5 (explicit) ≥ 3.5 → engage");
}

TEST_F(StakeholderAnalysisTest, InfluenceFromRoleLevelInEveryLanguage) {
  struct Case {
    const char *role, *influence, *strategy;
  } cases[] = {
      {"Logistics Director", "4.5", "engage"}, {"CFO", "5.0", "engage"},
      {"Head of Customer Service", "4.0", "engage"}, {"Marketing Manager", "3.0", "collaborate"},
      {"Sales Representative", "2.0", "collaborate"}, {"Product Owner", "3.0", "collaborate"},
      {"Giám đốc vận hành", "4.5", "engage"}, {"Phó giám đốc", "4.0", "engage"},
      {"Trưởng phòng", "4.0", "engage"}, {"Nhân viên", "2.0", "collaborate"},
      {"ผู้อำนวยการ", "4.5", "engage"}, {"ผู้จัดการ", "3.0", "collaborate"},
      {"พนักงาน", "2.0", "collaborate"}, {"物流总监", "4.5", "engage"},
      {"客服经理", "3.0", "collaborate"}, {"总经理", "5.0", "engage"}, {"实习生", "1.0", "collaborate"},
  };
  std::vector<Attributes> records;
  for (const Case& c : cases) records.push_back(ListRow("X", "Sales", c.role, "4", ""));
  auto rows = Run(records);
  for (size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(rows[i]["influence"], cases[i].influence) << cases[i].role;
    EXPECT_EQ(rows[i]["influence_basis"], "role") << cases[i].role;
    EXPECT_EQ(rows[i]["strategy"], cases[i].strategy) << cases[i].role;
  }
  EXPECT_NE(rows[0]["reason"].find("influence 4.5 (role 'Logistics Director': director) ≥ 3.5"),
            std::string::npos)
      << rows[0]["reason"];
}

TEST_F(StakeholderAnalysisTest, ExplicitScoreWinsOverRoleAndBadCellsFallBack) {
  auto rows = Run({ListRow("A", "IT", "CEO", "4", "2"), ListRow("B", "IT", "CEO", "4", "lots"),
                   ListRow("C", "IT", "Astronaut", "4", ""), ListRow("D", "IT", "", "", "")});
  EXPECT_EQ(rows[0]["influence"], "2.0");
  EXPECT_EQ(rows[0]["influence_basis"], "explicit");
  EXPECT_EQ(rows[1]["influence"], "5.0");
  EXPECT_EQ(rows[1]["influence_basis"], "role");
  EXPECT_NE(rows[1]["reason"].find("influence 'lots' is not a number in 1–5; role 'CEO'"),
            std::string::npos) << rows[1]["reason"];
  EXPECT_EQ(rows[2]["influence"], "null");
  EXPECT_EQ(rows[2]["strategy"], "null");
  EXPECT_NE(rows[2]["reason"].find("role 'Astronaut' not recognised"), std::string::npos);
  // No host text services here: support is not derived from sentiment.
  EXPECT_EQ(rows[3]["support"], "null");
  EXPECT_EQ(rows[3]["support_basis"], "unknown");
}

TEST_F(StakeholderAnalysisTest, DepartmentKeysFollowTheJourneyOwners) {
  auto rows = Run({ListRow("A", "Logistics", "Staff", "3", "3"),
                   ListRow("B", "Phòng Vận chuyển", "Staff", "3", "3"),
                   ListRow("C", "ฝ่ายขนส่ง", "Staff", "3", "3"),
                   ListRow("D", "物流部", "Staff", "3", "3"),
                   ListRow("E", "Customer Service", "Staff", "3", "3"),
                   ListRow("F", "Space Program", "Staff", "3", "3")});
  for (int i = 0; i < 4; ++i) EXPECT_EQ(rows[i]["department_key"], "logistics") << i;
  EXPECT_EQ(rows[4]["department_key"], "customer service");
  EXPECT_EQ(rows[5]["department_key"], "space program");  // unknown: folded as written
  EXPECT_EQ(rows[1]["department"], "Phòng Vận chuyển");
}

TEST_F(StakeholderAnalysisTest, OnlyStakeholderRecordsGetResults) {
  auto rows = Run({
      {{"question", "Comment"}},                                     // customer feedback
      {{"Name", "An"}, {"question", "Comment"}},                     // a name alone
      {{"Name", "An"}, {"Department", "Logistics"}, {"Position", "Director"}},  // internal survey
      {{"Phòng ban", "Kho vận"}, {"Chức vụ", "Trưởng phòng"}},       // a department as stakeholder
  });
  EXPECT_EQ(rows.count(0), 0u);
  EXPECT_EQ(rows.count(1), 0u);
  ASSERT_EQ(rows.count(2), 1u);
  EXPECT_EQ(rows[2]["name"], "An");
  EXPECT_EQ(rows[2]["role"], "Director");
  EXPECT_EQ(rows[2]["influence"], "4.5");
  EXPECT_EQ(rows[2]["origin"], "feedback");
  ASSERT_EQ(rows.count(3), 1u);
  EXPECT_EQ(rows[3]["department_key"], "logistics");
  EXPECT_EQ(rows[3]["influence"], "4.0");
}

TEST_F(StakeholderAnalysisTest, ThresholdOptionsAreValidated) {
  std::string data = std::string(PLUGIN_SOURCE_DIR) + "/data/";
  // Named: a cxmap_kv borrows its strings (ASan caught a temporary here).
  const std::string roles = data + "role_levels.tsv";
  for (const char* bad : {"0.5", "5.5", "nan"}) {
    cxmap_kv kv[] = {{ToC("support_threshold"), ToC(bad)}, {ToC("role_levels"), ToC(roles)}};
    auto created = StakeholderAnalysis::Create(Host(nullptr), OptionValues(kv, 2));
    EXPECT_EQ(created.status().code(), Code::kInvalidArgument) << bad;
  }
  Make({{"support_threshold", "4"}, {"influence_threshold", "2"},
        {"role_levels", data + "role_levels.tsv"}, {"departments", data + "departments.tsv"}});
  auto rows = Run({ListRow("A", "IT", "", "3.99", "2")});
  EXPECT_EQ(rows[0]["strategy"], "defend");
  cxmap_kv missing[] = {{ToC("role_levels"), ToC("/nonexistent/roles.tsv")}};
  auto created = StakeholderAnalysis::Create(Host(nullptr), OptionValues(missing, 1));
  EXPECT_EQ(created.status().code(), Code::kNotFound);
  EXPECT_NE(created.status().message().find("/nonexistent/roles.tsv"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::stakeholder
