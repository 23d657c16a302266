// SPDX-License-Identifier: Apache-2.0
// The `model` option: parsing, load errors, prediction with a tiny model
// trained here with fastText, and the tokens a model is queried with.
#include "model_set.h"

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "cxmap/model_tokens.h"

namespace cxmap::sentiment {
namespace {

namespace fs = std::filesystem;

class ModelSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cxmap_sentiment_model_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Trains a tiny supervised model on made-up words (no lexicon knows
  // them), as `cxmap train` would write it: `__label__X tokens` lines.
  std::string Train(const std::string& name, const std::vector<std::string>& lines) {
    std::string input = (dir_ / (name + ".txt")).string();
    std::ofstream(input) << [&] {
      std::string all;
      for (int repeat = 0; repeat < 20; ++repeat) {
        for (const auto& l : lines) all += l + "\n";
      }
      return all;
    }();
    fasttext::Args a;
    a.input = input;
    a.model = fasttext::model_name::sup;
    a.loss = fasttext::loss_name::softmax;
    a.dim = 8, a.epoch = 30, a.lr = 0.5, a.wordNgrams = 1, a.minn = 0, a.maxn = 0, a.bucket = 0;
    a.minCount = 1, a.thread = 1, a.seed = 1, a.verbose = 0;
    fasttext::FastText ft;
    ft.train(a);
    std::string out = (dir_ / (name + ".bin")).string();
    ft.saveModel(out);
    return out;
  }
  std::string TrainSentiment(const std::string& name) {
    return Train(name, {"__label__positive zorp glim", "__label__positive glim",
                        "__label__negative blick frub", "__label__negative frub",
                        "__label__neutral wesk"});
  }

  fs::path dir_;
};

TEST_F(ModelSetTest, EmptyOptionMeansNoModel) {
  auto set = ModelSet::Load("  ");
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_TRUE(set->empty());
  EXPECT_FALSE(set->Has("vi"));
  EXPECT_EQ(set->Predict("vi", "zorp").status().code(), Code::kNotFound);
}

TEST_F(ModelSetTest, PredictsPerLanguageFromAFileList) {
  std::string vi = TrainSentiment("vi");
  auto set = ModelSet::Load("vi=" + vi + " , zh-Hant=" + vi);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_TRUE(set->Has("vi"));
  EXPECT_TRUE(set->Has("zh"));  // zh-Hant scores with the zh group
  EXPECT_FALSE(set->Has("th"));
  auto pos = set->Predict("vi", "zorp glim");
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(pos->label, "positive");
  EXPECT_GT(pos->score, 0.3);
  EXPECT_GT(pos->probability, 0.5);
  auto neg = set->Predict("vi", "blick frub");
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ(neg->label, "negative");
  EXPECT_LT(neg->score, -0.3);
  auto neu = set->Predict("vi", "wesk");
  ASSERT_TRUE(neu.ok());
  EXPECT_EQ(neu->label, "neutral");
  EXPECT_GE(neu->score, -1.0);
  EXPECT_LE(neu->score, 1.0);
}

TEST_F(ModelSetTest, AFolderGivesEveryLangBinItHolds) {
  TrainSentiment("th");
  auto set = ModelSet::Load(dir_.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_TRUE(set->Has("th"));
  EXPECT_FALSE(set->Has("vi"));
  auto empty = fs::path(dir_) / "empty";
  fs::create_directories(empty);
  auto none = ModelSet::Load(empty.string());
  EXPECT_EQ(none.status().code(), Code::kNotFound);
  EXPECT_NE(none.status().message().find("vi.bin"), std::string::npos);
}

TEST_F(ModelSetTest, BadValuesAreClearErrors) {
  std::string vi = TrainSentiment("vi");
  struct Case {
    std::string spec;
    Code code;
    std::string says;
  } cases[] = {
      {"xx=" + vi, Code::kInvalidArgument, "unknown language 'xx'"},
      {"vi=", Code::kInvalidArgument, "has no file"},
      {"vi=" + vi + ",vi=" + vi, Code::kInvalidArgument, "two models for vi"},
      {"vi=" + vi + ",oops", Code::kInvalidArgument, "'oops' is not LANG=FILE"},
      {"en=/no/such/model.bin", Code::kNotFound, "/no/such/model.bin: no such file"},
      {"/no/such/folder", Code::kNotFound, "/no/such/folder is not a folder"},
  };
  for (const auto& c : cases) {
    auto set = ModelSet::Load(c.spec);
    ASSERT_FALSE(set.ok()) << c.spec;
    EXPECT_EQ(set.status().code(), c.code) << c.spec;
    EXPECT_NE(set.status().message().find(c.says), std::string::npos)
        << c.spec << " -> " << set.status().message();
  }
}

TEST_F(ModelSetTest, RefusesFilesThatAreNotSentimentModels) {
  std::string text = (dir_ / "notes.bin").string();
  std::ofstream(text) << "this is not a model\n";
  auto bad = ModelSet::Load("vi=" + text);
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("not a fastText model"), std::string::npos);

  std::string topics = Train("topics", {"__label__delivery zorp", "__label__price blick"});
  auto other = ModelSet::Load("vi=" + topics);
  EXPECT_EQ(other.status().code(), Code::kInvalidArgument);
  EXPECT_NE(other.status().message().find("not a sentiment model"), std::string::npos)
      << other.status().message();
}

TEST(ModelTokens, FoldedKeysJoinedBySpacesWithoutLabels) {
  std::vector<std::string> keys = {"giao hang", "cham", "qua", "!", "__label__positive", "😡", "不好"};
  std::vector<cxmap_token> tokens;
  for (const auto& k : keys) {
    cxmap_token t{};
    t.key = ToC(k);
    tokens.push_back(t);
  }
  TextAnalysis a;
  a.tokens = tokens;
  EXPECT_EQ(ModelTokens(a), "giao hang cham qua ! 😡 不好");
  EXPECT_EQ(ModelTokens(a, 1, 2), "cham qua");
  EXPECT_EQ(ModelTokens(a, 6, 99), "不好");
  EXPECT_EQ(ModelTokens(TextAnalysis{}), "");
}

}  // namespace
}  // namespace cxmap::sentiment
