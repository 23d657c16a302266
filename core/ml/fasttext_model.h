// SPDX-License-Identifier: Apache-2.0
// A supervised text classifier on fastText (Debian libfasttext-dev),
// trained and queried in-process. This file pair is the only place that
// calls fastText, and the only place where its exceptions become Status.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/ml/tokenizer.h"
#include "cxmap/status.h"

namespace fasttext {
class FastText;
}

namespace cxmap::core::ml {

/// Hyper-parameters and input of one training run. Start from
/// `ForLanguage` and override fields. `bucket` is always explicit: fastText's
/// default (2 M hash rows) gives a 400 MB model before quantisation.
struct TrainOptions {
  std::string labels_path;  ///< `label<TAB>text` file (see ReadLabelledFile)
  std::string lang;         ///< "vi", "th", "zh", "en"…; only chooses defaults
  int dim = 50;
  int epochs = 10;
  double lr = 0.5;
  int word_ngrams = 2;      ///< 1 = bag of words
  int minn = 2;             ///< character n-grams; 0 and 0 = none
  int maxn = 4;
  int bucket = 200000;      ///< hash rows for word and character n-grams
  int min_count = 1;
  int threads = 0;          ///< 0 = one per core; 1 = deterministic for a seed
  int seed = 0;
  bool quantize = true;     ///< product-quantise after training (small model)
  size_t cutoff = 20000;    ///< quantise: keep this many embedding rows (0 = all)
  bool qnorm = true;        ///< quantise norms separately
  bool retrain = true;      ///< quantise: fine-tune after pruning to `cutoff`
  size_t dsub = 2;          ///< quantise: sub-vector size
  Tokenizer tokenizer = DefaultTokenizer();
  /// Non-empty: fastText's autotune searches epochs, lr, dim, word and
  /// character n-grams and buckets for `autotune_seconds`, scoring each
  /// trial on this `label<TAB>text` file (a dev split, never test), then
  /// trains with the best. The fields above are only its starting point.
  /// Time-bounded, so not reproducible: train again with the chosen
  /// settings (TrainStats::chosen) for a model that is.
  std::string autotune_path;
  int autotune_seconds = 300;

  /// Defaults tuned on the dev splits (bench/train_eval.sh). Unknown
  /// languages get the generic defaults above. `lang` may be a BCP 47 tag
  /// ("zh-Hant" counts as "zh").
  static TrainOptions ForLanguage(std::string_view lang);
};

/// What a training run saw.
struct TrainStats {
  long rows = 0;                            ///< rows trained on
  long skipped = 0;                         ///< malformed lines plus rows with no token
  std::map<std::string, long> label_counts; ///< normalised label -> rows
  long vocabulary = 0;                      ///< distinct tokens kept by fastText
  double train_seconds = 0;                 ///< training plus quantisation
  /// The settings the model was trained with (autotune's choice, if any).
  struct Chosen {
    int dim = 0, epochs = 0, word_ngrams = 0, minn = 0, maxn = 0, bucket = 0;
    double lr = 0;
  } chosen;
  bool autotuned = false;
};

/// The top label for a text and its probability (softmax, 0..1). `label` is
/// empty when the text has no token the model knows or could hash.
struct Prediction {
  std::string label;
  double probability = 0;
};

/// A trained or loaded fastText classifier plus the tokenizer it expects.
/// Owns the model. Movable, not copyable. After Train/Load succeeds,
/// `Predict` and `Save` may be called from any number of threads at once
/// (fastText's predict is const and keeps its scratch state per call;
/// checked in fastText 0.9.2 fasttext.cc/model.cc). Train/Load must not run
/// concurrently with anything else on the same object.
class FastTextModel {
 public:
  /// An empty model; `tokenizer` must be the one the model was trained with.
  explicit FastTextModel(Tokenizer tokenizer = DefaultTokenizer());
  ~FastTextModel();
  FastTextModel(FastTextModel&&) noexcept;
  FastTextModel& operator=(FastTextModel&&) noexcept;

  /// Trains on `options.labels_path` in-process: rows are shuffled (seeded
  /// by `options.seed`; some sets are sorted by label) and converted to
  /// fastText's `__label__X tokens` form in a temporary file (removed
  /// afterwards), trained, then quantised when `options.quantize`. Fills
  /// `stats` when given. Errors: the file's (kNotFound, kIoError,
  /// kInvalidArgument for no usable rows or bad options), or kInternal
  /// with fastText's message (e.g. fewer than 256 embedding rows to quantise).
  static Result<FastTextModel> Train(const TrainOptions& options, TrainStats* stats = nullptr);

  /// Loads a model written by `Save` (or by the fastText tool). Errors:
  /// kNotFound when `path` does not exist; kInvalidArgument naming `path`
  /// when it is not a fastText model or not a supervised classifier.
  Status Load(const std::string& path);

  /// Writes the model to `path` (through `path.tmp` and a rename). kIoError
  /// naming the file on failure; kInvalidArgument when nothing is loaded.
  Status Save(const std::string& path) const;

  /// Tokenizes `text` and returns the most probable label. Thread-safe.
  /// kInvalidArgument when no model is loaded; kInternal if fastText throws.
  Result<Prediction> Predict(std::string_view text) const;

  /// Same, for text already passed through the tokenizer.
  Result<Prediction> PredictTokens(const std::string& tokens) const;

  bool loaded() const { return model_ != nullptr; }
  bool quantized() const;
  /// The model's labels without fastText's `__label__` prefix.
  std::vector<std::string> labels() const;
  const Tokenizer& tokenizer() const { return tokenizer_; }

 private:
  std::shared_ptr<fasttext::FastText> model_;  // shared: fastText's Autotune takes one
  Tokenizer tokenizer_;
};

}  // namespace cxmap::core::ml
