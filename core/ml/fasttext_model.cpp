// SPDX-License-Identifier: Apache-2.0
#include "core/ml/fasttext_model.h"

#include <fasttext/args.h>
#include <fasttext/autotune.h>
#include <fasttext/fasttext.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>
#include <string_view>
#include <thread>

#include "core/ml/base_language.h"
#include "core/ml/labelled_file.h"

namespace cxmap::core::ml {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

// The one place where fastText's exceptions become Status.
template <typename Fn>
Status CallFastText(const std::string& what, Fn&& fn) {
  try {
    fn();
    return Status::Ok();
  } catch (const std::invalid_argument& e) {
    return Status::InvalidArgument(what + ": " + e.what());
  } catch (const std::ios_base::failure& e) {
    return Status::IoError(what + ": " + e.what());
  } catch (const std::exception& e) {
    return Status::Internal(what + ": " + e.what());
  } catch (...) {
    return Status::Internal(what + ": unknown exception from fastText");
  }
}

// A temporary file removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "cxmap-train-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status ValidateOptions(const TrainOptions& o) {
  if (o.dim < 1 || o.epochs < 1 || o.lr <= 0 || o.word_ngrams < 1 || o.bucket < 0 ||
      o.minn < 0 || o.maxn < o.minn || o.min_count < 1 || o.threads < 0 || o.dsub < 1) {
    return Status::InvalidArgument(
        "training options out of range (need dim, epochs, word_ngrams, min_count, dsub >= 1; "
        "lr > 0; bucket >= 0; 0 <= minn <= maxn)");
  }
  if (!o.tokenizer) return Status::InvalidArgument("training options have no tokenizer");
  return Status::Ok();
}

// Writes `__label__X tokens` lines in a shuffled order (seeded); rows whose
// text has no token are skipped. fastText reads the file in order and decays
// the learning rate linearly, so a file sorted by label (several of the
// labelled sets are) would leave the model biased towards the last label.
Status WriteFastTextInput(const LabelledFile& file, const Tokenizer& tokenizer, int seed,
                          const std::string& path, TrainStats& stats) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("cannot write temporary training file " + path);
  std::vector<size_t> order(file.rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::shuffle(order.begin(), order.end(), std::mt19937(static_cast<uint32_t>(seed)));
  for (size_t i : order) {
    const LabelledText& row = file.rows[i];
    std::string tokens = tokenizer(row.text);
    if (tokens.empty()) {
      ++stats.skipped;
      continue;
    }
    out << kLabelPrefix << row.label << ' ' << tokens << '\n';
    ++stats.rows;
    ++stats.label_counts[row.label];
  }
  out.flush();
  if (!out) return Status::IoError("error writing temporary training file " + path);
  if (stats.rows == 0) return Status::InvalidArgument("no row has any token to train on");
  return Status::Ok();
}

fasttext::Args MakeArgs(const TrainOptions& o, const std::string& input) {
  fasttext::Args a;
  a.input = input;
  a.model = fasttext::model_name::sup;
  a.loss = fasttext::loss_name::softmax;
  a.dim = o.dim;
  a.epoch = o.epochs;
  a.lr = o.lr;
  a.wordNgrams = o.word_ngrams;
  a.minn = o.minn;
  a.maxn = o.maxn;
  // Without word or character n-grams the hash rows would be unused memory.
  a.bucket = (o.word_ngrams <= 1 && o.maxn == 0) ? 0 : o.bucket;
  a.minCount = o.min_count;
  a.thread = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  a.seed = o.seed;
  a.verbose = 0;
  return a;
}

// fastText's Autotune prints its progress to std::cerr from a timer thread
// with no way to turn it off; cxmap reports on its own, so the stream is
// diverted while it runs (nothing else in the process writes to std::cerr
// during training) into this buffer, which drops the text but notes the
// line that starts the final training on the chosen settings.
class AutotuneProgress : public std::streambuf {
 public:
  static constexpr std::string_view kFinalTraining = "Training again with best arguments";

  /// `mu` is the watchdog's: the flag is set under it, so a check of
  /// final_training() and the abort that follows it under `mu` cannot
  /// straddle the start of the final training.
  explicit AutotuneProgress(std::mutex* mu) : mu_(mu), saved_(std::cerr.rdbuf(this)) {}
  ~AutotuneProgress() override {
    std::cerr.rdbuf(saved_);
    std::cerr.clear();
  }
  AutotuneProgress(const AutotuneProgress&) = delete;
  AutotuneProgress& operator=(const AutotuneProgress&) = delete;

  bool final_training() const { return final_.load(); }

 protected:
  int overflow(int c) override {
    if (c != traits_type::eof()) Note(static_cast<char>(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) Note(s[i]);
    return n;
  }

 private:
  void Note(char c) {
    tail_.push_back(c);
    if (tail_.size() > 2 * kFinalTraining.size()) {
      tail_.erase(0, tail_.size() - kFinalTraining.size());
    }
    if (!final_ && tail_.find(kFinalTraining) != std::string::npos) {
      std::lock_guard<std::mutex> lock(*mu_);
      final_ = true;
    }
  }

  std::mutex* mu_;
  std::streambuf* saved_;
  // Written by fastText's timer thread, then (after Autotune joins it) by
  // the training thread: never by both at once.
  std::string tail_;
  std::atomic<bool> final_{false};
};

// Trains `ft` with autotune; `args` is the starting point, `validation` the
// tokenised dev file. Leaves the best model in `ft`.
//
// fastText (0.9.2, Debian 12) ends the search with a single abort() from its
// timer thread. FastText::train resets the abort when its threads start, so
// an abort that lands while a trial still builds its dictionary (slow: a
// table of `bucket` rows, filled per trial) is lost, and that trial runs
// all its sampled epochs: on a loaded 2-core machine a 2-second budget ran
// for more than 15 minutes (2026-12-07). So cxmap aborts again every 0.2 s
// from one second past the budget until the final training on the chosen
// settings begins; an abort before that training's threads start is reset
// by it, so the final model is never cut short. A search whose first trial
// cannot finish within the budget then ends with fastText's own "Didn't
// have enough time to train once" instead of overrunning.
Status Autotune(const std::shared_ptr<fasttext::FastText>& ft, fasttext::Args args,
                const std::string& validation, int seconds) {
  args.autotuneValidationFile = validation;
  args.autotuneDuration = seconds;
  args.autotuneMetric = "f1";
  args.autotunePredictions = 1;
  args.autotuneModelSize = "";  // cxmap quantises afterwards with its own settings
  std::mutex mu;
  AutotuneProgress progress(&mu);
  std::condition_variable cv;
  bool done = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds + 1);
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mu);
    if (cv.wait_until(lock, deadline, [&] { return done; })) return;
    while (!done && !progress.final_training()) {
      ft->abort();
      cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return done; });
    }
  });
  Status status = CallFastText("fastText autotune", [&] {
    fasttext::Autotune tuner(ft);
    tuner.train(args);
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    done = true;
  }
  cv.notify_all();
  watchdog.join();
  return status;
}

}  // namespace

TrainOptions TrainOptions::ForLanguage(std::string_view lang) {
  TrainOptions o;
  o.lang = std::string(lang);
  std::string base = BaseLanguage(lang);
  if (base == "vi") {
    // Syllable bigrams approximate Vietnamese words; character n-grams
    // bridge spellings with and without diacritics.
    o.word_ngrams = 2, o.minn = 2, o.maxn = 4, o.epochs = 10, o.lr = 0.5;
  } else if (base == "th" || base == "zh") {
    // Tokens come from a dictionary segmenter; short character n-grams
    // recover words it split or merged. Chinese reviews (longer, cleaner)
    // did best on dev with fewer, gentler epochs.
    o.word_ngrams = 2, o.minn = 1, o.maxn = 3, o.epochs = 10, o.lr = 0.5;
    if (base == "zh") o.epochs = 5, o.lr = 0.2;
  } else if (base == "en") {
    o.word_ngrams = 2, o.minn = 3, o.maxn = 5, o.epochs = 10, o.lr = 0.5;
  }
  return o;
}

FastTextModel::FastTextModel(Tokenizer tokenizer) : tokenizer_(std::move(tokenizer)) {}
FastTextModel::~FastTextModel() = default;
FastTextModel::FastTextModel(FastTextModel&&) noexcept = default;
FastTextModel& FastTextModel::operator=(FastTextModel&&) noexcept = default;

Result<FastTextModel> FastTextModel::Train(const TrainOptions& options, TrainStats* stats) {
  CXMAP_RETURN_IF_ERROR(ValidateOptions(options));
  Result<LabelledFile> file = ReadLabelledFile(options.labels_path);
  if (!file.ok()) return file.status();
  TrainStats local;
  TrainStats& st = stats ? *stats : local;
  st = TrainStats{};
  st.skipped = file->skipped;
  TempFile input;
  if (input.path().empty()) return Status::IoError("cannot create a temporary training file");
  CXMAP_RETURN_IF_ERROR(WriteFastTextInput(*file, options.tokenizer, options.seed, input.path(), st));

  auto start = std::chrono::steady_clock::now();
  FastTextModel model(options.tokenizer);
  auto ft = std::make_shared<fasttext::FastText>();
  fasttext::Args args = MakeArgs(options, input.path());
  if (options.autotune_path.empty()) {
    CXMAP_RETURN_IF_ERROR(CallFastText("fastText training on " + options.labels_path,
                                       [&] { ft->train(args); }));
  } else {
    if (options.autotune_seconds < 1) return Status::InvalidArgument("autotune needs at least 1 second");
    Result<LabelledFile> dev = ReadLabelledFile(options.autotune_path);
    if (!dev.ok()) return dev.status();
    TempFile validation;
    if (validation.path().empty()) return Status::IoError("cannot create a temporary validation file");
    TrainStats dev_stats;
    CXMAP_RETURN_IF_ERROR(WriteFastTextInput(*dev, options.tokenizer, options.seed,
                                             validation.path(), dev_stats));
    CXMAP_RETURN_IF_ERROR(Autotune(ft, args, validation.path(), options.autotune_seconds));
    args = ft->getArgs();  // the best trial's settings; quantisation retrains with them
    st.autotuned = true;
  }
  st.chosen = {args.dim, args.epoch, args.wordNgrams, args.minn, args.maxn, args.bucket, args.lr};
  if (options.quantize) {
    fasttext::Args q = args;
    q.qout = false;  // the output matrix has one row per label: too few to quantise
    q.qnorm = options.qnorm;
    q.retrain = options.retrain;
    q.cutoff = options.cutoff;
    q.dsub = options.dsub;
    CXMAP_RETURN_IF_ERROR(CallFastText("fastText quantisation", [&] { ft->quantize(q); }));
  }
  st.train_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  st.vocabulary = ft->getDictionary()->nwords();
  model.model_ = std::move(ft);
  return model;
}

Status FastTextModel::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound("model file " + path + " does not exist or is not a file");
  }
  auto ft = std::make_unique<fasttext::FastText>();
  Status s = CallFastText("cannot load model " + path, [&] { ft->loadModel(path); });
  if (!s.ok()) {
    if (s.code() == Code::kInvalidArgument) {
      return Status::InvalidArgument(path + " is not a fastText model (" + s.message() + ")");
    }
    return s;
  }
  if (ft->getArgs().model != fasttext::model_name::sup) {
    return Status::InvalidArgument(path + " is a fastText model but not a supervised classifier");
  }
  model_ = std::move(ft);
  return Status::Ok();
}

Status FastTextModel::Save(const std::string& path) const {
  if (!model_) return Status::InvalidArgument("no model to save to " + path);
  const std::string tmp = path + ".tmp";
  Status s = CallFastText("cannot save model " + path, [&] { model_->saveModel(tmp); });
  std::error_code ec;
  if (s.ok()) {
    std::filesystem::rename(tmp, path, ec);
    if (!ec) return Status::Ok();
    s = Status::IoError("cannot save model " + path + ": " + ec.message());
  }
  std::filesystem::remove(tmp, ec);
  return s.code() == Code::kInvalidArgument ? Status::IoError(s.message()) : s;
}

Result<Prediction> FastTextModel::Predict(std::string_view text) const {
  return PredictTokens(tokenizer_(text));
}

Result<Prediction> FastTextModel::PredictTokens(const std::string& tokens) const {
  if (!model_) return Status::InvalidArgument("predict called with no model loaded");
  Prediction out;
  Status s = CallFastText("fastText predict", [&] {
    // The newline matters: training lines end with one, which fastText
    // reads as the end-of-sentence token </s>, a feature of every row.
    std::istringstream in(tokens + '\n');
    std::vector<int32_t> words, labels;
    model_->getDictionary()->getLine(in, words, labels);
    fasttext::Predictions predictions;
    model_->predict(1, words, predictions, 0.0);
    if (predictions.empty()) return;
    out.probability = std::exp(static_cast<double>(predictions.front().first));
    out.label = model_->getDictionary()->getLabel(predictions.front().second);
    if (out.label.starts_with(kLabelPrefix)) out.label.erase(0, kLabelPrefix.size());
  });
  if (!s.ok()) return s;
  return out;
}

bool FastTextModel::quantized() const { return model_ && model_->isQuant(); }

std::vector<std::string> FastTextModel::labels() const {
  std::vector<std::string> out;
  if (!model_) return out;
  auto dict = model_->getDictionary();
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string label = dict->getLabel(i);
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    out.push_back(std::move(label));
  }
  return out;
}

}  // namespace cxmap::core::ml
