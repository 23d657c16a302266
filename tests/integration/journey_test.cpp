// SPDX-License-Identifier: Apache-2.0
// End-to-end: survey answers → the real plugins → `cxmap journey` and
// `cxmap query`, against figures computed by hand from
// tests/data/journey/golden.csv.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

class Journey : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs each test as its own process, in
    // parallel, and each imports the golden file for itself.
    dir_ = fs::temp_directory_path() / ("cxmap_journey_golden_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    RunResult r = RunCxmap("-q --db " + Quote(db()) + " run " +
                           Quote(std::string(TEST_DATA_DIR) + "/journey/golden.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static std::string db() { return (dir_ / "j.db").string(); }
  static nlohmann::json Map(const std::string& args) {
    RunResult r = RunCxmap("-q --db " + Quote(db()) + " journey --json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  static const nlohmann::json& Find(const nlohmann::json& list, const std::string& id) {
    for (const auto& x : list) {
      if (x["id"] == id) return x;
    }
    static const nlohmann::json kNone;
    ADD_FAILURE() << "no " << id;
    return kNone;
  }
  static fs::path dir_;
};
fs::path Journey::dir_;

TEST_F(Journey, TouchpointFiguresMatchTheHandComputedTable) {
  auto map = Map("");
  ASSERT_FALSE(map.is_discarded());
  EXPECT_EQ(map["model"], "cjm6");
  EXPECT_EQ(map["records"], 12);
  EXPECT_EQ(map["unmapped"]["count"], 0);
  EXPECT_EQ(map["touchpoints"].size(), 16u) << "every catalogue touchpoint is listed";

  // delivery: g01–g05, NPS 3 5 6 2 4 → five detractors; CSAT 2 1 2 1 2.
  const auto& delivery = Find(map["touchpoints"], "delivery");
  EXPECT_EQ(delivery["volume"], 5);
  EXPECT_EQ(delivery["owner"], "logistics");
  EXPECT_DOUBLE_EQ(delivery["nps"]["value"].get<double>(), -100);
  EXPECT_EQ(delivery["nps"]["n"], 5);
  EXPECT_DOUBLE_EQ(delivery["csat"]["value"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(delivery["csat"]["mean"].get<double>(), 1.6);
  EXPECT_DOUBLE_EQ(delivery["sentiment"]["negative"].get<double>(), 1.0);
  ASSERT_FALSE(delivery["pain_points"].empty());
  EXPECT_FALSE(delivery["pain_points"][0]["quotes"].empty());

  // customer_support: g06–g08, NPS 1 10 9 → (2 − 1) / 3 = +33.3;
  // var = 1 − 1/9, half-width 1.96·sqrt(0.8889/3) = 1.0669 → [-73.4, 100].
  const auto& support = Find(map["touchpoints"], "customer_support");
  EXPECT_EQ(support["volume"], 3);
  EXPECT_NEAR(support["nps"]["value"].get<double>(), 33.333, 1e-3);
  EXPECT_NEAR(support["nps"]["ci_low"].get<double>(), -73.35, 1e-2);
  EXPECT_DOUBLE_EQ(support["nps"]["ci_high"].get<double>(), 100);
  EXPECT_NEAR(support["csat"]["value"].get<double>(), 66.667, 1e-3);

  // mobile_app: g09, g10 (NPS 3, 4); pricing: g11, g12 (NPS 10, 6 → 0; CSAT 5, 3 → 50%).
  EXPECT_EQ(Find(map["touchpoints"], "mobile_app")["volume"], 2);
  const auto& pricing = Find(map["touchpoints"], "pricing");
  EXPECT_EQ(pricing["volume"], 2);
  EXPECT_DOUBLE_EQ(pricing["nps"]["value"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(pricing["csat"]["value"].get<double>(), 50);

  // Stages: the cjm6 order, and every mapped record on one stage.
  std::vector<std::string> ids;
  uint64_t staged = 0;
  for (const auto& s : map["stages"]) {
    ids.push_back(s["id"]);
    staged += s["volume"].get<uint64_t>();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"awareness", "consideration", "decision", "purchase", "use",
                                           "advocacy"}));
  EXPECT_EQ(staged, 12u);
}

TEST_F(Journey, CutsBySegmentTimeAndFilter) {
  auto by = Map("--by segment");
  ASSERT_EQ(by["groups"].size(), 2u);
  EXPECT_EQ(by["groups"][1]["value"], "vip");
  EXPECT_EQ(by["groups"][1]["records"], 4);  // g01 g04 g07 g10
  EXPECT_EQ(Find(by["groups"][1]["touchpoints"], "delivery")["volume"], 2);
  EXPECT_EQ(Map("--since 2026-04-01")["records"], 4);                  // g09–g12
  EXPECT_EQ(Map("--until 2026-03-05")["records"], 3);                  // g01–g03
  EXPECT_EQ(Map("--where " + Quote("lang = zh"))["records"], 3);       // zh-Hans and zh-Hant
  RunResult bad = RunCxmap("-q --db " + Quote(db()) + " journey --by colour");
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST_F(Journey, WhyDrillsDownIntoWhatCoOccursWithAPainPoint) {
  RunResult r = RunCxmap("-q --db " + Quote(db()) + " journey --json --why delivery");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto why = nlohmann::json::parse(r.out);
  EXPECT_EQ(why["records"], 12);
  EXPECT_EQ(why["pain_records"], 5) << "all five delivery answers are complaints";
  // "giao hàng chậm" is in 2 of the 12 records, both delivery complaints:
  // expected 5 × 2/12 = 0.833, lift 2.4.
  bool found = false;
  for (const auto& d : why["drivers"]["themes"]) {
    if (d["value"] == "Giao hàng chậm" || d["value"] == "giao hang cham") {
      found = true;
      EXPECT_EQ(d["pain_records"], 2);
      EXPECT_NEAR(d["lift"].get<double>(), 2.4, 1e-9);
    }
  }
  EXPECT_TRUE(found) << why["drivers"]["themes"].dump();
  RunResult theme = RunCxmap("-q --db " + Quote(db()) + " journey --json --why " +
                             Quote("delivery:giao hang cham"));
  ASSERT_EQ(theme.exit_code, 0) << theme.err;
  EXPECT_EQ(nlohmann::json::parse(theme.out)["pain_records"], 2) << "with or without diacritics";
}

TEST_F(Journey, WhyTakesTheLabelTheMapPrintsAndRefusesAnUnknownTouchpoint) {
  RunResult by_id = RunCxmap("-q --db " + Quote(db()) + " journey --json --why delivery");
  RunResult by_label = RunCxmap("-q --db " + Quote(db()) + " journey --json --why Delivery");
  RunResult upper = RunCxmap("-q --db " + Quote(db()) + " journey --json --why " +
                             Quote("DELIVERY:giao hang cham"));
  ASSERT_EQ(by_label.exit_code, 0) << by_label.err;
  EXPECT_EQ(by_label.out, by_id.out);
  ASSERT_EQ(upper.exit_code, 0) << upper.err;
  EXPECT_EQ(nlohmann::json::parse(upper.out)["pain_records"], 2);
  RunResult unknown = RunCxmap("-q --db " + Quote(db()) + " journey --why Deliveryy");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no such touchpoint"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("delivery (Delivery)"), std::string::npos) << unknown.err;
}

TEST(StakeholderMap, LinksEachDepartmentToTheTouchpointsItOwns) {
  // The golden survey plus a stakeholder list: Brian Lee (Logistics,
  // support 2, influence 5) is "defend" and owns delivery, the touchpoint
  // with five complaints out of five (hand-computed in the test above).
  fs::path dir = fs::temp_directory_path() / ("cxmap_stakeholders_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string db = (dir / "s.db").string();
  RunResult run = RunCxmap("-q --db " + Quote(db) + " run " +
                           Quote(std::string(TEST_DATA_DIR) + "/journey/golden.csv") + " " +
                           Quote(std::string(TEST_DATA_DIR) + "/fixtures/stakeholders/stakeholders_en.csv"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  RunResult r = RunCxmap("-q --db " + Quote(db) + " stakeholders --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto map = nlohmann::json::parse(r.out);
  const nlohmann::json* brian = nullptr;
  for (const auto& s : map["stakeholders"]) {
    if (s["name"] == "Brian Lee") brian = &s;
  }
  ASSERT_NE(brian, nullptr) << r.out;
  EXPECT_EQ((*brian)["strategy"], "defend");
  EXPECT_DOUBLE_EQ((*brian)["support"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ((*brian)["influence"].get<double>(), 5.0);
  ASSERT_FALSE((*brian)["owns"].empty());
  const auto& delivery = (*brian)["owns"][0];
  EXPECT_EQ(delivery["id"], "delivery") << "the worst touchpoint with feedback comes first";
  EXPECT_EQ(delivery["volume"], 5);
  EXPECT_DOUBLE_EQ(delivery["negative"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(delivery["nps"]["value"].get<double>(), -100);
  EXPECT_FALSE(delivery["pain_points"].empty());
}

TEST_F(Journey, QueryFiltersAndCannotBeInjected) {
  auto count = [](const std::string& where) {
    RunResult r = RunCxmap("-q --db " + Quote(db()) + " query --count --where " + Quote(where));
    EXPECT_EQ(r.exit_code, 0) << where << ": " << r.err;
    return r.out;
  };
  EXPECT_EQ(count("touchpoint = delivery and nps <= 3"), "2\n");  // g01 (3), g04 (2)
  EXPECT_EQ(count("text contains \"giao hang\" or text contains \"giao hàng\""), "2\n");
  EXPECT_EQ(count("segment = \"vip' OR 1=1 --\""), "0\n");
  EXPECT_EQ(count("segment = \"x\\\"); DROP TABLE records; --\""), "0\n");
  EXPECT_EQ(count(""), "12\n") << "the injection attempts changed nothing";
  RunResult rows = RunCxmap("-q --db " + Quote(db()) + " query --jsonl --where " +
                            Quote("stage = use and sentiment < 0") + " --limit 2");  // delivery complaints: use (issue 17)
  ASSERT_EQ(rows.exit_code, 0) << rows.err;
  EXPECT_EQ(std::count(rows.out.begin(), rows.out.end(), '\n'), 2);
  RunResult bad = RunCxmap("-q --db " + Quote(db()) + " query --where " + Quote("nps ~ 3"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("column 5"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace cxmap::testing
