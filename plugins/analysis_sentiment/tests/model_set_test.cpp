// SPDX-License-Identifier: Apache-2.0
// The `model` option: parsing, load errors, prediction with tiny models
// (fastText trained here; a linear model written byte by byte), and the
// tokens a model is queried with.
#include "model_set.h"

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <iterator>
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
  // A cxmap linear model (cxmap/linear_model.h) over the same made-up
  // words, built from the documented layout: the plugin may not link the
  // core's writer, and a second writer checks the layout independently.
  // labels: sorted; terms: sorted; weights[l][t]: +3 for the label's words.
  std::string WriteLinear(const std::string& name, const std::vector<std::string>& labels,
                          const std::vector<std::vector<float>>& weights) {
    const std::vector<std::string> terms = {"blick", "frub", "glim", "wesk", "zorp"};
    std::string b = "CXLINMOD";
    auto u32 = [&](uint32_t v) {
      for (int i = 0; i < 4; ++i) b.push_back(static_cast<char>(v >> (8 * i)));
    };
    auto f32 = [&](float f) { u32(std::bit_cast<uint32_t>(f)); };
    auto str = [&](const std::string& s) { u32(static_cast<uint32_t>(s.size())), b += s; };
    u32(1), u32(1), u32(1);  // version, unigrams, sublinear tf
    u32(static_cast<uint32_t>(labels.size()));
    for (const auto& l : labels) str(l);
    u32(static_cast<uint32_t>(terms.size()));
    for (const auto& t : terms) str(t), f32(1.0f);
    for (const auto& w : weights) {
      f32(-1.0f);
      for (size_t t = 0; t < terms.size(); ++t) f32(1.0f);
      for (float v : w) f32(v);
    }
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << b;
    return path;
  }
  std::string WriteLinearSentiment(const std::string& name) {
    //                                   blick frub glim wesk zorp
    return WriteLinear(name, {"negative", "neutral", "positive"},
                       {{3, 3, -1, -1, -1}, {-1, -1, -1, 3, -1}, {-1, -1, 3, -1, 3}});
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

TEST_F(ModelSetTest, LinearModelsAreToldApartByTheirMagicBytes) {
  // The extension says fastText; the content decides.
  std::string linear = WriteLinearSentiment("model.ftz");
  std::string ft = TrainSentiment("ft");
  auto set = ModelSet::Load("vi=" + linear + ",th=" + ft);
  ASSERT_TRUE(set.ok()) << set.status().message();
  auto pos = set->Predict("vi", "zorp glim");
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(pos->label, "positive");
  EXPECT_GT(pos->score, 0.3);
  EXPECT_GT(pos->probability, 0.5);
  auto neg = set->Predict("vi", "the blick was frub");
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ(neg->label, "negative");
  EXPECT_LT(neg->score, -0.3);
  auto neu = set->Predict("vi", "wesk");
  ASSERT_TRUE(neu.ok());
  EXPECT_EQ(neu->label, "neutral");
  EXPECT_GT(neu->neutral, 0.5);
  EXPECT_LT(std::abs(neu->score), 0.1) << "positive and negative equally unlikely";
  auto unknown = set->Predict("vi", "nothing known here");
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->label, "") << "no known term: the lexicon decides";
  EXPECT_EQ(set->Predict("th", "zorp glim")->label, "positive");  // fastText beside it
}

TEST_F(ModelSetTest, DamagedOrNonSentimentLinearModelsAreRefused) {
  std::string good = WriteLinearSentiment("good.bin");
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string cut = (dir_ / "cut.bin").string();
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 3);
  auto bad = ModelSet::Load("vi=" + cut);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find(cut), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("are left"), std::string::npos) << bad.status().message();

  std::string topics = WriteLinear("topics.bin", {"delivery", "price"},
                                   {{3, 3, -1, -1, -1}, {-1, -1, 3, 3, 3}});
  auto other = ModelSet::Load("vi=" + topics);
  EXPECT_EQ(other.status().code(), Code::kInvalidArgument);
  EXPECT_NE(other.status().message().find("not a sentiment model"), std::string::npos)
      << other.status().message();
}

TEST_F(ModelSetTest, BundledFolderTakesLinearModelsAndAveragesTwoForOneGroup) {
  fs::create_directories(dir_ / "bundled");
  WriteLinearSentiment("bundled/model_vi.bin");
  auto set = ModelSet::LoadBundled((dir_ / "bundled").string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_TRUE(set->Has("vi"));
  EXPECT_FALSE(set->Has("zh"));
  auto alone = set->Predict("vi", "zorp glim");
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->label, "positive");
  // A second model for the group that reads the same words the other way
  // (its "positive" words are the first one's "negative" ones): the mean
  // of the two is undecided between positive and negative.
  //                                                     blick frub glim wesk zorp
  WriteLinear("bundled/model_vi.ftz", {"negative", "neutral", "positive"},
              {{-1, -1, 3, -1, 3}, {-1, -1, -1, 3, -1}, {3, 3, -1, -1, -1}});
  auto both = ModelSet::LoadBundled((dir_ / "bundled").string());
  ASSERT_TRUE(both.ok()) << both.status().message();
  auto mean = both->Predict("vi", "zorp glim");
  ASSERT_TRUE(mean.ok());
  EXPECT_NEAR(mean->score, 0.0, 1e-9);
  EXPECT_NEAR(mean->neutral, alone->neutral, 1e-9);
  auto neutral = both->Predict("vi", "wesk");
  ASSERT_TRUE(neutral.ok());
  EXPECT_EQ(neutral->label, "neutral");
  EXPECT_EQ(both->Predict("vi", "nothing known")->label, "") << "no model knows a token";
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
