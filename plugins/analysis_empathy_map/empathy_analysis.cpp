// SPDX-License-Identifier: Apache-2.0
#include "empathy_analysis.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace cxmap::empathy {

namespace {

// The cue set is parsed once per process per folder and shared by every
// instance (one per worker thread).
Result<std::shared_ptr<const CueSet>> SharedCues(const TextServices& text, const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const CueSet>> cache;
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(dir); it != cache.end()) return it->second;
  auto set = CueSet::Load(text, dir);
  if (!set.ok()) return set.status();
  auto shared = std::make_shared<const CueSet>(std::move(set.value()));
  cache.emplace(dir, shared);
  return shared;
}

Value EmotionValue(Emotion e) {
  return e == Emotion::kNone ? Value::Null() : Value::String(EmotionName(e));
}

std::string CountsJson(const RecordVerdict& r) {
  std::string json = "{";
  for (int q = 0; q < kQuadrantCount; ++q) {
    json += (q ? ",\"" : "\"") + std::string(QuadrantName(static_cast<Quadrant>(q))) +
            "\":" + std::to_string(r.counts[q]);
  }
  return json + "}";
}

bool AsksSomething(std::string_view sentence) {
  return sentence.find('?') != std::string_view::npos ||
         sentence.find("\xEF\xBC\x9F") != std::string_view::npos;  // fullwidth ？
}

}  // namespace

Result<std::unique_ptr<EmpathyAnalysis>> EmpathyAnalysis::Create(const Host& host,
                                                                 const OptionValues& o) {
  auto text = host.text();
  if (!text) return Status::NotSupported("this cxmap host lends no text services (ABI too old)");
  std::string dir = o.GetString("cue_dir");
  if (dir.empty()) dir = std::string(host.data_dir());
  auto cues = SharedCues(*text, dir);
  if (!cues.ok()) return cues.status();
  auto ws = text->NewWorkspace();
  if (!ws.ok()) return ws.status();
  QuadrantModel model;
  if (o.GetBool("quadrant_model", true)) {
    QuadrantModelSettings settings;
    settings.overrule = o.GetReal("quadrant_model_overrule", settings.overrule);
    settings.fill = o.GetReal("quadrant_model_fill", settings.fill);
    // Shipped models live with the plugin, whatever cue_dir says.
    auto loaded = QuadrantModel::LoadBundled(std::string(host.data_dir()), settings);
    if (!loaded.ok()) return loaded.status();
    model = std::move(loaded.value());
  }
  return std::make_unique<EmpathyAnalysis>(*cues, std::move(ws.value()), o.GetBool("per_sentence"),
                                           std::move(model));
}

Status EmpathyAnalysis::CollectHits(const TextAnalysis& a, std::string_view text) {
  // Clause of every token: punctuation ends one (agents and negators do
  // not reach across a comma).
  clause_.assign(a.tokens.size(), 0);
  uint32_t clause = 0;
  for (size_t t = 0; t < a.tokens.size(); ++t) {
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT) ++clause;
    clause_[t] = clause;
  }
  hits_.assign(a.sentences.size(), {});
  auto matches = ws_.Match(cues_->lexicon());
  if (!matches.ok()) return matches.status();
  order_.clear();
  for (const cxmap_lexicon_match& m : *matches) {
    const CueEntry* cue = cues_->entry(m.entry);
    if (cue == nullptr || cue->term != FromC(m.term) || m.sentence >= hits_.size() ||
        m.end > text.size() || m.begin > m.end) {
      return Status::Internal("lexicon match does not map back to a cue entry");
    }
    order_.push_back(&m);
  }
  // Text order, which the agent and negator look-backs rely on.
  std::stable_sort(order_.begin(), order_.end(),
                   [](const cxmap_lexicon_match* x, const cxmap_lexicon_match* y) { return x->begin < y->begin; });
  for (const cxmap_lexicon_match* m : order_) {
    Hit h;
    h.cue = cues_->entry(m->entry);
    h.text = text.substr(m->begin, m->end - m->begin);
    h.begin = m->begin;
    h.clause = m->first_token < clause_.size() ? clause_[m->first_token] : clause;
    h.negated = (m->flags & CXMAP_MATCH_NEGATED) != 0;
    std::vector<Hit>& sentence = hits_[m->sentence];
    if (h.negated) {  // name the negator: the nearest one before it in its clause
      for (auto it = sentence.rbegin(); it != sentence.rend() && it->clause == h.clause; ++it) {
        if (it->cue->role == CueRole::kNegator) {
          h.negator = it->text;
          break;
        }
      }
    }
    sentence.push_back(h);
  }
  return Status::Ok();
}

Status EmpathyAnalysis::AnalyzeOne(size_t index, std::string_view text, std::string_view hint,
                                   ResultWriter& out) {
  auto analysis = ws_.Analyze(text, hint);
  if (!analysis.ok()) return analysis.status();
  TextAnalysis a = *analysis;  // views stay valid until the next Analyze
  CXMAP_RETURN_IF_ERROR(CollectHits(a, text));
  std::vector<SentenceVerdict> verdicts;
  verdicts.reserve(a.sentences.size());
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    std::string_view sentence = text.substr(a.sentences[s].begin, a.sentences[s].end - a.sentences[s].begin);
    verdicts.push_back(DecideSentence(hits_[s], AsksSomething(sentence)));
    model_.Apply(a, a.sentences[s].first_token, a.sentences[s].token_count, &verdicts.back());
  }
  RecordVerdict r = DecideRecord(verdicts);
  CXMAP_RETURN_IF_ERROR(out.Set(index, "quadrant", Value::String(QuadrantName(r.quadrant)), r.evidence,
                                r.spans));
  CXMAP_RETURN_IF_ERROR(out.Set(index, "emotion", EmotionValue(r.emotion)));
  CXMAP_RETURN_IF_ERROR(out.Set(index, "quadrants", Value::Json(CountsJson(r))));
  if (!per_sentence_) return Status::Ok();
  for (size_t s = 0; s < verdicts.size(); ++s) {
    const SentenceVerdict& v = verdicts[s];
    auto i = static_cast<int32_t>(s);
    std::string_view sentence = text.substr(a.sentences[s].begin, a.sentences[s].end - a.sentences[s].begin);
    CXMAP_RETURN_IF_ERROR(
        out.SetSentence(index, i, sentence, "quadrant", Value::String(QuadrantName(v.quadrant)),
                        v.evidence, v.spans));
    CXMAP_RETURN_IF_ERROR(out.SetSentence(index, i, sentence, "emotion", EmotionValue(v.emotion)));
    CXMAP_RETURN_IF_ERROR(out.SetSentence(index, i, sentence, "item", Value::String(v.item)));
  }
  return Status::Ok();
}

Status EmpathyAnalysis::Analyze(const RecordBatch& batch, ResultWriter& out) {
  for (size_t i = 0; i < batch.size(); ++i) {
    CXMAP_RETURN_IF_ERROR(AnalyzeOne(i, batch[i].text(), batch[i].language(), out));
  }
  return Status::Ok();
}

}  // namespace cxmap::empathy
