// SPDX-License-Identifier: Apache-2.0
#include "core/ml/fasttext_model.h"

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>

#include <sstream>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "tiny_sentiment_corpus.h"

namespace cxmap::core::ml {
namespace {

namespace fs = std::filesystem;
using testdata::Language;
using testdata::Languages;


struct Example {
  std::string label, text;
};

// Pairs (subject i, predicate j) with (i + j) % 5 == 0 are held out.
void MakeExamples(std::vector<Example>& train, std::vector<Example>& test) {
  for (const Language& lang : Languages()) {
    for (size_t i = 0; i < lang.subjects.size(); ++i) {
      for (size_t j = 0; j < lang.positive.size(); ++j) {
        auto& out = (i + j) % 5 == 0 ? test : train;
        out.push_back({"pos", std::string(lang.subjects[i]) + lang.joiner + lang.positive[j]});
        out.push_back({"neg", std::string(lang.subjects[i]) + lang.joiner + lang.negative[j]});
      }
    }
  }
}

TrainOptions SmallOptions(const std::string& path, bool quantize) {
  TrainOptions o;
  o.labels_path = path;
  o.dim = 10;
  o.epochs = 30;
  o.lr = 0.5;
  o.word_ngrams = 2;
  o.minn = 2;
  o.maxn = 3;
  o.bucket = 20000;
  o.threads = 1;  // deterministic for a seed
  o.seed = 7;
  o.quantize = quantize;
  o.cutoff = 1000;
  return o;
}

class FastTextModelTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("cxmap_ml_test_" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    std::vector<Example> train;
    test_ = new std::vector<Example>();
    MakeExamples(train, *test_);
    std::ofstream out(*dir_ / "train.tsv");
    for (const Example& e : train) out << e.label << '\t' << e.text << '\n';
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
    delete test_;
  }
  static std::string Path(const char* name) { return (*dir_ / name).string(); }

  static double HeldOutAccuracy(const FastTextModel& model) {
    int correct = 0;
    for (const Example& e : *test_) {
      Result<Prediction> p = model.Predict(e.text);
      EXPECT_TRUE(p.ok()) << p.status().ToString();
      if (p.ok()) correct += p->label == (e.label == "pos" ? "positive" : "negative");
    }
    return static_cast<double>(correct) / test_->size();
  }

  static fs::path* dir_;
  static std::vector<Example>* test_;
};
fs::path* FastTextModelTest::dir_ = nullptr;
std::vector<Example>* FastTextModelTest::test_ = nullptr;

TEST_F(FastTextModelTest, QuantisedModelPredictsHeldOutSentencesAboveChance) {
  TrainStats stats;
  Result<FastTextModel> model = FastTextModel::Train(SmallOptions(Path("train.tsv"), true), &stats);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_TRUE(model->quantized());
  EXPECT_EQ(stats.rows, 160);
  EXPECT_EQ(stats.label_counts["positive"], 80);
  EXPECT_EQ(model->labels().size(), 2u);
  EXPECT_EQ(test_->size(), 40u);
  // Chance is 0.5; every held-out predicate was seen with other subjects.
  EXPECT_GE(HeldOutAccuracy(*model), 0.85);
  Result<Prediction> p = model->Predict("the delivery was great");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->label, "positive");
  EXPECT_GT(p->probability, 0.5);
  EXPECT_LE(p->probability, 1.0);
}

TEST_F(FastTextModelTest, SaveLoadRoundTripGivesIdenticalPredictions) {
  Result<FastTextModel> model = FastTextModel::Train(SmallOptions(Path("train.tsv"), true));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_TRUE(model->Save(Path("m.bin")).ok());
  FastTextModel loaded;
  ASSERT_TRUE(loaded.Load(Path("m.bin")).ok());
  EXPECT_TRUE(loaded.quantized());
  for (const Example& e : *test_) {
    Result<Prediction> a = model->Predict(e.text), b = loaded.Predict(e.text);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->label, b->label) << e.text;
    EXPECT_FLOAT_EQ(a->probability, b->probability) << e.text;
  }
}

TEST_F(FastTextModelTest, QuantisedModelIsSmallerThanUnquantised) {
  Result<FastTextModel> full = FastTextModel::Train(SmallOptions(Path("train.tsv"), false));
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_FALSE(full->quantized());
  Result<FastTextModel> small = FastTextModel::Train(SmallOptions(Path("train.tsv"), true));
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  ASSERT_TRUE(full->Save(Path("full.bin")).ok());
  ASSERT_TRUE(small->Save(Path("small.ftz")).ok());
  auto full_size = fs::file_size(Path("full.bin")), small_size = fs::file_size(Path("small.ftz"));
  EXPECT_LT(small_size * 4, full_size) << small_size << " vs " << full_size;
  EXPECT_GE(HeldOutAccuracy(*full), 0.85);
}

TEST_F(FastTextModelTest, ConcurrentPredictionsMatchSerialOnes) {
  Result<FastTextModel> model = FastTextModel::Train(SmallOptions(Path("train.tsv"), true));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  std::vector<std::string> serial;
  for (const Example& e : *test_) serial.push_back(model->Predict(e.text)->label);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < test_->size(); ++i) {
          Result<Prediction> p = model->Predict((*test_)[i].text);
          mismatches[t] += !p.ok() || p->label != serial[i];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// The wrapper must see what fastText's own predictLine sees, including the
// end-of-sentence token every training line carries.
TEST_F(FastTextModelTest, PredictionsEqualFastTextsOwnPredictLine) {
  Result<FastTextModel> model = FastTextModel::Train(SmallOptions(Path("train.tsv"), false));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_TRUE(model->Save(Path("plain.bin")).ok());
  fasttext::FastText reference;
  reference.loadModel(Path("plain.bin"));
  for (const Example& e : *test_) {
    std::istringstream in(DefaultTokenize(e.text) + "\n");
    std::vector<std::pair<fasttext::real, std::string>> expected;
    ASSERT_TRUE(reference.predictLine(in, expected, 1, 0.0));
    ASSERT_EQ(expected.size(), 1u);
    Result<Prediction> got = model->Predict(e.text);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ("__label__" + got->label, expected[0].second) << e.text;
    EXPECT_NEAR(got->probability, expected[0].first, 1e-6) << e.text;  // already exp()
  }
}

TEST_F(FastTextModelTest, LoadingANonModelFileIsAClearError) {
  std::ofstream(Path("not_a_model.bin")) << "positive\tthis is a labelled file, not a model\n";
  FastTextModel model;
  Status s = model.Load(Path("not_a_model.bin"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find(Path("not_a_model.bin")), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("not a fastText model"), std::string::npos) << s.message();
  EXPECT_FALSE(model.loaded());
  Status missing = model.Load(Path("missing.bin"));
  EXPECT_EQ(missing.code(), Code::kNotFound);
  EXPECT_FALSE(model.Predict("anything").ok());
}

TEST_F(FastTextModelTest, AutotuneChoosesSettingsOnTheDevFileAndReportsThem) {
#if defined(__SANITIZE_ADDRESS__)
  // fastText's autotune builds a dictionary per trial (a 120 MB table
  // filled each time); under ASan a 2-second budget ran for over 45 min
  // on 2026-12-07 (the CI rehearsal; gdb: every sample in
  // Dictionary::Dictionary's memset). The normal build runs this test.
  GTEST_SKIP() << "fastText autotune is too slow under AddressSanitizer to finish in CI";
#endif
  {
    std::ofstream dev(Path("dev.tsv"));
    for (const Example& e : *test_) dev << e.label << '\t' << e.text << '\n';
  }
  TrainOptions o = SmallOptions(Path("train.tsv"), false);
  o.autotune_path = Path("dev.tsv");
  o.autotune_seconds = 4;
  TrainStats stats;
  const auto start = std::chrono::steady_clock::now();
  Result<FastTextModel> model = FastTextModel::Train(o, &stats);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  // The budget holds (with a minute for the final training and a loaded
  // machine): fastText's own single abort at the deadline could be lost,
  // and a 2-second search once ran for more than 15 minutes. A loose guard:
  // the lost abort needs a loaded machine, so a quiet one passes either way.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(64));
  EXPECT_TRUE(stats.autotuned);
  EXPECT_GE(stats.chosen.epochs, 1);
  EXPECT_GT(stats.chosen.lr, 0);
  EXPECT_GE(stats.chosen.dim, 1);
  EXPECT_GE(stats.chosen.word_ngrams, 1);
  EXPECT_GE(HeldOutAccuracy(*model), 0.85);  // tuned on these rows: an upper bound

  TrainStats plain;
  ASSERT_TRUE(FastTextModel::Train(SmallOptions(Path("train.tsv"), false), &plain).ok());
  EXPECT_FALSE(plain.autotuned);
  EXPECT_EQ(plain.chosen.epochs, 30);  // the settings as given
  EXPECT_EQ(plain.chosen.dim, 10);

  o.autotune_path = Path("no_dev.tsv");
  EXPECT_EQ(FastTextModel::Train(o).status().code(), Code::kNotFound);
  o.autotune_path = Path("dev.tsv");
  o.autotune_seconds = 0;
  EXPECT_EQ(FastTextModel::Train(o).status().code(), Code::kInvalidArgument);
}

TEST_F(FastTextModelTest, TrainingErrorsAreStatuses) {
  Result<FastTextModel> missing = FastTextModel::Train(SmallOptions(Path("none.tsv"), true));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  TrainOptions no_tokens = SmallOptions(Path("train.tsv"), true);
  no_tokens.tokenizer = [](std::string_view) { return std::string(); };
  EXPECT_EQ(FastTextModel::Train(no_tokens).status().code(), Code::kInvalidArgument);
  TrainOptions bad = SmallOptions(Path("train.tsv"), true);
  bad.maxn = 1;  // below minn
  EXPECT_EQ(FastTextModel::Train(bad).status().code(), Code::kInvalidArgument);
  // fastText itself throws here (too few rows to product-quantise): caught.
  TrainOptions tiny = SmallOptions(Path("train.tsv"), true);
  tiny.word_ngrams = 1, tiny.minn = 0, tiny.maxn = 0;
  Result<FastTextModel> r = FastTextModel::Train(tiny);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("quantis"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace cxmap::core::ml
