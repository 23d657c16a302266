// SPDX-License-Identifier: Apache-2.0
// `cxmap eval FILE.tsv`: scores an analysis against labelled text.
#include <fmt/format.h>

#include <fstream>
#include <vector>

#include "core/app/commands.h"
#include "core/app/text_runner.h"
#include "core/report/eval_metrics.h"
#include "core/report/result_json.h"
#include "core/util/log.h"

namespace cxmap::core {

namespace {

/// Where a field's prediction sits in the classify object.
struct FieldPath {
  std::string key;    ///< plugin key, e.g. "sentiment"
  std::string value;  ///< field inside it, e.g. "label"
};

Result<FieldPath> ResolveField(const std::string& field) {
  if (field == "sentiment") return FieldPath{"sentiment", "label"};
  if (field == "touchpoint") return FieldPath{"journey", "touchpoint"};
  if (field == "stage") return FieldPath{"journey", "stage"};
  if (field == "empathy") return FieldPath{"empathy_map", "quadrant"};
  size_t dot = field.find('.');
  if (dot != std::string::npos && dot > 0 && dot + 1 < field.size()) {
    return FieldPath{field.substr(0, dot), field.substr(dot + 1)};
  }
  return Status::InvalidArgument(fmt::format(
      "--field {}: use sentiment, touchpoint, stage, empathy or PLUGIN_KEY.FIELD", field));
}

std::string Predicted(const nlohmann::ordered_json& j, const FieldPath& path) {
  auto it = j.find(path.key);
  if (it == j.end() || !it->is_object()) return "(none)";
  auto v = it->find(path.value);
  if (v == it->end() || v->is_null()) return "(none)";
  return v->is_string() ? v->get<std::string>() : DumpJson(*v);
}

void PrintScores(const std::string& title, const EvalScores& s) {
  fmt::print("{:<10} n={:<6} accuracy {:.3f}  macro-F1 {:.3f}  pos-vs-neg accuracy {:.3f} (n={})\n",
             title, s.n, s.accuracy, s.macro_f1, s.polar_accuracy, s.polar_n);
}

void PrintReport(const EvalAccumulator& acc) {
  EvalScores all = acc.Overall();
  PrintScores("overall", all);
  fmt::print("\n{:<12} {:>9} {:>9} {:>9} {:>8}\n", "class", "precision", "recall", "f1", "support");
  for (const auto& [label, c] : all.classes) {
    fmt::print("{:<12} {:>9.3f} {:>9.3f} {:>9.3f} {:>8}\n", label, c.precision, c.recall, c.f1, c.support);
  }
  fmt::print("\nconfusion (rows: gold, columns: predicted)\n{:<12}", "");
  for (const auto& l : all.labels) fmt::print(" {:>10}", l.substr(0, 10));
  fmt::print("\n");
  for (size_t i = 0; i < all.labels.size(); ++i) {
    fmt::print("{:<12}", all.labels[i].substr(0, 12));
    for (long v : all.confusion[i]) fmt::print(" {:>10}", v);
    fmt::print("\n");
  }
  fmt::print("\nby detected language\n");
  for (const auto& [lang, s] : acc.ByGroup()) PrintScores(lang, s);
}

/// Reads `label<TAB>text` lines into `runner`, keeping the gold label of
/// each line number in `gold`. A header line "label<TAB>text" is skipped;
/// malformed lines are reported and skipped, never fatal.
Status FeedLabelled(const std::string& input, TextRunner& runner, std::vector<std::string>* gold) {
  std::ifstream in(input, std::ios::binary);
  if (!in) return Status::NotFound(input + ": cannot open");
  std::string line;
  uint64_t malformed = 0;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // BOM
    if (line.empty() || (n == 1 && line.rfind("label\t", 0) == 0)) continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      if (++malformed <= 5) {
        Log(Severity::kWarn, "eval", fmt::format("{}:{}: expected label<TAB>text; line skipped", input, n));
      }
      continue;
    }
    gold->resize(n + 1);
    (*gold)[n] = EvalAccumulator::NormaliseLabel(line.substr(0, tab));
    CXMAP_RETURN_IF_ERROR(runner.AddLine(std::string_view(line).substr(tab + 1), n));
  }
  if (malformed > 5) Log(Severity::kWarn, "eval", fmt::format("{} malformed lines skipped", malformed));
  return Status::Ok();
}

Status CheckFieldIsProduced(const TextRunner& runner, const FieldPath& path) {
  std::string loaded;
  for (const auto& name : runner.plugin_names()) {
    if (PluginKey(name) == path.key) return Status::Ok();
    loaded += (loaded.empty() ? "" : ", ") + name;
  }
  return Status::InvalidArgument(fmt::format("no analysis plugin produces '{}' (loaded: {})",
                                             path.key, loaded.empty() ? "none" : loaded));
}

}  // namespace

int RunEval(AppContext& app, const EvalOptions& options) {
  auto path = ResolveField(options.field);
  if (!path.ok()) return ReportError(path.status());
  std::vector<std::string> gold;  // by line number
  EvalAccumulator acc;
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  auto runner = TextRunner::Start(app, [&](const FeedbackRecord& r, const nlohmann::ordered_json& j) {
    const std::string& g = gold[r.rec.line];
    std::string p = Predicted(j, *path);
    acc.Add(g, p, j["language"].get<std::string>());
    if (g != p && errors.size() < options.show_errors) {
      errors.push_back({{"line", r.rec.line}, {"gold", g}, {"predicted", p}, {"text", j["text"]},
                        {path->key, j[path->key]}});
    }
  });
  if (!runner.ok()) return ReportError(runner.status());
  if (Status s = CheckFieldIsProduced(**runner, *path); !s.ok()) return ReportError(s);
  Status fed = FeedLabelled(options.input, **runner, &gold);
  Status finished = (*runner)->Finish();
  if (!fed.ok()) return ReportError(fed);
  if (!finished.ok()) return ReportError(finished);
  if (options.json) {
    nlohmann::ordered_json by_language = nlohmann::ordered_json::object();
    for (const auto& [lang, s] : acc.ByGroup()) by_language[lang] = ScoresToJson(s);
    nlohmann::ordered_json out = {{"file", options.input}, {"field", options.field},
                                  {"overall", ScoresToJson(acc.Overall())},
                                  {"by_language", by_language}, {"errors", errors}};
    fmt::print("{}\n", DumpJson(out, 2));
  } else {
    fmt::print("{}: field {} ({}.{})\n", options.input, options.field, path->key, path->value);
    PrintReport(acc);
    for (const auto& e : errors) {
      fmt::print("\nline {}: gold {} predicted {}\n  {}\n  {}\n", e["line"].get<uint64_t>(),
                 TerminalSafe(e["gold"].get<std::string>()),
                 TerminalSafe(e["predicted"].get<std::string>()),
                 TerminalSafe(e["text"].get<std::string>()), TerminalSafe(DumpJson(e[path->key])));
    }
  }
  if (!(*runner)->failures().empty()) return kExitFailure;
  return kExitOk;
}

}  // namespace cxmap::core
