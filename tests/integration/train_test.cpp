// SPDX-License-Identifier: Apache-2.0
// `cxmap train` through the real binary: the --json contract, the nblr
// learner's per-language defaults and options, refusal of the other
// learner's options, and the trained model used by analysis_sentiment.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "../unit/ml/tiny_sentiment_corpus.h"
#include "cli_runner.h"

namespace cxmap::testing {
namespace {

using core::ml::testdata::Languages;

// English rows of the tiny corpus: pairs (subject i, predicate j) with
// (i + j) % 5 == 0 go to `held`, the rest to `train` and (a copy) `dev`.
class TrainCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& en = Languages().front();
    std::ofstream train(dir_ / "train.tsv"), dev(dir_ / "dev.tsv"), held(dir_ / "held.tsv");
    for (size_t i = 0; i < en.subjects.size(); ++i) {
      for (size_t j = 0; j < en.positive.size(); ++j) {
        std::string rows = std::string("positive\t") + en.subjects[i] + " " + en.positive[j] + "\n" +
                           "negative\t" + en.subjects[i] + " " + en.negative[j] + "\n";
        if ((i + j) % 5 == 0) {
          held << rows, held_rows_ += 2;
        } else {
          train << rows, dev << rows;
        }
      }
    }
  }

  nlohmann::json Train(const std::string& extra, int want_exit = 0) {
    RunResult r = RunCxmap("--threads 1 -q train --json --lang en --labels " + Quote(dir_ / "train.tsv") +
                           " --eval " + Quote(dir_ / "held.tsv") + " -o " + Quote(dir_ / "model.bin") +
                           " " + extra);
    EXPECT_EQ(r.exit_code, want_exit) << r.err;
    if (r.exit_code != 0) {
      err_ = r.err;
      return nullptr;
    }
    return nlohmann::json::parse(r.out);
  }

  TempDir dir_;
  int held_rows_ = 0;
  std::string err_;
};

TEST_F(TrainCli, EnglishDefaultsToNblrWithCharacterNgrams) {
  // --min-df 1: each predicate is in four training rows, under the English default of 5.
  nlohmann::json j = Train("--min-df 1 --dev " + Quote(dir_ / "dev.tsv"));
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j["learner"], "nblr");
  EXPECT_EQ(j["label_counts"]["negative"], j["label_counts"]["positive"]) << j.dump();
  EXPECT_EQ(j["rows"], 2 * j["label_counts"]["positive"].get<int>());
  EXPECT_EQ(j["settings"]["char_ngrams"], true);
  EXPECT_EQ(j["settings"]["min_df"], 1);
  EXPECT_EQ(j["dev"].size(), 8u);  // one entry per C of the grid
  EXPECT_EQ(j["eval"]["n"], held_rows_);
  EXPECT_GE(j["eval"]["accuracy"].get<double>(), 1.0 - 2.0 / held_rows_) << j["eval"].dump();
  long with_chars = j["vocabulary"];

  nlohmann::json words = Train("--min-df 1 --cost 3 --char-ngrams false");
  ASSERT_FALSE(words.is_null());
  EXPECT_EQ(words["settings"]["char_ngrams"], false);
  EXPECT_EQ(words["settings"]["cost"], 3.0);
  EXPECT_LT(words["vocabulary"].get<long>(), with_chars);
}

TEST_F(TrainCli, TheOtherLearnersOptionsAreRefused) {
  EXPECT_TRUE(Train("--learner fasttext --char-ngrams true", 2).is_null());
  EXPECT_NE(err_.find("--char-ngrams"), std::string::npos) << err_;
  EXPECT_TRUE(Train("--learner nblr --epochs 5", 2).is_null());
  EXPECT_NE(err_.find("fastText options"), std::string::npos) << err_;
}

TEST_F(TrainCli, TheSentimentPluginUsesTheTrainedModel) {
  ASSERT_FALSE(Train("--min-df 1").is_null());
  RunResult r = RunCxmap("-q -o analysis_sentiment.model=en=" + Quote(dir_ / "model.bin") + " classify --jsonl",
                         "the app made me angry\nthe food was great\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  const char* want[] = {"negative", "positive"};
  for (const char* label : want) {
    ASSERT_TRUE(std::getline(lines, line));
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j["sentiment"]["label"], label) << line;
    EXPECT_NE(j["sentiment"]["evidence"].dump().find("model:en"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace cxmap::testing
