// SPDX-License-Identifier: Apache-2.0
#include "core/app/cmd_train.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/ml/base_language.h"
#include "core/ml/fasttext_model.h"
#include "core/ml/labelled_file.h"
#include "core/ml/linear_model_writer.h"
#include "core/util/files.h"
#include "core/ml/linear_trainer.h"
#include "core/report/eval_metrics.h"

namespace cxmap::core {
namespace {

// What either learner hands back: how to label a raw text, and what it
// saw, in the `--json` shape (lang, learner and labels come first, model,
// model_bytes and eval after) and as text lines.
struct Trained {
  std::function<Result<std::string>(std::string_view)> predict;
  nlohmann::ordered_json json;
  std::string text;
};

void AddCommonJson(nlohmann::ordered_json& j, long rows, long skipped,
                   const std::map<std::string, long>& counts, long vocabulary, double seconds) {
  j["rows"] = rows;
  j["skipped"] = skipped;
  j["label_counts"] = counts;
  j["vocabulary"] = vocabulary;
  j["train_seconds"] = seconds;
}

std::string CommonText(long rows, long skipped, const std::map<std::string, long>& counts,
                       long vocabulary, double seconds) {
  std::string s = fmt::format("trained {} rows ({} skipped) in {:.1f} s, vocabulary {}\n", rows,
                              skipped, seconds, vocabulary);
  for (const auto& [label, n] : counts) s += fmt::format("  {:<10} {}\n", label, n);
  return s;
}

ml::TrainOptions MakeFastTextOptions(const TrainCommandOptions& o, unsigned app_threads) {
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

Result<Trained> TrainFastText(const TrainCommandOptions& o, unsigned app_threads) {
  ml::TrainStats st;
  Result<ml::FastTextModel> model = ml::FastTextModel::Train(MakeFastTextOptions(o, app_threads), &st);
  if (!model.ok()) return model.status();
  CXMAP_RETURN_IF_ERROR(model->Save(o.output));
  Trained t;
  auto shared = std::make_shared<ml::FastTextModel>(std::move(model).value());
  t.predict = [shared](std::string_view text) -> Result<std::string> {
    Result<ml::Prediction> p = shared->Predict(text);
    if (!p.ok()) return p.status();
    return p->label.empty() ? std::string("none") : p->label;  // no known token
  };
  AddCommonJson(t.json, st.rows, st.skipped, st.label_counts, st.vocabulary, st.train_seconds);
  const ml::TrainStats::Chosen& c = st.chosen;
  t.json["autotuned"] = st.autotuned;
  t.json["settings"] = {{"epochs", c.epochs}, {"lr", c.lr},       {"dim", c.dim},
                        {"word_ngrams", c.word_ngrams}, {"minn", c.minn}, {"maxn", c.maxn},
                        {"bucket", c.bucket}};
  t.text = CommonText(st.rows, st.skipped, st.label_counts, st.vocabulary, st.train_seconds) +
           fmt::format("{}: --epochs {} --lr {:.4g} --dim {} --word-ngrams {} --minn {} --maxn {} "
                       "--bucket {}\n",
                       st.autotuned ? "autotune chose" : "settings", c.epochs, c.lr, c.dim,
                       c.word_ngrams, c.minn, c.maxn, c.bucket);
  return t;
}

Result<Trained> TrainNblr(const TrainCommandOptions& o) {
  ml::LinearTrainOptions lo = ml::LinearTrainOptions::ForLanguage(o.lang);
  lo.labels_path = o.labels;
  lo.dev_path = o.dev;
  if (o.cost) lo.c = *o.cost, lo.c_grid = {*o.cost};
  if (o.min_df) lo.min_df = *o.min_df;
  if (o.max_df) lo.max_df = *o.max_df;
  if (o.ngrams) lo.max_ngram = static_cast<uint32_t>(*o.ngrams);
  if (o.char_ngrams) lo.flags = *o.char_ngrams ? lo.flags | kLinearCharNgrams : lo.flags & ~kLinearCharNgrams;
  ml::LinearTrainStats st;
  Result<LinearModel> model = ml::TrainLinearModel(lo, &st);
  if (!model.ok()) return model.status();
  CXMAP_RETURN_IF_ERROR(WriteFileAtomically(o.output, ml::SerializeLinearModel(model->data())));
  Trained t;
  auto shared = std::make_shared<LinearModel>(std::move(model).value());
  t.predict = [shared, tokenizer = lo.tokenizer](std::string_view text) -> Result<std::string> {
    return ml::PredictLinearLabel(*shared, tokenizer, text);
  };
  AddCommonJson(t.json, st.rows, st.skipped, st.label_counts, st.vocabulary, st.train_seconds);
  t.json["autotuned"] = false;
  t.json["settings"] = {{"cost", st.chosen_c},
                        {"min_df", lo.min_df},
                        {"max_df", lo.max_df},
                        {"ngrams", lo.max_ngram},
                        {"sublinear_tf", (lo.flags & kLinearSublinearTf) != 0},
                        {"renormalise", (lo.flags & kLinearRenormalise) != 0},
                        {"char_ngrams", (lo.flags & kLinearCharNgrams) != 0}};
  std::string dev_text;
  if (!o.dev.empty()) {
    t.json["dev_file"] = o.dev;
    nlohmann::ordered_json grid = nlohmann::ordered_json::array();
    for (auto [c, acc] : st.dev_accuracy) {
      grid.push_back({{"cost", c}, {"accuracy", acc}});
      dev_text += fmt::format("  dev --cost {:g}: accuracy {:.4f}\n", c, acc);
    }
    t.json["dev"] = grid;
  }
  t.text = CommonText(st.rows, st.skipped, st.label_counts, st.vocabulary, st.train_seconds) +
           dev_text +
           fmt::format("{}: --cost {:g} --min-df {} --max-df {:g} --ngrams {} --char-ngrams {}\n",
                       o.dev.empty() ? "settings" : "dev chose", st.chosen_c, lo.min_df, lo.max_df,
                       lo.max_ngram, (lo.flags & kLinearCharNgrams) != 0);
  return t;
}

// Scores `predict` on a labelled file.
Result<EvalScores> Evaluate(const Trained& t, const std::string& path, const std::string& lang) {
  Result<ml::LabelledFile> file = ml::ReadLabelledFile(path);
  if (!file.ok()) return file.status();
  EvalAccumulator acc;
  for (const ml::LabelledText& row : file->rows) {
    Result<std::string> p = t.predict(row.text);
    if (!p.ok()) return p.status();
    acc.Add(row.label, *p, lang);
  }
  return acc.Overall();
}

bool HasFastTextOptions(const TrainCommandOptions& o) {
  return o.epochs || o.dim || o.word_ngrams || o.minn || o.maxn || o.bucket || o.min_count ||
         o.lr || o.cutoff || o.seed || o.no_quantize || !o.autotune.empty();
}
bool HasNblrOptions(const TrainCommandOptions& o) {
  return !o.dev.empty() || o.cost || o.min_df || o.max_df || o.ngrams || o.char_ngrams;
}
constexpr const char* kFastTextOptions =
    "--epochs, --lr, --dim, --word-ngrams, --minn, --maxn, --bucket, --min-count, --cutoff, "
    "--seed, --no-quantize, --autotune";
constexpr const char* kNblrOptions = "--dev, --cost, --min-df, --max-df, --ngrams, --char-ngrams";

// The learner to use: --learner; else the one whose options were given
// (so commands written before nblr existed still train fastText); else the
// language's default. Options of one learner given to the other are
// mistakes, not no-ops.
Result<std::string> ChooseLearner(const TrainCommandOptions& o) {
  bool ft = HasFastTextOptions(o), nb = HasNblrOptions(o);
  std::string learner = !o.learner.empty() ? o.learner
                        : ft              ? "fasttext"
                        : nb              ? "nblr"
                                          : DefaultLearner(o.lang);
  if (learner != "fasttext" && learner != "nblr") {
    return Status::InvalidArgument("train: unknown --learner '" + learner + "' (fasttext or nblr)");
  }
  if (ft && nb) {
    return Status::InvalidArgument(fmt::format("train: fastText options ({}) and nblr options ({}) "
                                               "cannot be mixed", kFastTextOptions, kNblrOptions));
  }
  if (learner == "nblr" && ft) {
    return Status::InvalidArgument(
        fmt::format("train --learner nblr: fastText options ({}) do not apply", kFastTextOptions));
  }
  if (learner == "fasttext" && nb) {
    return Status::InvalidArgument(fmt::format(
        "train --learner fasttext: nblr options ({}) do not apply; fastText tunes with --autotune",
        kNblrOptions));
  }
  return learner;
}

}  // namespace

std::string DefaultLearner(const std::string& lang) {
  // Dev accuracy, nblr vs fastText at the bench's chosen settings
  // (bench/train_eval.sh): th .729 / .700, vi UIT .912 / .903 and aivivn
  // .902 / .891, zh waimai .899 / .898 and online_shopping .937 / .926,
  // en airline .816 / .812 (.827 with the English character n-grams).
  // Other languages were not measured.
  std::string base = ml::BaseLanguage(lang);
  if (base == "th" || base == "vi" || base == "zh" || base == "yue" || base == "en") return "nblr";
  return "fasttext";
}

CLI::App* AddTrainCommand(CLI::App& app, TrainCommandOptions& o) {
  auto* train = app.add_subcommand("train", "Train a supervised sentiment model (fastText or nblr)");
  train->add_option("--lang", o.lang, "Language whose defaults to use: vi, th, zh, en")->required();
  train->add_option("--labels", o.labels, "label<TAB>text training file")->required();
  train->add_option("-o,--output", o.output, "Model file to write")->required();
  train->add_option("--eval", o.eval, "label<TAB>text file to score the model on");
  train->add_flag("--json", o.json, "JSON output");
  train->add_option("--learner", o.learner,
                    "fasttext, or nblr (NB-scaled tf-idf + logistic regression); default per language");
  train->add_option("--epochs", o.epochs, "fastText: training epochs");
  train->add_option("--lr", o.lr, "fastText: learning rate");
  train->add_option("--dim", o.dim, "fastText: vector dimension");
  train->add_option("--word-ngrams", o.word_ngrams, "fastText: word n-gram length");
  train->add_option("--minn", o.minn, "fastText: shortest character n-gram (0 = none)");
  train->add_option("--maxn", o.maxn, "fastText: longest character n-gram");
  train->add_option("--bucket", o.bucket, "fastText: hash buckets for n-grams (model size)");
  train->add_option("--min-count", o.min_count, "fastText: minimum word count");
  train->add_option("--cutoff", o.cutoff, "fastText: vocabulary kept when quantising");
  train->add_option("--seed", o.seed, "fastText: random seed (nblr draws no random numbers)");
  train->add_flag("--no-quantize", o.no_quantize, "fastText: keep the full-size model");
  train->add_option("--autotune", o.autotune,
                    "fastText: label<TAB>text dev file for autotune to choose the settings "
                    "(not reproducible; retrain with the printed choice)");
  train->add_option("--autotune-seconds", o.autotune_seconds,
                    "fastText: how long autotune searches (default 300)")
      ->check(CLI::PositiveNumber);
  train->add_option("--dev", o.dev, "nblr: label<TAB>text dev file to choose --cost on (never test)");
  train->add_option("--cost", o.cost, "nblr: inverse L2 strength C (skips the dev grid)")
      ->check(CLI::PositiveNumber);
  train->add_option("--min-df", o.min_df, "nblr: keep terms in at least this many rows (default 3)");
  train->add_option("--max-df", o.max_df, "nblr: and in at most this share of rows (default 0.9)");
  train->add_option("--ngrams", o.ngrams, "nblr: 1 = words, 2 = words and word pairs (default)");
  train->add_option("--char-ngrams", o.char_ngrams,
                    "nblr: true = also the character 3- to 5-grams of every token (default per language)");
  return train;
}

int RunTrain(AppContext& app, const TrainCommandOptions& options) {
  if (options.lang.empty() || options.labels.empty() || options.output.empty()) {
    return ReportError(Status::InvalidArgument("train needs --lang, --labels and -o/--output"));
  }
  Result<std::string> chosen = ChooseLearner(options);
  if (!chosen.ok()) return ReportError(chosen.status());
  const std::string& learner = *chosen;
  Result<Trained> trained =
      learner == "nblr" ? TrainNblr(options) : TrainFastText(options, app.options().threads);
  if (!trained.ok()) return ReportError(trained.status());
  std::error_code ec;
  uintmax_t bytes = std::filesystem::file_size(options.output, ec);
  if (ec) bytes = 0;
  std::optional<EvalScores> scores;
  if (!options.eval.empty()) {
    Result<EvalScores> r = Evaluate(*trained, options.eval, options.lang);
    if (!r.ok()) return ReportError(r.status());
    scores = std::move(r).value();
  }
  if (options.json) {
    nlohmann::ordered_json j;
    j["lang"] = options.lang;
    j["learner"] = learner;
    j["labels"] = options.labels;
    j.update(trained->json);
    j["model"] = options.output;
    j["model_bytes"] = bytes;
    if (scores) {
      j["eval_file"] = options.eval;
      j["eval"] = ScoresToJson(*scores);
    }
    fmt::print("{}\n", j.dump());
    return kExitOk;
  }
  fmt::print("{}learner {}\nmodel {} ({:.0f} KB)\n", trained->text, learner, options.output,
             bytes / 1024.0);
  if (scores) {
    fmt::print("eval {}: n {}, accuracy {:.4f}, macro-F1 {:.4f}, pos-vs-neg accuracy {:.4f} "
               "(n {})\n",
               options.eval, scores->n, scores->accuracy, scores->macro_f1, scores->polar_accuracy,
               scores->polar_n);
  }
  return kExitOk;
}

}  // namespace cxmap::core
