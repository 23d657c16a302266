// SPDX-License-Identifier: Apache-2.0
#include "journey_model.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace cxmap::journey {

namespace {

// Schema errors are thrown as this inside the loader only and turned into a
// Status at its one entry point, so the many checks stay one line each.
struct LoadError {
  std::string message;
};

/// One TOML file being read: its path and text, for positions in errors.
class TomlFile {
 public:
  TomlFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}
  const std::string& path() const { return path_; }

  [[noreturn]] void Fail(const toml::source_region& at, const std::string& what) const {
    throw LoadError{path_ + ":" + std::to_string(at.begin.line) + ":" +
                    std::to_string(at.begin.column) + ": " + what};
  }
  [[noreturn]] void Fail(const toml::node& at, const std::string& what) const { Fail(at.source(), what); }

  std::string String(const toml::node& n, const std::string& what) const {
    if (!n.is_string()) Fail(n, what + ": expected a string");
    return n.as_string()->get();
  }
  std::string String(const toml::table& t, const std::string& key, const std::string& what,
                     bool required) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
      if (required) Fail(t, what + ": missing key '" + key + "'");
      return {};
    }
    return String(*n, what + "." + key);
  }
  double Number(const toml::node& n, const std::string& what) const {
    std::optional<double> v = n.value<double>();
    if (!v || *v < 0 || *v > 1000) Fail(n, what + ": expected a number in [0, 1000]");
    return *v;
  }
  const toml::table& Table(const toml::node& n, const std::string& what) const {
    if (!n.is_table()) Fail(n, what + ": expected a table");
    return *n.as_table();
  }
  void OnlyKeys(const toml::table& t, std::initializer_list<std::string_view> keys,
                const std::string& what) const {
    for (auto&& [k, v] : t) {
      bool known = false;
      for (std::string_view allowed : keys) known |= k.str() == allowed;
      if (known) continue;
      std::string list;
      for (std::string_view allowed : keys) list += (list.empty() ? "" : ", ") + std::string(allowed);
      Fail(k.source(), what + ": unknown key '" + std::string(k.str()) + "' (known: " + list + ")");
    }
  }
  Expr Expression(const toml::node& n, const std::string& what) const;

 private:
  std::string path_, text_;
};

// The expression's position in the file: toml++ gives where the string
// starts (its opening quote); the expression's own line and column are
// added to it, past the quote ('...' or '''...'''; a newline right after
// ''' is not part of the string).
Expr TomlFile::Expression(const toml::node& n, const std::string& what) const {
  std::string text = String(n, what);
  ExprError error;
  std::optional<Expr> e = ParseCueExpression(text, &error);
  if (e) return std::move(*e);
  size_t line = n.source().begin.line, column = n.source().begin.column;
  size_t line_start = 0;
  for (size_t l = 1; l < line && line_start != std::string::npos; ++l) {
    line_start = text_.find('\n', line_start);
    if (line_start != std::string::npos) ++line_start;
  }
  size_t quote = 1;
  if (line_start != std::string::npos) {
    std::string_view rest = std::string_view(text_).substr(std::min(text_.size(), line_start));
    size_t at = 0;  // toml++ columns count code points; cue files are mostly ASCII here
    for (size_t c = 1; c < column && at < rest.size(); ++c) {
      do ++at;
      while (at < rest.size() && (static_cast<unsigned char>(rest[at]) & 0xC0) == 0x80);
    }
    rest = rest.substr(at);
    if (rest.starts_with("'''") || rest.starts_with("\"\"\"")) {
      quote = 3;
      if (rest.substr(3).starts_with("\n") || rest.substr(3).starts_with("\r\n")) {
        ++line, column = 1, quote = 0;
      }
    }
  }
  if (error.line > 1) {
    line += error.line - 1;
    column = error.column;
  } else {
    column += quote + error.column - 1;
  }
  Fail(toml::source_region{{static_cast<toml::source_index>(line), static_cast<toml::source_index>(column)}, {}, {}},
       what + ": expected " + error.expected + ", found " + error.found);
}

std::vector<Cue> ReadCues(const TomlFile& f, const toml::table& t, const std::string& key,
                          double weight, const std::string& what) {
  std::vector<Cue> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const toml::table& by_lang = f.Table(*n, what + "." + key);
  f.OnlyKeys(by_lang, {"en", "vi", "th", "zh", "any"}, what + "." + key);
  for (auto&& [lang, list] : by_lang) {
    std::string where = what + "." + key + "." + std::string(lang.str());
    if (!list.is_array()) f.Fail(list, where + ": expected an array of strings");
    for (const toml::node& item : *list.as_array()) {
      std::string term = f.String(item, where);
      // Cue lists become lexicon TSV lines: a tab or newline would split
      // the line and a leading '#' would make it a comment.
      if (term.empty() || term.find_first_of("\t\r\n") != std::string::npos || term[0] == '#') {
        f.Fail(item, where + ": a cue must be non-empty, on one line, without tabs or a leading '#'");
      }
      out.push_back({term, weight, std::string(lang.str())});
    }
  }
  return out;
}

std::vector<Rule> ReadRules(const TomlFile& f, const toml::table& t, const std::string& what) {
  std::vector<Rule> out;
  const toml::node* n = t.get("rules");
  if (n == nullptr) return out;
  if (!n->is_array()) f.Fail(*n, what + ".rules: expected an array");
  for (const toml::node& item : *n->as_array()) {
    Rule r;
    const toml::node* when = &item;
    if (item.is_table()) {
      const toml::table& rt = *item.as_table();
      f.OnlyKeys(rt, {"when", "weight"}, what + ".rules");
      when = rt.get("when");
      if (when == nullptr) f.Fail(rt, what + ".rules: missing key 'when'");
      if (const toml::node* w = rt.get("weight")) r.weight = f.Number(*w, what + ".rules.weight");
    }
    r.when = f.Expression(*when, what + ".rules.when");
    r.text = when->as_string() ? when->as_string()->get() : "";
    out.push_back(std::move(r));
  }
  return out;
}

// Reads a [[touchpoint]] table into `tp`, extending what is there (a model
// file may add cues, rules or a stage to a catalogue touchpoint).
void ReadTouchpoint(const TomlFile& f, const toml::table& t, Touchpoint& tp) {
  std::string what = "touchpoint '" + tp.id + "'";
  f.OnlyKeys(t, {"id", "label", "owner", "channels", "stage", "cues", "weak_cues", "strong_cues",
              "rules", "unless"},
             what);
  if (std::string s = f.String(t, "label", what, false); !s.empty()) tp.label = s;
  if (std::string s = f.String(t, "owner", what, false); !s.empty()) tp.owner = s;
  if (const toml::node* ch = t.get("channels")) {
    if (!ch->is_array()) f.Fail(*ch, what + ".channels: expected an array of strings");
    tp.channels.clear();
    for (const toml::node& c : *ch->as_array()) tp.channels.push_back(f.String(c, what + ".channels"));
  }
  if (const toml::node* st = t.get("stage")) {
    for (auto&& [model, stage] : f.Table(*st, what + ".stage")) {
      tp.stage_by_model[std::string(model.str())] = f.String(stage, what + ".stage");
    }
  }
  for (Cue& c : ReadCues(f, t, "cues", 1.0, what)) tp.cues.push_back(std::move(c));
  for (Cue& c : ReadCues(f, t, "weak_cues", 0.5, what)) tp.cues.push_back(std::move(c));
  for (Cue& c : ReadCues(f, t, "strong_cues", 1.5, what)) tp.cues.push_back(std::move(c));
  for (Rule& r : ReadRules(f, t, what)) tp.rules.push_back(std::move(r));
  if (const toml::node* u = t.get("unless")) {
    Rule r;
    r.when = f.Expression(*u, what + ".unless");
    r.text = f.String(*u, what + ".unless");
    tp.unless = std::move(r);
  }
}

void ReadTouchpoints(const TomlFile& f, const toml::table& root, std::vector<Touchpoint>& out,
                     bool may_extend) {
  const toml::node* list = root.get("touchpoint");
  if (list == nullptr) return;
  if (!list->is_array_of_tables()) f.Fail(*list, "touchpoint: expected [[touchpoint]] tables");
  for (const toml::node& item : *list->as_array()) {
    const toml::table& t = *item.as_table();
    std::string id = f.String(t, "id", "touchpoint", true);
    auto it = std::find_if(out.begin(), out.end(), [&](const Touchpoint& tp) { return tp.id == id; });
    if (it != out.end() && !may_extend) f.Fail(t, "touchpoint '" + id + "' is defined twice");
    if (it == out.end()) {
      out.push_back(Touchpoint{});
      it = out.end() - 1;
      it->id = id;
      it->label = id;
      it->owner = "unassigned";
    }
    ReadTouchpoint(f, t, *it);
  }
}

toml::table ParseFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError{path + ": cannot open journey file"};
  std::stringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    throw LoadError{path + ":" + std::to_string(e.source().begin.line) + ":" +
                    std::to_string(e.source().begin.column) + ": " + std::string(e.description())};
  }
}

void ReadModel(const TomlFile& f, const toml::table& root, Journey& j,
               std::map<std::string, std::string>* stage_override) {
  f.OnlyKeys(root, {"model", "stage", "touchpoint", "touchpoint_stage"}, "model file");
  const toml::node* m = root.get("model");
  if (m == nullptr) f.Fail(root, "missing [model] table (id, label)");
  const toml::table& mt = f.Table(*m, "model");
  f.OnlyKeys(mt, {"id", "label", "default_stage", "question_stage", "question_weight",
                  "alternative_stage"}, "model");
  j.model_id = f.String(mt, "id", "model", true);
  j.model_label = f.String(mt, "label", "model", false);
  const toml::node* stages = root.get("stage");
  if (stages == nullptr || !stages->is_array_of_tables() || stages->as_array()->empty()) {
    f.Fail(stages ? stages->source() : mt.source(), "model: expected one or more [[stage]] tables");
  }
  for (const toml::node& item : *stages->as_array()) {
    const toml::table& st = *item.as_table();
    Stage s;
    s.id = f.String(st, "id", "stage", true);
    std::string what = "stage '" + s.id + "'";
    f.OnlyKeys(st, {"id", "label", "cues", "weak_cues", "strong_cues", "rules"}, what);
    if (j.StageIndex(s.id) >= 0) f.Fail(st, what + " is defined twice");
    s.label = f.String(st, "label", what, false);
    if (s.label.empty()) s.label = s.id;
    s.cues = ReadCues(f, st, "cues", 1.0, what);
    for (Cue& c : ReadCues(f, st, "weak_cues", 0.5, what)) s.cues.push_back(std::move(c));
    for (Cue& c : ReadCues(f, st, "strong_cues", 1.5, what)) s.cues.push_back(std::move(c));
    s.rules = ReadRules(f, st, what);
    j.stages.push_back(std::move(s));
  }
  if (const toml::node* d = mt.get("default_stage")) {
    j.default_stage = j.StageIndex(f.String(*d, "model.default_stage"));
    if (j.default_stage < 0) f.Fail(*d, "model.default_stage: not a stage of this model");
  }
  if (const toml::node* q = mt.get("question_stage")) {
    j.question_stage = j.StageIndex(f.String(*q, "model.question_stage"));
    if (j.question_stage < 0) f.Fail(*q, "model.question_stage: not a stage of this model");
    j.question_weight = 0.75;
  }
  if (const toml::node* q = mt.get("alternative_stage")) {
    j.alternative_stage = j.StageIndex(f.String(*q, "model.alternative_stage"));
    if (j.alternative_stage < 0) f.Fail(*q, "model.alternative_stage: not a stage of this model");
  }
  if (const toml::node* w = mt.get("question_weight")) {
    j.question_weight = f.Number(*w, "model.question_weight");
  }
  if (const toml::node* ts = root.get("touchpoint_stage")) {
    for (auto&& [tp, stage] : f.Table(*ts, "touchpoint_stage")) {
      std::string id = f.String(stage, "touchpoint_stage." + std::string(tp.str()));
      if (j.StageIndex(id) < 0) f.Fail(stage, "touchpoint_stage: '" + id + "' is not a stage of model " + j.model_id);
      (*stage_override)[std::string(tp.str())] = id;
    }
  }
}

}  // namespace

int Journey::StageIndex(std::string_view id) const {
  for (size_t i = 0; i < stages.size(); ++i) {
    if (stages[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

Result<Journey> LoadJourney(const JourneyFiles& files) {
  try {
    Journey j;
    std::string catalogue_text, model_text;
    toml::table catalogue = ParseFile(files.catalogue, &catalogue_text);
    toml::table model = ParseFile(files.model, &model_text);
    TomlFile cf(files.catalogue, catalogue_text), mf(files.model, model_text);
    cf.OnlyKeys(catalogue, {"touchpoint"}, "catalogue");
    ReadTouchpoints(cf, catalogue, j.touchpoints, false);
    std::map<std::string, std::string> stage_override;
    ReadModel(mf, model, j, &stage_override);
    ReadTouchpoints(mf, model, j.touchpoints, true);
    for (const auto& [tp, stage] : stage_override) {
      bool known = std::any_of(j.touchpoints.begin(), j.touchpoints.end(),
                               [&](const Touchpoint& t) { return t.id == tp; });
      if (!known) return Status::InvalidArgument(files.model + ": touchpoint_stage: unknown touchpoint '" + tp + "'");
    }
    for (Touchpoint& tp : j.touchpoints) {
      auto o = stage_override.find(tp.id);
      auto m = tp.stage_by_model.find(j.model_id);
      std::string stage = o != stage_override.end() ? o->second
                          : m != tp.stage_by_model.end() ? m->second : "";
      if (stage.empty()) continue;  // no default stage: only stage cues decide
      tp.stage = j.StageIndex(stage);
      if (tp.stage < 0) {
        return Status::InvalidArgument(files.catalogue + ": touchpoint '" + tp.id + "': stage '" +
                                       stage + "' is not a stage of model " + j.model_id);
      }
    }
    if (j.touchpoints.empty()) return Status::InvalidArgument(files.catalogue + ": no [[touchpoint]]");
    return j;
  } catch (const LoadError& e) {
    return Status::InvalidArgument(e.message);
  }
}

}  // namespace cxmap::journey
