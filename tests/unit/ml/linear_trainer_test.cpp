// SPDX-License-Identifier: Apache-2.0
// `cxmap train --learner nblr`: a model trained on a small hand-made set
// separates held-out sentences in four languages, is deterministic, and
// chooses C on a dev file.
#include "core/ml/linear_trainer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/ml/linear_model_writer.h"
#include "tiny_sentiment_corpus.h"

namespace cxmap::core::ml {
namespace {

namespace fs = std::filesystem;

using testdata::Language;
using testdata::Languages;

class LinearTrainerTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) / ("cxmap_nblr_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    std::ofstream train(Path("train.tsv")), test(Path("test.tsv"));
    // Pairs (subject i, predicate j) with (i + j) % 5 == 0 are held out.
    for (const Language& lang : Languages()) {
      for (size_t i = 0; i < lang.subjects.size(); ++i) {
        for (size_t j = 0; j < lang.positive.size(); ++j) {
          std::ofstream& out = (i + j) % 5 == 0 ? test : train;
          out << "pos\t" << lang.subjects[i] << lang.joiner << lang.positive[j] << "\n";
          out << "neg\t" << lang.subjects[i] << lang.joiner << lang.negative[j] << "\n";
          if ((i + j) % 5 != 0) held_in_++;
        }
      }
    }
    train << "no tab on this line\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  LinearTrainOptions Options() const {
    LinearTrainOptions o;
    o.labels_path = Path("train.tsv");
    o.min_df = 1;  // every predicate occurs in at most five rows
    o.c = 4;
    return o;
  }

  fs::path dir_;
  int held_in_ = 0;
};

TEST_F(LinearTrainerTest, SeparatesHeldOutSentences) {
  LinearTrainStats st;
  auto m = TrainLinearModel(Options(), &st);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(st.rows, 2 * held_in_);
  EXPECT_EQ(st.skipped, 1);
  EXPECT_EQ(st.label_counts.at("positive"), held_in_);
  EXPECT_EQ(m->labels(), (std::vector<std::string>{"negative", "positive"}));
  EXPECT_GT(st.vocabulary, 50);
  std::ifstream test(Path("test.tsv"));
  std::string line;
  int n = 0, right = 0;
  while (std::getline(test, line)) {
    std::string gold = line.substr(0, line.find('\t')) == "pos" ? "positive" : "negative";
    std::string text = line.substr(line.find('\t') + 1);
    right += PredictLinearLabel(*m, DefaultTokenizer(), text) == gold;
    ++n;
  }
  EXPECT_EQ(n, int(2 * 4 * Languages().size()));  // 4 held-out pairs per polarity
  EXPECT_GE(right, n - 2) << right << "/" << n << " held-out sentences";
}

TEST_F(LinearTrainerTest, CharacterNgramsLearnAndSurviveTheFile) {
  LinearTrainOptions o = Options();
  o.flags |= kLinearCharNgrams;
  LinearTrainStats words_only, with_chars;
  ASSERT_TRUE(TrainLinearModel(Options(), &words_only).ok());
  auto m = TrainLinearModel(o, &with_chars);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_GT(with_chars.vocabulary, words_only.vocabulary);
  EXPECT_TRUE(IsLinearCharTerm(m->data().terms.front()));
  // Written and read back, the model gives the same probabilities.
  auto back = LinearModel::FromData(*ParseLinearModel(SerializeLinearModel(m->data()), "mem"), "mem");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  std::ifstream test(Path("test.tsv"));
  std::string line;
  int n = 0, right = 0;
  while (std::getline(test, line)) {
    std::string gold = line.substr(0, line.find('\t')) == "pos" ? "positive" : "negative";
    std::string tokens = DefaultTokenize(line.substr(line.find('\t') + 1));
    EXPECT_EQ(m->Probabilities(tokens), back->Probabilities(tokens)) << tokens;
    std::vector<double> p = back->Probabilities(tokens);
    right += back->labels()[p[1] > p[0] ? 1 : 0] == gold;
    ++n;
  }
  EXPECT_GE(right, n - 2) << right << "/" << n << " held-out sentences";
}

TEST(LinearTrainOptions, EnglishAloneAddsCharacterNgrams) {
  for (const char* lang : {"en", "en-US", "EN_gb"}) {
    LinearTrainOptions o = LinearTrainOptions::ForLanguage(lang);
    EXPECT_TRUE(o.flags & kLinearCharNgrams) << lang;
    EXPECT_EQ(o.min_df, 5) << lang;
  }
  for (const char* lang : {"vi", "th", "zh", "zh-Hant", "und", "eng"}) {
    LinearTrainOptions o = LinearTrainOptions::ForLanguage(lang);
    EXPECT_FALSE(o.flags & kLinearCharNgrams) << lang;
    EXPECT_EQ(o.min_df, LinearTrainOptions{}.min_df) << lang;
  }
}

TEST_F(LinearTrainerTest, SameInputGivesTheSameBytes) {
  auto a = TrainLinearModel(Options());
  auto b = TrainLinearModel(Options());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(SerializeLinearModel(a->data()), SerializeLinearModel(b->data()));
}

TEST_F(LinearTrainerTest, DevFileChoosesCFromTheGrid) {
  LinearTrainOptions o = Options();
  o.dev_path = Path("test.tsv");  // a stand-in dev file for this test only
  o.c_grid = {8, 0.01, 1};
  LinearTrainStats st;
  auto m = TrainLinearModel(o, &st);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(st.dev_accuracy.size(), 3u);
  EXPECT_EQ(st.dev_accuracy[0].first, 0.01);  // ascending
  double best = 0;
  for (auto [c, acc] : st.dev_accuracy) best = std::max(best, acc);
  for (auto [c, acc] : st.dev_accuracy) {
    if (c == st.chosen_c) {
      EXPECT_EQ(acc, best);
    }
  }
  EXPECT_GT(best, 0.9);
}

TEST_F(LinearTrainerTest, BadInputIsAnError) {
  LinearTrainOptions o = Options();
  o.labels_path = Path("missing.tsv");
  EXPECT_EQ(TrainLinearModel(o).status().code(), Code::kNotFound);

  std::ofstream(Path("one.tsv")) << "pos\tgood\npos\tgreat\n";
  o.labels_path = Path("one.tsv");
  auto one = TrainLinearModel(o);
  EXPECT_EQ(one.status().code(), Code::kInvalidArgument);
  EXPECT_NE(one.status().message().find("two labels"), std::string::npos);

  o = Options();
  o.min_df = 1000;
  EXPECT_NE(TrainLinearModel(o).status().message().find("no term"), std::string::npos);
  o = Options();
  o.max_df = 0;
  EXPECT_EQ(TrainLinearModel(o).status().code(), Code::kInvalidArgument);
  o = Options();
  o.c = -1;  // liblinear's check_parameter refuses it
  auto neg = TrainLinearModel(o);
  EXPECT_EQ(neg.status().code(), Code::kInvalidArgument);
  EXPECT_NE(neg.status().message().find("liblinear"), std::string::npos) << neg.status().message();
}

}  // namespace
}  // namespace cxmap::core::ml
