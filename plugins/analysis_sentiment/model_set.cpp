// SPDX-License-Identifier: Apache-2.0
#include "model_set.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "cxmap/linear_model.h"
#include "lexicon_set.h"

namespace cxmap::sentiment {

struct ModelSet::Model {
  std::unique_ptr<fasttext::FastText> fasttext;  // exactly one of the two is set
  std::unique_ptr<LinearModel> linear;
  // A quantised softmax model whose output layer is not quantised (the
  // bundled ones): predicted from decoded rows (see PredictFromRows).
  std::shared_ptr<const fasttext::DenseMatrix> dense_output;
  // Names this model in DecodedRow's per-thread cache: an address could be
  // reused by a model loaded later, a serial is never reused.
  uint64_t serial = 0;
};

namespace {

constexpr std::string_view kLabelPrefix = "__label__";
constexpr std::array<std::string_view, 4> kGroups = {"vi", "th", "zh", "en"};

std::string StripLabelPrefix(std::string label) {
  if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
  return label;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// fastText labels as cxmap sentiment labels: "pos…" positive, "neg…"
// negative, anything else (neutral, question…) neutral.
std::string SentimentLabel(std::string label) {
  label = StripLabelPrefix(std::move(label));
  for (char& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (label.starts_with("pos")) return "positive";
  if (label.starts_with("neg")) return "negative";
  return "neutral";
}

// "label1,label2" and whether one of them is positive or negative.
bool HasPolarLabel(const std::vector<std::string>& labels, std::string& joined) {
  bool polar = false;
  for (const std::string& l : labels) {
    polar |= SentimentLabel(l) != "neutral";
    joined += (joined.empty() ? "" : ",") + StripLabelPrefix(l);
  }
  return polar;
}

// Loads a fastText model; fastText reports problems by throwing.
Result<std::unique_ptr<fasttext::FastText>> LoadFastText(const std::string& path, const std::string& where) {
  auto ft = std::make_unique<fasttext::FastText>();
  try {
    ft->loadModel(path);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(where + "not a fastText model (" + e.what() + ")");
  } catch (...) {
    return Status::InvalidArgument(where + "not a fastText model");
  }
  if (ft->getArgs().model != fasttext::model_name::sup) {
    return Status::InvalidArgument(where + "a fastText model but not a supervised classifier");
  }
  return ft;
}

// The rows of one quantised model's input matrix this thread has decoded.
// fastText decodes a row from its product-quantiser codes on every use,
// which was nine tenths of a Thai prediction; a Thai text uses ~50 rows
// (words, their character n-grams and bigrams) out of a few thousand
// distinct ones, so each is decoded once per thread. Bounded by the model:
// rows × dim floats at most.
const float* DecodedRow(fasttext::FastText& ft, uint64_t model, int32_t id) {
  thread_local std::map<uint64_t, std::unordered_map<int32_t, std::vector<float>>> rows;
  std::vector<float>& row = rows[model][id];
  if (row.empty()) {
    fasttext::Vector v(ft.getDimension());
    ft.getInputVector(v, id);  // zero, then x += norm · centroid
    row.assign(v.data(), v.data() + v.size());
  }
  return row.data();
}

// fastText's predict for a softmax model (Model::computeHidden, then
// SoftmaxLoss::computeOutput and Loss::findKBest over every label), with
// each input row decoded once by DecodedRow. Float for float the same
// arithmetic in the same order: adding a decoded row gives the sums
// fastText's decode-and-add gives, so the probabilities are the same
// (a test compares both on Thai texts).
fasttext::Predictions PredictFromRows(fasttext::FastText& ft, uint64_t model,
                                      const fasttext::DenseMatrix& output,
                                      const std::vector<int32_t>& words) {
  fasttext::Predictions predictions;
  if (words.empty()) return predictions;  // as FastText::predict
  const int64_t dim = ft.getDimension();
  fasttext::Vector hidden(dim);
  hidden.zero();
  for (int32_t id : words) {
    const float* row = DecodedRow(ft, model, id);
    for (int64_t j = 0; j < dim; ++j) hidden[j] += row[j];
  }
  hidden.mul(1.0 / words.size());
  const int64_t labels = output.size(0);
  std::vector<fasttext::real> out(static_cast<size_t>(labels));
  fasttext::real max = 0, z = 0;
  for (int64_t i = 0; i < labels; ++i) {
    out[i] = output.dotRow(hidden, i);
    max = i == 0 ? out[i] : std::max(out[i], max);
  }
  for (int64_t i = 0; i < labels; ++i) {
    out[i] = std::exp(static_cast<double>(out[i] - max));  // fastText calls ::exp(double)
    z += out[i];
  }
  for (int64_t i = 0; i < labels; ++i) {
    out[i] /= z;
    // fastText's std_log: log(x + 1e-5), kept in a real.
    const fasttext::real log_p = std::log(out[i] + 1e-5);
    predictions.emplace_back(log_p, static_cast<int32_t>(i));
  }
  std::stable_sort(predictions.begin(), predictions.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  return predictions;
}

// Loads one model file of either kind, told apart by its first bytes.
Result<std::unique_ptr<const ModelSet::Model>> LoadOne(const std::string& lang, const std::string& path,
                                                       std::string_view origin = "option model") {
  std::string where = std::string(origin) + ", " + lang + "=" + path + ": ";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(where + "no such file");
  }
  char head[8] = {};
  std::ifstream(path, std::ios::binary).read(head, sizeof(head));
  auto model = std::make_unique<ModelSet::Model>();
  std::vector<std::string> labels;
  if (LinearModel::HasMagic(std::string_view(head, sizeof(head)))) {
    auto linear = LinearModel::Load(path);
    if (!linear.ok()) return Status::InvalidArgument(where + linear.status().message());
    labels = linear->labels();
    model->linear = std::make_unique<LinearModel>(std::move(linear).value());
  } else {
    auto ft = LoadFastText(path, where);
    if (!ft.ok()) return ft.status();
    auto dict = (*ft)->getDictionary();
    for (int32_t i = 0; i < dict->nlabels(); ++i) labels.push_back(dict->getLabel(i));
    model->fasttext = std::move(ft).value();
    const fasttext::Args args = model->fasttext->getArgs();
    if (model->fasttext->isQuant() && !args.qout && args.loss == fasttext::loss_name::softmax) {
      model->dense_output = model->fasttext->getOutputMatrix();
      static std::atomic<uint64_t> next_serial{1};
      model->serial = next_serial.fetch_add(1, std::memory_order_relaxed);
    }
  }
  std::string joined;
  if (!HasPolarLabel(labels, joined)) {
    return Status::InvalidArgument(where + "labels (" + joined +
                                   ") have no positive or negative: not a sentiment model");
  }
  return std::unique_ptr<const ModelSet::Model>(std::move(model));
}

// The verdict of a linear model: its probabilities summed by sentiment.
ModelVerdict PredictLinear(const LinearModel& m, const std::string& tokens) {
  size_t known = 0;
  std::vector<double> p = m.Probabilities(tokens, &known);
  ModelVerdict v;
  if (known == 0) return v;  // only the biases would speak: let the lexicon
  size_t top = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
  v.label = SentimentLabel(m.labels()[top]);
  v.probability = p[top];
  for (size_t i = 0; i < p.size(); ++i) {
    std::string label = SentimentLabel(m.labels()[i]);
    if (label == "positive") v.score += p[i];
    if (label == "negative") v.score -= p[i];
    if (label == "neutral") v.neutral += p[i];
  }
  v.score = std::clamp(v.score, -1.0, 1.0);
  return v;
}

// "vi=a.bin,th=b.bin" -> {vi: a.bin, th: b.bin}; a folder -> its <group>.bin.
Result<std::map<std::string, std::string>> ParseSpec(std::string_view spec) {
  std::map<std::string, std::string> files;
  if (spec.find('=') == std::string_view::npos) {
    std::string dir(spec);
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      return Status::NotFound("option model: " + dir +
                              " is not a folder (use a folder of <lang>.bin or vi=FILE,zh=FILE)");
    }
    for (std::string_view g : kGroups) {
      std::string path = dir + "/" + std::string(g) + ".bin";
      if (std::filesystem::is_regular_file(path, ec)) files.emplace(g, path);
    }
    if (files.empty()) {
      return Status::NotFound("option model: " + dir + " holds none of vi.bin, th.bin, zh.bin, en.bin");
    }
    return files;
  }
  while (!spec.empty()) {
    size_t comma = spec.find(',');
    std::string_view item = Trim(spec.substr(0, comma));
    spec.remove_prefix(comma == std::string_view::npos ? spec.size() : comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument("option model: '" + std::string(item) + "' is not LANG=FILE");
    }
    std::string_view lang = Trim(item.substr(0, eq)), path = Trim(item.substr(eq + 1));
    std::string group(LexiconGroup(lang));
    // LexiconGroup sends everything it does not know to "en": only "en" may.
    if (lang.empty() || (group == "en" && lang.substr(0, 2) != "en")) {
      return Status::InvalidArgument("option model: unknown language '" + std::string(lang) +
                                     "' (use vi, th, zh or en)");
    }
    if (path.empty()) return Status::InvalidArgument("option model: " + std::string(lang) + "= has no file");
    if (!files.emplace(group, std::string(path)).second) {
      return Status::InvalidArgument("option model: two models for " + group);
    }
  }
  return files;
}

}  // namespace

ModelSet::ModelSet() = default;
ModelSet::~ModelSet() = default;
ModelSet::ModelSet(ModelSet&&) noexcept = default;
ModelSet& ModelSet::operator=(ModelSet&&) noexcept = default;

Result<ModelSet> ModelSet::Load(std::string_view spec) {
  ModelSet set;
  spec = Trim(spec);
  if (spec.empty()) return set;
  auto files = ParseSpec(spec);
  if (!files.ok()) return files.status();
  for (const auto& [group, path] : *files) {
    auto model = LoadOne(group, path);
    if (!model.ok()) return model.status();
    set.models_[group].push_back(std::move(model.value()));
  }
  return set;
}

Result<ModelSet> ModelSet::LoadBundled(std::string_view data_dir) {
  ModelSet set;
  std::error_code ec;
  for (std::string_view g : kGroups) {
    // Both kinds for one group are an ensemble (Predict averages them):
    // Thai keeps the social-media model beside the feedback one.
    for (const char* ext : {".ftz", ".bin"}) {
      std::string path = std::string(data_dir) + "/model_" + std::string(g) + ext;
      if (!std::filesystem::is_regular_file(path, ec)) continue;
      auto model = LoadOne(std::string(g), path, "bundled model");
      if (!model.ok()) return model.status();
      set.models_[std::string(g)].push_back(std::move(model.value()));
    }
  }
  return set;
}

Result<ModelVerdict> ModelSet::Predict(std::string_view group, const std::string& tokens) const {
  auto it = models_.find(std::string(group));
  if (it == models_.end()) return Status::NotFound("no sentiment model for " + std::string(group));
  if (it->second.size() == 1) return PredictOne(*it->second.front(), tokens);
  // An ensemble: the mean of each model's P(pos), P(neg) and P(neutral),
  // over the models that know some token of the text.
  double score = 0, neutral = 0;
  size_t voters = 0;
  for (const auto& model : it->second) {
    auto v = PredictOne(*model, tokens);
    if (!v.ok()) return v.status();
    if (v->label.empty()) continue;
    score += v->score, neutral += v->neutral, ++voters;
  }
  ModelVerdict mean;
  if (voters == 0) return mean;
  mean.score = std::clamp(score / double(voters), -1.0, 1.0);
  mean.neutral = std::clamp(neutral / double(voters), 0.0, 1.0);
  double polar = 1 - mean.neutral;
  double pos = std::max(0.0, (polar + mean.score) / 2), neg = std::max(0.0, (polar - mean.score) / 2);
  mean.label = pos >= neg && pos >= mean.neutral ? "positive" : neg >= mean.neutral ? "negative" : "neutral";
  mean.probability = std::max({pos, neg, mean.neutral});
  return mean;
}

Result<ModelVerdict> ModelSet::PredictOne(const Model& model, const std::string& tokens) const {
  if (model.linear) return PredictLinear(*model.linear, tokens);
  fasttext::FastText& ft = *model.fasttext;
  ModelVerdict v;
  try {
    // The newline matters: every training line ends with one, which
    // fastText reads as the end-of-sentence token </s> (as core/ml does).
    std::istringstream in(tokens + '\n');
    std::vector<int32_t> words, labels;
    ft.getDictionary()->getLine(in, words, labels);
    fasttext::Predictions predictions;
    if (model.dense_output != nullptr) {
      predictions = PredictFromRows(ft, model.serial, *model.dense_output, words);
    } else {
      // Every label, to score P(positive) - P(negative).
      ft.predict(ft.getDictionary()->nlabels(), words, predictions, 0.0);
    }
    for (size_t i = 0; i < predictions.size(); ++i) {
      double p = std::exp(static_cast<double>(predictions[i].first));
      std::string label = SentimentLabel(ft.getDictionary()->getLabel(predictions[i].second));
      if (i == 0) v.label = label, v.probability = p;
      if (label == "positive") v.score += p;
      if (label == "negative") v.score -= p;
      if (label == "neutral") v.neutral += p;
    }
  } catch (const std::exception& e) {
    return Status::Internal(std::string("fastText predict: ") + e.what());
  }
  v.score = std::clamp(v.score, -1.0, 1.0);
  return v;
}

}  // namespace cxmap::sentiment
