// SPDX-License-Identifier: Apache-2.0
#include "core/app/cmd_train.h"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/ml/fasttext_model.h"
#include "core/ml/labelled_file.h"
#include "core/report/eval_metrics.h"

namespace cxmap::core {
namespace {

ml::TrainOptions MakeTrainOptions(const TrainCommandOptions& o, unsigned app_threads) {
  ml::TrainOptions t = ml::TrainOptions::ForLanguage(o.lang);
  t.labels_path = o.labels;
  if (o.epochs) t.epochs = *o.epochs;
  if (o.dim) t.dim = *o.dim;
  if (o.word_ngrams) t.word_ngrams = *o.word_ngrams;
  if (o.minn) t.minn = *o.minn;
  if (o.maxn) t.maxn = *o.maxn;
  if (o.bucket) t.bucket = *o.bucket;
  if (o.min_count) t.min_count = *o.min_count;
  if (o.seed) t.seed = *o.seed;
  if (o.lr) t.lr = *o.lr;
  if (o.cutoff) t.cutoff = *o.cutoff;
  t.threads = o.threads ? *o.threads : static_cast<int>(app_threads);
  t.quantize = !o.no_quantize;
  t.autotune_path = o.autotune;
  t.autotune_seconds = o.autotune_seconds;
  return t;
}

// Scores `model` on a labelled file; rows the model cannot place count as
// predicted "none".
Result<EvalScores> Evaluate(const ml::FastTextModel& model, const std::string& path,
                            const std::string& lang) {
  Result<ml::LabelledFile> file = ml::ReadLabelledFile(path);
  if (!file.ok()) return file.status();
  EvalAccumulator acc;
  for (const ml::LabelledText& row : file->rows) {
    Result<ml::Prediction> p = model.Predict(row.text);
    if (!p.ok()) return p.status();
    acc.Add(row.label, p->label.empty() ? "none" : p->label, lang);
  }
  return acc.Overall();
}

void PrintText(const TrainCommandOptions& o, const ml::TrainStats& st, uintmax_t bytes,
               const std::optional<EvalScores>& scores) {
  fmt::print("trained {} rows ({} skipped) in {:.1f} s, vocabulary {}\n", st.rows, st.skipped,
             st.train_seconds, st.vocabulary);
  for (const auto& [label, n] : st.label_counts) fmt::print("  {:<10} {}\n", label, n);
  const ml::TrainStats::Chosen& c = st.chosen;
  fmt::print("{}: --epochs {} --lr {:.4g} --dim {} --word-ngrams {} --minn {} --maxn {} --bucket {}\n",
             st.autotuned ? "autotune chose" : "settings", c.epochs, c.lr, c.dim, c.word_ngrams,
             c.minn, c.maxn, c.bucket);
  fmt::print("model {} ({:.0f} KB)\n", o.output, bytes / 1024.0);
  if (!scores) return;
  fmt::print("eval {}: n {}, accuracy {:.4f}, macro-F1 {:.4f}, pos-vs-neg accuracy {:.4f} "
             "(n {})\n",
             o.eval, scores->n, scores->accuracy, scores->macro_f1, scores->polar_accuracy,
             scores->polar_n);
}

void PrintJson(const TrainCommandOptions& o, const ml::TrainStats& st, uintmax_t bytes,
               const std::optional<EvalScores>& scores) {
  nlohmann::ordered_json j;
  j["lang"] = o.lang;
  j["labels"] = o.labels;
  j["rows"] = st.rows;
  j["skipped"] = st.skipped;
  j["label_counts"] = st.label_counts;
  j["vocabulary"] = st.vocabulary;
  j["train_seconds"] = st.train_seconds;
  const ml::TrainStats::Chosen& c = st.chosen;
  j["autotuned"] = st.autotuned;
  j["settings"] = {{"epochs", c.epochs}, {"lr", c.lr},       {"dim", c.dim},
                   {"word_ngrams", c.word_ngrams}, {"minn", c.minn}, {"maxn", c.maxn},
                   {"bucket", c.bucket}};
  j["model"] = o.output;
  j["model_bytes"] = bytes;
  if (scores) {
    j["eval_file"] = o.eval;
    j["eval"] = ScoresToJson(*scores);
  }
  fmt::print("{}\n", j.dump());
}

}  // namespace

int RunTrain(AppContext& app, const TrainCommandOptions& options) {
  if (options.lang.empty() || options.labels.empty() || options.output.empty()) {
    return ReportError(Status::InvalidArgument("train needs --lang, --labels and -o/--output"));
  }
  ml::TrainStats stats;
  Result<ml::FastTextModel> model =
      ml::FastTextModel::Train(MakeTrainOptions(options, app.options().threads), &stats);
  if (!model.ok()) return ReportError(model.status());
  if (Status s = model->Save(options.output); !s.ok()) return ReportError(s);
  std::error_code ec;
  uintmax_t bytes = std::filesystem::file_size(options.output, ec);
  std::optional<EvalScores> scores;
  if (!options.eval.empty()) {
    Result<EvalScores> r = Evaluate(*model, options.eval, options.lang);
    if (!r.ok()) return ReportError(r.status());
    scores = std::move(r).value();
  }
  if (options.json) {
    PrintJson(options, stats, ec ? 0 : bytes, scores);
  } else {
    PrintText(options, stats, ec ? 0 : bytes, scores);
  }
  return kExitOk;
}

}  // namespace cxmap::core
