// SPDX-License-Identifier: Apache-2.0
#include "model_set.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "cxmap/linear_model.h"
#include "lexicon_set.h"

namespace cxmap::sentiment {

struct ModelSet::Model {
  std::unique_ptr<fasttext::FastText> fasttext;  // exactly one of the two is set
  std::unique_ptr<LinearModel> linear;
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
    set.models_.emplace(group, std::move(model.value()));
  }
  return set;
}

Result<ModelSet> ModelSet::LoadBundled(std::string_view data_dir) {
  ModelSet set;
  std::error_code ec;
  for (std::string_view g : kGroups) {
    std::string path = std::string(data_dir) + "/model_" + std::string(g) + ".ftz";
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    auto model = LoadOne(std::string(g), path, "bundled model");
    if (!model.ok()) return model.status();
    set.models_.emplace(std::string(g), std::move(model.value()));
  }
  return set;
}

Result<ModelVerdict> ModelSet::Predict(std::string_view group, const std::string& tokens) const {
  auto it = models_.find(std::string(group));
  if (it == models_.end()) return Status::NotFound("no sentiment model for " + std::string(group));
  if (it->second->linear) return PredictLinear(*it->second->linear, tokens);
  const fasttext::FastText& ft = *it->second->fasttext;
  ModelVerdict v;
  try {
    // The newline matters: every training line ends with one, which
    // fastText reads as the end-of-sentence token </s> (as core/ml does).
    std::istringstream in(tokens + '\n');
    std::vector<int32_t> words, labels;
    ft.getDictionary()->getLine(in, words, labels);
    fasttext::Predictions predictions;
    // Every label, to score P(positive) - P(negative).
    ft.predict(ft.getDictionary()->nlabels(), words, predictions, 0.0);
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
