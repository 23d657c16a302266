// SPDX-License-Identifier: Apache-2.0
#include "sentiment_analysis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <set>

#include "cxmap/model_tokens.h"
#include "context_rules.h"
#include "rules.h"

namespace cxmap::sentiment {

namespace {

// The score as reported: three decimals. The label is decided on the
// unrounded score; more digits were noise a reader cannot use, and the
// store keeps a three-decimal value in 2 bytes instead of 8.
// (+ 0.0 turns a rounded -0.0 into 0.)
double ReportedScore(double score) { return std::round(score * 1000) / 1000 + 0.0; }

CueKind KindOf(const cxmap_lexicon_match& m, const TextAnalysis& a) {
  switch (m.kind) {
    case CXMAP_ENTRY_NEGATOR: return CueKind::kNegator;
    case CXMAP_ENTRY_INTENSIFIER: return CueKind::kIntensifier;
    case CXMAP_ENTRY_DIMINISHER: return CueKind::kDiminisher;
    case CXMAP_ENTRY_CONTRAST: return CueKind::kContrast;
    default: break;
  }
  if (m.token_count == 1 && m.first_token < a.tokens.size()) {
    int32_t k = a.tokens[m.first_token].kind;
    if (k == CXMAP_TOKEN_EMOJI || k == CXMAP_TOKEN_EMOTICON || k == CXMAP_TOKEN_LAUGHTER) {
      return CueKind::kEmoji;
    }
  }
  return CueKind::kCue;
}

// One immutable T per key per process, shared by every instance (one per
// worker thread): lexicons (~12k entries) and fastText models are costly to
// load and safe to read from many threads. `load` is a lambda, so each call
// site instantiates its own cache.
template <typename T, typename Load>
Result<std::shared_ptr<const T>> LoadOnce(const std::string& key, Load load) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const T>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  Result<T> loaded = load();
  if (!loaded.ok()) return loaded.status();
  auto shared = std::make_shared<const T>(std::move(loaded.value()));
  cache.emplace(key, shared);
  return shared;
}

}  // namespace

Result<std::unique_ptr<SentimentAnalysis>> SentimentAnalysis::Create(const Host& host,
                                                                     const OptionValues& o) {
  auto text = host.text();
  if (!text) return Status::NotSupported("this cxmap host lends no text services (ABI too old)");
  double threshold = o.GetReal("neutral_threshold", 0.05);
  if (threshold < 0 || threshold >= 1) {
    return Status::InvalidArgument("neutral_threshold must be in [0, 1)");
  }
  std::string dir = o.GetString("lexicon_dir");
  if (dir.empty()) dir = std::string(host.data_dir());
  auto lexicons = LoadOnce<LexiconSet>(dir, [&] { return LexiconSet::Load(*text, dir); });
  if (!lexicons.ok()) return lexicons.status();
  std::string spec = o.GetString("model");
  auto models = LoadOnce<ModelSet>(spec, [&] { return ModelSet::Load(spec); });
  if (!models.ok()) return models.status();
  BlendSettings blend;
  blend.model_weight = o.GetReal("model_weight", blend.model_weight);
  blend.neutral_gate = o.GetReal("model_neutral_gate", blend.neutral_gate);
  blend.lexicon_trust = o.GetReal("model_lexicon_trust", blend.lexicon_trust);
  blend.lexicon_trust_th = o.GetReal("model_lexicon_trust_th", blend.lexicon_trust_th);
  blend.lexicon_trust_vi = o.GetReal("model_lexicon_trust_vi", blend.lexicon_trust_vi);
  blend.no_cue_gate = o.GetReal("model_no_cue_gate", blend.no_cue_gate);
  blend.weak_cue_gate = o.GetReal("model_weak_cue_gate", blend.weak_cue_gate);
  blend.weak_cue_gate_th = o.GetReal("model_weak_cue_gate_th", blend.weak_cue_gate_th);
  if (blend.model_weight < 0) return Status::InvalidArgument("model_weight must be >= 0");
  if (!(blend.neutral_gate > 0)) {  // also refuses NaN; above 1 never gates
    return Status::InvalidArgument("model_neutral_gate must be > 0 (above 1: never neutral by the model)");
  }
  // A trust or gate of 0 would send a text with no cue down the lexicon's
  // branch (labelled negative); `!(x > 0)` also refuses NaN.
  for (auto [name, value] : {std::pair<const char*, double>{"model_lexicon_trust", blend.lexicon_trust},
                             {"model_lexicon_trust_th", blend.lexicon_trust_th},
                             {"model_lexicon_trust_vi", blend.lexicon_trust_vi},
                             {"model_no_cue_gate", blend.no_cue_gate},
                             {"model_weak_cue_gate", blend.weak_cue_gate},
                             {"model_weak_cue_gate_th", blend.weak_cue_gate_th}}) {
    if (!(value > 0)) return Status::InvalidArgument(std::string(name) + " must be > 0 (above 1: never)");
  }
  std::shared_ptr<const ModelSet> bundled = std::make_shared<const ModelSet>();
  if (o.GetBool("bundled_models", true)) {
    // The shipped models belong with the shipped lexicons: always the
    // plugin's own data folder, whatever lexicon_dir says.
    std::string data_dir(host.data_dir());
    auto loaded = LoadOnce<ModelSet>(data_dir, [&] { return ModelSet::LoadBundled(data_dir); });
    if (!loaded.ok()) return loaded.status();
    bundled = *loaded;
  }
  auto ws = text->NewWorkspace();
  if (!ws.ok()) return ws.status();
  return std::make_unique<SentimentAnalysis>(*lexicons, *models, std::move(bundled),
                                             std::move(ws.value()), threshold, blend);
}

Result<Verdict> SentimentAnalysis::WithBundledModel(Verdict lexicon, const TextAnalysis& a,
                                                    size_t first, size_t count) const {
  std::string_view group = LexiconGroup(a.language);
  if (!bundled_->Has(group)) return lexicon;
  count = std::min(count, a.tokens.size() - std::min(first, a.tokens.size()));
  if (!last_.valid || last_.first != first || last_.count != count) {
    auto p = bundled_->Predict(group, ModelTokens(a, first, count));
    if (!p.ok()) return p.status();
    last_ = {true, first, count, std::move(p.value())};
  }
  if (last_.verdict.label.empty()) return lexicon;
  return Blend(std::move(lexicon), last_.verdict, group, blend_);
}

namespace {

// A text or sentence that only asks is neutral (context_rules.h AsksOnly).
void AsksNothingElse(const TextAnalysis& a, const std::vector<Cue>& cues, size_t first,
                     size_t count, Verdict* v) {
  // A verdict this sure (the bundled model on a rhetorical question: "ไป
  // กันมั้ย", "ได้กี่บาทวะ") keeps its label.
  if (v->label == "neutral" || std::abs(v->score) >= kAskedSureScore ||
      !AsksOnly(a, cues, first, count, LexiconGroup(a.language))) {
    return;
  }
  v->label = "neutral";
  v->score = 0;
  v->evidence.push_back("rule:asks");
}

}  // namespace

Result<Verdict> SentimentAnalysis::ModelVerdictOf(const TextAnalysis& a, size_t first,
                                                  size_t count) const {
  std::string_view group = LexiconGroup(a.language);
  if (!models_->Has(group)) return Verdict{};
  auto p = models_->Predict(group, ModelTokens(a, first, count));
  if (!p.ok()) return p.status();
  Verdict v;
  if (p->label.empty()) return v;
  v.label = p->label;
  v.score = p->score;
  char evidence[64];
  std::snprintf(evidence, sizeof(evidence), "model:%.*s(%s %.2f)", int(group.size()), group.data(),
                p->label.c_str(), p->probability);
  v.evidence.push_back(evidence);
  return v;
}

Result<std::vector<Cue>> SentimentAnalysis::CuesOf(std::string_view text,
                                                   std::string_view hint, TextAnalysis* out) {
  auto analysis = ws_.Analyze(text, hint);
  if (!analysis.ok()) return analysis.status();
  const TextAnalysis& a = *analysis;
  *out = a;
  // Each script run is scored with its own language's lexicon; a text in
  // one language has one run.
  std::set<std::string_view> groups;
  std::vector<std::string_view> run_groups;  // per run, in text order
  run_groups.reserve(a.runs.size());
  for (const auto& run : a.runs) {
    run_groups.push_back(LexiconGroup(FromC(run.tag)));
    groups.insert(run_groups.back());
  }
  if (groups.empty()) groups.insert(LexiconGroup(a.language));
  // The run a match starts in, found by binary search over the runs (in
  // text order, not overlapping): scanning every run per match made a long
  // mixed-language text quadratic.
  bool ordered = true;  // each run starts where or after the previous one ends
  for (size_t r = 1; r < a.runs.size(); ++r) ordered &= a.runs[r].begin >= a.runs[r - 1].end;
  auto inside_run_of = [&](const cxmap_lexicon_match& m, std::string_view group) {
    if (!ordered) {  // not what the host gives, but then every run is asked
      for (size_t r = 0; r < a.runs.size(); ++r) {
        if (run_groups[r] == group && m.begin >= a.runs[r].begin && m.end <= a.runs[r].end) return true;
      }
      return false;
    }
    auto after = std::upper_bound(a.runs.begin(), a.runs.end(), m.begin,
                                  [](size_t at, const cxmap_language_run& r) { return at < r.begin; });
    if (after == a.runs.begin()) return false;
    const size_t run = static_cast<size_t>(after - a.runs.begin()) - 1;
    return run_groups[run] == group && m.end <= a.runs[run].end;
  };
  std::vector<Cue> cues;
  for (std::string_view group : groups) {
    auto matches = ws_.Match(lexicons_->For(group));
    if (!matches.ok()) return matches.status();
    for (const auto& m : *matches) {
      if (groups.size() > 1 && !inside_run_of(m, group)) continue;  // another language's run
      Cue c;
      c.text = text.substr(m.begin, m.end - m.begin);
      c.begin = m.begin;
      c.kind = KindOf(m, a);
      c.base_weight = m.base_weight;
      c.final_weight = m.final_weight;
      c.sentence = m.sentence;
      c.first_token = m.first_token;
      c.token_count = m.token_count;
      c.negated = m.flags & CXMAP_MATCH_NEGATED;
      c.intensified = m.flags & CXMAP_MATCH_INTENSIFIED;
      c.diminished = m.flags & CXMAP_MATCH_DIMINISHED;
      c.before_contrast = m.flags & CXMAP_MATCH_BEFORE_CONTRAST;
      c.after_contrast = m.flags & CXMAP_MATCH_AFTER_CONTRAST;
      cues.push_back(c);
    }
  }
  std::stable_sort(cues.begin(), cues.end(),
                   [](const Cue& x, const Cue& y) { return x.text.data() < y.text.data(); });
  AppendEmphaticQuestions(a, text, &cues);
  std::string_view group = LexiconGroup(a.language);
  AppendWaitComplaints(a, text, group, &cues);
  ApplyRules(a, group, &cues, text);
  AppendStuckComplaints(a, text, group, &cues);
  ApplyContextRules(a, group, &cues, text);
  return cues;
}

Status SentimentAnalysis::AnalyzeOne(size_t index, std::string_view text, std::string_view hint,
                                     ResultWriter& out) {
  last_.valid = false;
  TextAnalysis a;
  auto cues = CuesOf(text, hint, &a);
  if (!cues.ok()) return cues.status();
  auto model = ModelVerdictOf(a, 0, a.tokens.size());
  if (!model.ok()) return model.status();
  bool by_model = !model->label.empty();
  Verdict v;
  if (by_model) {
    v = std::move(model.value());
  } else {
    auto blended = WithBundledModel(scorer_.Score(*cues), a, 0, a.tokens.size());
    if (!blended.ok()) return blended.status();
    v = std::move(blended.value());
    AsksNothingElse(a, *cues, 0, a.tokens.size(), &v);
  }
  CXMAP_RETURN_IF_ERROR(out.Set(index, "label", Value::String(v.label), v.evidence, v.spans));
  CXMAP_RETURN_IF_ERROR(out.Set(index, "score", Value::Real(ReportedScore(v.score))));
  std::vector<Verdict> lexicon;  // per sentence, made on first need
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    const auto& sent = a.sentences[s];
    std::string_view sentence = text.substr(sent.begin, sent.end - sent.begin);
    Verdict sv;
    if (by_model) {  // one decider per record: sentences too
      auto m = ModelVerdictOf(a, sent.first_token, sent.token_count);
      if (!m.ok()) return m.status();
      sv = std::move(m.value());
    }
    if (sv.label.empty()) {
      if (lexicon.empty()) lexicon = scorer_.ScoreSentences(*cues, a.sentences.size());
      auto blended = WithBundledModel(std::move(lexicon[s]), a,
                                      sent.first_token, sent.token_count);
      if (!blended.ok()) return blended.status();
      sv = std::move(blended.value());
      AsksNothingElse(a, *cues, sent.first_token, sent.token_count, &sv);
    }
    CXMAP_RETURN_IF_ERROR(out.SetSentence(index, static_cast<int32_t>(s), sentence, "label",
                                          Value::String(sv.label), sv.evidence, sv.spans));
    CXMAP_RETURN_IF_ERROR(
        out.SetSentence(index, static_cast<int32_t>(s), sentence, "score",
                        Value::Real(ReportedScore(sv.score))));
  }
  return Status::Ok();
}

Status SentimentAnalysis::Analyze(const RecordBatch& batch, ResultWriter& out) {
  for (size_t i = 0; i < batch.size(); ++i) {
    CXMAP_RETURN_IF_ERROR(AnalyzeOne(i, batch[i].text(), batch[i].language(), out));
  }
  return Status::Ok();
}

}  // namespace cxmap::sentiment
