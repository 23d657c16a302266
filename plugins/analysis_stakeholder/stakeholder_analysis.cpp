// SPDX-License-Identifier: Apache-2.0
#include "stakeholder_analysis.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <tuple>

namespace cxmap::stakeholder {
namespace {

/// Lower-cases ASCII only: the fold used when the host lends no text
/// services (Vietnamese then matches only as written with diacritics).
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string Signed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", v);
  return buf;
}

/// The option's file, else `<data dir>/<file>`.
std::string TablePath(const Host& host, const OptionValues& options, std::string_view option,
                      std::string_view file) {
  std::string path = options.GetString(option);
  if (!path.empty()) return path;
  return (std::filesystem::path(std::string(host.data_dir())) / std::string(file)).string();
}

}  // namespace

double SupportFromSentiment(double s) { return 3.0 + 2.0 * s / (std::fabs(s) + 1.0); }

Result<std::unique_ptr<StakeholderAnalysis>> StakeholderAnalysis::Create(
    const Host& host, const OptionValues& options) {
  Thresholds t{options.GetReal("support_threshold", 3.5), options.GetReal("influence_threshold", 3.5)};
  for (auto [name, v] : {std::pair{"support_threshold", t.support},
                         std::pair{"influence_threshold", t.influence}}) {
    if (!(v >= 1 && v <= 5)) {
      return Status::InvalidArgument(std::string("analysis_stakeholder.") + name +
                                     " must be between 1 and 5, got " + FormatScore(v));
    }
  }
  std::unique_ptr<StakeholderAnalysis> self(
      new StakeholderAnalysis(host, t, options.GetBool("use_sentiment", true)));
  if (auto text = host.text()) {
    auto ws = text->NewWorkspace();
    if (!ws.ok()) return ws.status();
    self->ws_.emplace(std::move(ws).value());
    if (self->use_sentiment_) {
      auto cues = text->LoadLexicon(TablePath(host, options, "support_cues", "support_cues.tsv"));
      if (!cues.ok()) return cues.status();
      self->cues_.emplace(std::move(cues).value());
    }
  }
  FoldFn fold = [raw = self.get()](std::string_view s) { return raw->Fold(s); };
  for (auto [table, option, file] :
       {std::tuple{&self->roles_, "role_levels", "role_levels.tsv"},
        std::tuple{&self->departments_, "departments", "departments.tsv"}}) {
    std::string path = TablePath(host, options, option, file);
    auto tsv = ReadTextFile(path);
    if (!tsv.ok()) return tsv.status();
    auto parsed = TermTable::Parse(*tsv, path, fold);
    if (!parsed.ok()) return parsed.status();
    *table = std::move(parsed).value();
  }
  for (const TermEntry& e : self->roles_.entries()) {
    auto level = ParseScoreCell(e.value);
    if (!level) {
      return Status::InvalidArgument(TablePath(host, options, "role_levels", "role_levels.tsv") +
                                     ": level '" + e.value + "' of '" + e.term +
                                     "' is not a number in 1–5");
    }
  }
  self->identity_ = std::make_unique<IdentityReader>(fold);
  return self;
}

std::string StakeholderAnalysis::Fold(std::string_view text) {
  if (ws_) {
    auto folded = ws_->Fold(text);
    if (folded.ok()) return std::string(*folded);
  }
  return AsciiLower(text);
}

Score StakeholderAnalysis::SupportOf(const Identity& id, const RecordView& record,
                                     std::vector<std::string>* evidence,
                                     std::vector<EvidenceSpan>* spans) {
  std::string why;
  if (auto s = ExplicitScore("support", id.support_text, &why)) {
    evidence->push_back("explicit:support=" + FormatScore(*s->value));
    return *s;
  }
  std::string prefix = why.empty() ? "" : why + "; ";
  std::string_view text = record.text();
  if (!use_sentiment_ || !cues_ || !ws_) {
    return {std::nullopt, Basis::kUnknown, prefix + "no score; sentiment not used"};
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return {std::nullopt, Basis::kUnknown, prefix + "no score, nothing said"};
  }
  auto analysed = ws_->Analyze(text, record.language());
  if (!analysed.ok()) return {std::nullopt, Basis::kUnknown, prefix + "text not analysable"};
  auto matches = ws_->Match(*cues_);
  if (!matches.ok()) return {std::nullopt, Basis::kUnknown, prefix + "text not analysable"};
  double sum = 0;
  std::string cues;
  for (const cxmap_lexicon_match& m : *matches) {
    if (m.kind != CXMAP_ENTRY_CUE || m.base_weight == 0) continue;  // modifiers, blockers
    sum += m.final_weight;
    std::string term(FromC(m.term));
    bool negated = (m.flags & CXMAP_MATCH_NEGATED) != 0;
    spans->push_back({m.begin, m.end, static_cast<uint32_t>(evidence->size())});
    evidence->push_back("cue:" + term + (negated ? " (negated)" : ""));
    cues += (cues.empty() ? "" : ", ") + term + " " + Signed(m.final_weight) +
            (negated ? " negated" : "");
  }
  std::string detail = "sentiment: " + (cues.empty() ? std::string("no support cue") : cues);
  return {SupportFromSentiment(sum), Basis::kSentiment, prefix + detail};
}

Score StakeholderAnalysis::InfluenceOf(const Identity& id, std::vector<std::string>* evidence) {
  std::string why;
  if (auto s = ExplicitScore("influence", id.influence_text, &why)) {
    evidence->push_back("explicit:influence=" + FormatScore(*s->value));
    return *s;
  }
  std::string prefix = why.empty() ? "" : why + "; ";
  if (id.role.empty()) return {std::nullopt, Basis::kUnknown, prefix + "no score, no role"};
  const TermEntry* hit = roles_.FindLongest(Fold(id.role));
  if (hit == nullptr) {
    return {std::nullopt, Basis::kUnknown, prefix + "no score, role '" + id.role + "' not recognised"};
  }
  evidence->push_back("role:" + hit->term);
  std::string label = hit->label.empty() ? hit->term : hit->label;
  return {ParseScoreCell(hit->value), Basis::kRole, prefix + "role '" + id.role + "': " + label};
}

Status StakeholderAnalysis::AnalyzeOne(size_t i, const RecordView& record, ResultWriter& out) {
  Identity id = identity_->Read(record);
  if (!id.IsStakeholder()) return Status::Ok();
  std::vector<std::string> support_ev, influence_ev;
  std::vector<EvidenceSpan> support_spans;
  Score support = SupportOf(id, record, &support_ev, &support_spans);
  Score influence = InfluenceOf(id, &influence_ev);
  Placement p = Place(support, influence, thresholds_);

  auto real = [](const Score& s) { return s.value ? Value::Real(Round2(*s.value)) : Value::Null(); };
  auto text = [](const std::optional<std::string>& s) {
    return s ? Value::String(*s) : Value::Null();
  };
  std::string department_key;
  if (!id.department.empty()) {
    std::string folded = Fold(id.department);
    const TermEntry* dept = departments_.FindLongest(folded);
    department_key = dept ? dept->value : folded;
  }
  std::vector<std::string> placement_ev = {
      "threshold:support=" + FormatScore(thresholds_.support),
      "threshold:influence=" + FormatScore(thresholds_.influence)};
  CXMAP_RETURN_IF_ERROR(out.Set(i, "support", real(support), support_ev, support_spans));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "influence", real(influence), influence_ev));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "quadrant", text(p.quadrant), placement_ev));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "strategy", text(p.strategy)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "action", text(p.action)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "reason", Value::String(p.reason)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "name", Value::String(id.name)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "department", Value::String(id.department)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "department_key", Value::String(department_key)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "role", Value::String(id.role)));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "support_basis", Value::String(BasisName(support.basis))));
  CXMAP_RETURN_IF_ERROR(out.Set(i, "influence_basis", Value::String(BasisName(influence.basis))));
  return out.Set(i, "origin", Value::String(id.from_list ? "list" : "feedback"));
}

Status StakeholderAnalysis::Analyze(const RecordBatch& batch, ResultWriter& out) {
  for (size_t i = 0; i < batch.size(); ++i) {
    if (host_.Cancelled()) return Status::Cancelled("analysis_stakeholder cancelled");
    CXMAP_RETURN_IF_ERROR(AnalyzeOne(i, batch[i], out));
  }
  return Status::Ok();
}

}  // namespace cxmap::stakeholder
