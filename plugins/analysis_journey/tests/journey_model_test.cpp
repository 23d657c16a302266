// SPDX-License-Identifier: Apache-2.0
#include "journey_model.h"
#include "stage_model.h"
#include "touchpoint_model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace cxmap::journey {
namespace {

const std::string kData = std::string(PLUGIN_SOURCE_DIR) + "/data";

JourneyFiles BuiltIn(const std::string& model) {
  return {kData + "/touchpoints.toml", kData + "/model_" + model + ".toml"};
}

/// A file in the test's temporary folder, removed with it.
class TempFiles : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(dir_);
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                               ("journey_model_test_" + std::to_string(::getpid()));
};

TEST(JourneyModel, DefaultCatalogueHasExactlyTheIssueIdsWithStagesOwnersAndCues) {
  const std::vector<std::string> ids = {
      "advertising", "social_media", "search", "word_of_mouth", "reviews", "website",
      "mobile_app", "store", "sales_staff", "pricing", "checkout_payment", "delivery",
      "product", "customer_support", "returns_refunds", "loyalty"};
  for (const std::string model : {"cjm6", "5a", "4stage"}) {
    auto j = LoadJourney(BuiltIn(model));
    ASSERT_TRUE(j.ok()) << j.status().message();
    EXPECT_EQ(j->model_id, model);
    std::vector<std::string> got;
    for (const Touchpoint& tp : j->touchpoints) {
      got.push_back(tp.id);
      EXPECT_GE(tp.stage, 0) << tp.id << " has no stage in " << model;
      EXPECT_FALSE(tp.owner.empty() || tp.owner == "unassigned") << tp.id;
      EXPECT_FALSE(tp.channels.empty()) << tp.id;
      std::set<std::string> langs;
      for (const Cue& c : tp.cues) langs.insert(c.lang);
      for (const char* lang : {"en", "vi", "th", "zh"}) EXPECT_TRUE(langs.count(lang)) << tp.id << " " << lang;
    }
    EXPECT_EQ(got, ids);
  }
  auto cjm6 = LoadJourney(BuiltIn("cjm6"));
  std::vector<std::string> stages;
  for (const Stage& s : cjm6->stages) stages.push_back(s.id);
  EXPECT_EQ(stages, (std::vector<std::string>{"awareness", "consideration", "decision", "purchase",
                                               "use", "advocacy"}));
  auto five = LoadJourney(BuiltIn("5a"));
  EXPECT_EQ(five->stages.size(), 5u);
  EXPECT_EQ(five->stages.back().id, "advance");
}

using JourneyModelFiles = TempFiles;

TEST_F(JourneyModelFiles, CustomModelAddsStagesRulesAndATouchpoint) {
  std::string model = Write("mine.toml", R"(
[model]
id = "support3"
label = "Support journey"
default_stage = "contact"

[[stage]]
id = "contact"
cues.en = ["called"]

[[stage]]
id = "resolution"
rules = ['attribute("disposition") == "resolved"']

[[stage]]
id = "follow_up"

[touchpoint_stage]
customer_support = "contact"
returns_refunds = "resolution"

[[touchpoint]]
id = "delivery"
rules = [{ when = 'column("Q5")', weight = 3 }]

[[touchpoint]]
id = "ivr"
label = "Phone menu"
owner = "customer service"
cues.en = ["press 1", "phone menu"]
)");
  auto j = LoadJourney({kData + "/touchpoints.toml", model});
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ(j->model_id, "support3");
  EXPECT_EQ(j->default_stage, 0);
  EXPECT_EQ(j->touchpoints.size(), 17u);
  const Touchpoint& ivr = j->touchpoints.back();
  EXPECT_EQ(ivr.id, "ivr");
  EXPECT_EQ(ivr.stage, -1);
  EXPECT_EQ(ivr.cues.size(), 2u);
  for (const Touchpoint& tp : j->touchpoints) {
    if (tp.id == "customer_support") { EXPECT_EQ(tp.stage, 0); }
    if (tp.id == "returns_refunds") { EXPECT_EQ(tp.stage, 1); }
    if (tp.id == "product") { EXPECT_EQ(tp.stage, -1); }  // no mapping for this model
    if (tp.id == "delivery") {
      ASSERT_EQ(tp.rules.size(), 1u);
      EXPECT_EQ(tp.rules[0].weight, 3);
      EXPECT_EQ(tp.rules[0].when.kind, ExprKind::kColumn);
    }
  }
}

// Issue 17, round 2: the stage that questions lean to, by id, with its
// weight; an unknown id is an error, and cjm6 names consideration.
TEST_F(JourneyModelFiles, QuestionStageIsReadAndChecked) {
  std::string ok = Write("q.toml",
                         "[model]\nid = \"m\"\nquestion_stage = \"ask\"\nquestion_weight = 0.5\n"
                         "[[stage]]\nid = \"see\"\n[[stage]]\nid = \"ask\"\n");
  auto j = LoadJourney({kData + "/touchpoints.toml", ok});
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ(j->question_stage, 1);
  EXPECT_DOUBLE_EQ(j->question_weight, 0.5);
  std::string bad = Write("qbad.toml", "[model]\nid = \"m\"\nquestion_stage = \"nope\"\n[[stage]]\nid = \"see\"\n");
  auto k = LoadJourney({kData + "/touchpoints.toml", bad});
  ASSERT_FALSE(k.ok());
  EXPECT_NE(k.status().message().find("question_stage: not a stage of this model"), std::string::npos)
      << k.status().message();
  auto cjm6 = LoadJourney(BuiltIn("cjm6"));
  ASSERT_TRUE(cjm6.ok());
  ASSERT_GE(cjm6->question_stage, 0);
  EXPECT_EQ(cjm6->stages[cjm6->question_stage].id, "consideration");
  ASSERT_GE(cjm6->alternative_stage, 0);
  EXPECT_EQ(cjm6->stages[cjm6->alternative_stage].id, "decision");
}

TEST_F(JourneyModelFiles, BadExpressionNamesFileLineColumnAndWhatWasExpected) {
  std::string model = Write("bad.toml",
                            "[model]\nid = \"m\"\n\n[[stage]]\nid = \"a\"\n"
                            "rules = ['any(\"x\") and channel = \"call\"']\n");
  auto j = LoadJourney({kData + "/touchpoints.toml", model});
  ASSERT_FALSE(j.ok());
  // The string's quote is at column 10 of line 6; "=" is its 22nd character.
  EXPECT_EQ(j.status().message(),
            model + ":6:32: stage 'a'.rules.when: expected '==' or '!=', found '= \"call\"'");

  std::string multi = Write("multi.toml",
                            "[model]\nid = \"m\"\n[[stage]]\nid = \"a\"\n"
                            "rules = [{ when = '''\nany(\"x\") or\n  (column(\"Q1\")''' }]\n");
  auto k = LoadJourney({kData + "/touchpoints.toml", multi});
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.status().message(), multi + ":7:16: stage 'a'.rules.when: expected ')', found end");
}

TEST_F(JourneyModelFiles, SchemaErrorsAreClear) {
  auto load = [&](const std::string& text) {
    auto j = LoadJourney({kData + "/touchpoints.toml", Write("m.toml", text)});
    EXPECT_FALSE(j.ok());
    return j.ok() ? std::string() : j.status().message();
  };
  EXPECT_NE(load("[model]\nid = \"m\"\n").find("one or more [[stage]]"), std::string::npos);
  EXPECT_NE(load("[[stage]]\nid = \"a\"\n").find("missing [model]"), std::string::npos);
  std::string typo = load("[model]\nid = \"m\"\n[[stage]]\nid = \"a\"\ncue.en = [\"x\"]\n");
  EXPECT_NE(typo.find("m.toml:5:1: stage 'a': unknown key 'cue'"), std::string::npos) << typo;
  std::string stage = load("[model]\nid = \"m\"\n[[stage]]\nid = \"a\"\n[touchpoint_stage]\nstore = \"b\"\n");
  EXPECT_NE(stage.find("'b' is not a stage of model m"), std::string::npos) << stage;
  std::string syntax = load("[model\n");
  EXPECT_NE(syntax.find("m.toml:1:"), std::string::npos) << syntax;
  std::string tab = load("[model]\nid = \"m\"\n[[stage]]\nid = \"a\"\ncues.en = [\"#tag\"]\n");
  EXPECT_NE(tab.find("leading '#'"), std::string::npos) << tab;
  auto missing = LoadJourney({kData + "/touchpoints.toml", "/nonexistent/model.toml"});
  EXPECT_EQ(missing.status().message(), "/nonexistent/model.toml: cannot open journey file");
}

// The shipped stage models name the six cjm6 stages: active for cjm6,
// inactive for a journey model with other stage ids; a damaged file is an
// error naming it; a folder without any is no model.
TEST_F(TempFiles, StageModelsLoadForTheirJourneyModelOnly) {
  auto cjm6 = LoadJourney(BuiltIn("cjm6"));
  ASSERT_TRUE(cjm6.ok()) << cjm6.status().message();
  auto active = StageModel::LoadBundled(kData, *cjm6, {});
  ASSERT_TRUE(active.ok()) << active.status().message();
  EXPECT_FALSE(active->empty());
  auto five = LoadJourney(BuiltIn("5a"));
  ASSERT_TRUE(five.ok());
  auto inactive = StageModel::LoadBundled(kData, *five, {});
  ASSERT_TRUE(inactive.ok()) << inactive.status().message();
  EXPECT_TRUE(inactive->empty());
  std::string damaged = Write("stage_vi.bin", "CXLINMOD but nothing after it");
  auto bad = StageModel::LoadBundled(dir_.string(), *cjm6, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("stage model"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find(damaged), std::string::npos) << bad.status().message();
  std::filesystem::remove(damaged);
  auto none = StageModel::LoadBundled(dir_.string(), *cjm6, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

// TouchpointModel::Apply on hand-made predictions: it agrees, overrules
// above its threshold (the stage that came from the old touchpoint
// follows), stays below it, maps an unmapped scope, and respects
// min_confidence; a stage the cues decided is kept.
TEST(TouchpointModel, AppliesItsPredictionAsDocumented) {
  auto j = LoadJourney(BuiltIn("cjm6"));
  ASSERT_TRUE(j.ok()) << j.status().message();
  auto index = [&](std::string_view id) {
    for (size_t t = 0; t < j->touchpoints.size(); ++t) {
      if (j->touchpoints[t].id == id) return static_cast<int>(t);
    }
    return -1;
  };
  const int delivery = index("delivery"), mouth = index("word_of_mouth"), pricing = index("pricing");
  ASSERT_GE(delivery, 0);
  ASSERT_GE(mouth, 0);
  ASSERT_GE(pricing, 0);
  auto model = TouchpointModel::LoadBundled(kData, *j, {}, 0);
  ASSERT_TRUE(model.ok()) << model.status().message();
  ASSERT_FALSE(model->empty());
  auto cues = [&](int best, int other) {
    Assignment a;
    a.touchpoints.push_back({best, 1, 0.36, {"cue:x"}, {}, 1, 0});
    if (other >= 0) a.touchpoints.push_back({other, 0.5, 0.2, {"cue:y"}, {}, 1, 5});
    a.best = best;
    a.confidence = 0.36;
    a.stage = j->touchpoints[static_cast<size_t>(best)].stage;
    a.stage_evidence = {"stage-of:" + j->touchpoints[static_cast<size_t>(best)].id};
    return a;
  };
  Assignment agree = cues(delivery, -1);
  model->Apply({delivery, 0.8}, &agree);
  EXPECT_EQ(agree.best, delivery);
  EXPECT_EQ(agree.touchpoints[0].evidence.back(), "model:touchpoint(delivery 0.80)");

  Assignment over = cues(mouth, delivery);
  model->Apply({delivery, 0.57}, &over);
  EXPECT_EQ(over.best, delivery);
  EXPECT_EQ(over.touchpoints[0].touchpoint, delivery);
  EXPECT_EQ(over.touchpoints[1].touchpoint, mouth);
  EXPECT_DOUBLE_EQ(over.confidence, 0.57);
  EXPECT_EQ(over.stage, j->touchpoints[static_cast<size_t>(delivery)].stage);
  EXPECT_EQ(over.stage_evidence, std::vector<std::string>{"stage-of:delivery"});

  Assignment under = cues(mouth, delivery);
  model->Apply({delivery, 0.2}, &under);  // below the overrule threshold (0.3)
  EXPECT_EQ(under.best, mouth);

  Assignment kept = cues(mouth, -1);
  kept.stage_evidence = {"stage-cue:told me"};
  model->Apply({delivery, 0.9}, &kept);
  EXPECT_EQ(kept.best, delivery);
  EXPECT_EQ(kept.stage_evidence, std::vector<std::string>{"stage-cue:told me"}) << "cues decided it";

  Assignment unmapped;
  model->Apply({pricing, 0.1}, &unmapped);
  EXPECT_EQ(unmapped.best, pricing);
  ASSERT_EQ(unmapped.touchpoints.size(), 1u);
  EXPECT_DOUBLE_EQ(unmapped.confidence, 0.1);
  auto strict = TouchpointModel::LoadBundled(kData, *j, {}, 0.5);
  ASSERT_TRUE(strict.ok());
  Assignment still;
  strict->Apply({pricing, 0.4}, &still);
  EXPECT_EQ(still.best, -1) << "under min_confidence";
  EXPECT_TRUE(still.touchpoints.empty());
  Assignment none;
  model->Apply({-1, 0}, &none);  // no model for the language, or `none`
  EXPECT_EQ(none.best, -1);
}

}  // namespace
}  // namespace cxmap::journey
