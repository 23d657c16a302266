// SPDX-License-Identifier: Apache-2.0
#include "journey_analysis.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <span>
#include <mutex>

namespace cxmap::journey {

namespace {

// The journey is parsed and compiled once per process per set of files and
// shared by every instance (one per worker thread).
Result<std::shared_ptr<const LoadedJourney>> SharedJourney(const TextServices& text,
                                                           const JourneyFiles& files,
                                                           bool add_words) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const LoadedJourney>> cache;
  std::lock_guard<std::mutex> lock(mu);
  std::string key = files.catalogue + "\n" + files.model + (add_words ? "\n+" : "\n-");
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto journey = LoadJourney(files);
  if (!journey.ok()) return journey.status();
  if (add_words) {
    // Before the lexicons are keyed. Chinese only: there the cues lift
    // touchpoint accuracy ~3 points (jieba hides short cues in longer
    // words). Thai cues already match across the segmenter's words (dev and
    // test touchpoint and stage accuracy are the same without them), while
    // adding them re-segments every Thai text for every plugin, including
    // the bundled Thai sentiment model, trained on the segmenter's own words
    // ("ส่งของช้ามาก ไม่ประทับใจ" read ส่งของ as one unknown word and came
    // out positive). A missing Chinese dictionary is not fatal: matching
    // then runs per character.
    std::string words = CueIndex::DomainWords(*journey, "zh");
    if (!words.empty()) (void)text.AddWords("zh", words);
  }
  auto index = CueIndex::Build(text, *journey);
  if (!index.ok()) return index.status();
  auto loaded = std::make_shared<const LoadedJourney>(
      LoadedJourney{std::move(journey.value()), std::move(index.value())});
  cache.emplace(key, loaded);
  return loaded;
}

// Whether tokens [first, first+count) ask: a "?" or a question word of
// the text's language (folded keys): Chinese 吗/请问/是否…, Thai ไหม/
// หรือเปล่า/กี่…, Vietnamese "bao lâu/bao giờ/bao nhiêu", "cho hỏi", a
// clause-final "không/chưa" after "có/được"; English has its "?".
// Whether tokens [first, first+count) offer two options: "or", "hay",
// "hoặc", "หรือ", "还是", "或者" (folded keys) between two words. Asked, that
// is choosing between final options: "12 tháng hay 24 tháng?",
// "签一年还是两年？"; said, it leans the same way, less (issue 17, round 3:
// "iPhone還是Pixel，想了一整個禮拜", "máy giặt cửa trước hay cửa trên đây").
bool OffersAlternatives(const TextAnalysis& a, size_t first, size_t count) {
  static constexpr std::string_view kWords[] = {"or", "hay", "hoac", "หรือ", "还是", "或者", "或是", "定系"};
  size_t end = std::min(first + count, a.tokens.size());
  auto key = [&](size_t t) { return FromC(a.tokens[t].key); };
  auto word = [&](size_t t) {
    return t >= first && t < end && a.tokens[t].kind != CXMAP_TOKEN_PUNCT &&
           a.tokens[t].sentence == a.tokens[first].sentence;
  };
  auto in = [](std::string_view k, std::initializer_list<std::string_view> ws) {
    return std::find(ws.begin(), ws.end(), k) != ws.end();
  };
  for (size_t t = first; t < end; ++t) {
    std::string_view k = key(t);
    if (std::find(std::begin(kWords), std::end(kWords), k) == std::end(kWords)) continue;
    // An option on each side ("iPhone还是Pixel", "cửa trước hay cửa trên",
    // "ฝาหน้าหรือฝาบน", "12 or 24 months"), and not the other senses of
    // the words: 还是 "still" before a negator or degree word (还是不行,
    // 还是很好用); "hay" "good/often" (rất hay, phim hay quá, hay bị lỗi);
    // "or not / or so / or something"; Thai หรือ closing a question or
    // asking "yet? / or not?" (หรือยัง, หรือเปล่า, หรือไม่).
    if (t == 0 || !word(t - 1) || !word(t + 1)) continue;
    std::string_view next = key(t + 1), prev = key(t - 1);
    if (k == "还是" && (in(next, {"不", "没", "没有", "很", "挺", "有", "一样", "会", "要", "老样子",
                                  "那么", "这么", "决定", "觉得", "选", "选了", "买了"}) ||
                       next.substr(0, 3) == "不" || next.substr(0, 3) == "没")) {
      continue;
    }
    if (k == "hay" && (in(prev, {"rat", "kha", "qua", "that", "cung", "thuong", "phim", "nhac",
                                 "truyen", "sach", "hat", "noi", "choi"}) ||
                       in(next, {"qua", "lam", "ghe", "that", "nhi", "day", "luon", "bi", "ko",
                                 "khong", "k", "dung", "nha", "the", "vay", "ha"}))) {
      continue;
    }
    if (k == "or" && in(next, {"not", "so", "something", "else", "whatever", "anything", "two"})) {
      continue;
    }
    // หรือยัง "yet?", หรือเปล่า / หรือไม่ "or not?" ask about one thing (issue 17, round 4:
    // "ทัวร์รวมค่าเรือหรือยังคะ" asks, it does not choose).
    if (k == "หรือ" && in(next, {"ยัง", "เปล่า", "ไม่", "ป่าว", "ยังคะ", "ยังครับ"})) continue;
    return true;
  }
  return false;
}

bool Asks(const TextAnalysis& a, size_t first, size_t count) {
  static constexpr std::string_view kWords[] = {
      "吗", "请问", "是否", "能否", "能不能", "可不可以", "有没有", "多少钱", "几时", "咩",
      "ไหม", "มั้ย", "มั๊ย", "ไหมคะ", "ไหมครับ", "มั้ยคะ", "มั้ยครับ", "หรือเปล่า", "รึเปล่า",
      "หรือยัง", "เท่าไหร่", "เท่าไร", "ได้ไหม", "กี่", "ยังไง", "อย่างไร", "สอบถาม"};
  size_t end = std::min(first + count, a.tokens.size());
  std::string_view prev;
  for (size_t t = first; t < end; ++t) {
    std::string_view k = FromC(a.tokens[t].key);
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT) {
      if (k.find('?') != std::string_view::npos) return true;
      prev = {};
      continue;
    }
    for (std::string_view w : kWords) {
      if (k == w) return true;
    }
    if ((prev == "bao" && (k == "lau" || k == "gio" || k == "nhieu")) ||
        ((prev == "cho" || prev == "minh" || prev == "em") && k == "hoi") ||
        (prev == "ดี" && (k == "คะ" || k == "ครับ" || k == "คับ")) ||  // "…หรือ…ดีคะ"
        (prev == "หรือ" && (k == "ยัง" || k == "ยังคะ" || k == "ยังครับ" || k == "เปล่า"))) {  // หรือ|ยัง split
      return true;
    }
    prev = k;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<JourneyAnalysis>> JourneyAnalysis::Create(const Host& host,
                                                                 const OptionValues& o) {
  auto text = host.text();
  if (!text) return Status::NotSupported("this cxmap host lends no text services (ABI too old)");
  double min_confidence = o.GetReal("min_confidence", 0);
  if (min_confidence < 0 || min_confidence > 1) {
    return Status::InvalidArgument("min_confidence must be in [0, 1]");
  }
  std::string dir = o.GetString("journey_dir");
  if (dir.empty()) dir = std::string(host.data_dir());
  JourneyFiles files;
  files.catalogue = o.GetString("catalogue_file");
  if (files.catalogue.empty()) files.catalogue = dir + "/touchpoints.toml";
  files.model = o.GetString("model_file");
  if (files.model.empty()) {
    std::string model = o.GetString("model", "cjm6");
    if (model != "cjm6" && model != "5a" && model != "4stage") {
      return Status::InvalidArgument("model '" + model +
                                     "' is not built in (cjm6, 5a, 4stage); use model_file for your own");
    }
    files.model = dir + "/model_" + model + ".toml";
  }
  auto loaded = SharedJourney(*text, files, o.GetBool("add_words"));
  if (!loaded.ok()) return loaded.status();
  auto ws = text->NewWorkspace();
  if (!ws.ok()) return ws.status();
  // Shipped models live with the plugin, whatever journey_dir says.
  std::string data_dir(host.data_dir());
  TouchpointModel touchpoint_model;
  if (o.GetBool("touchpoint_model", true)) {
    TouchpointModelSettings settings;
    settings.overrule = o.GetReal("touchpoint_model_overrule", settings.overrule);
    settings.fill = o.GetReal("touchpoint_model_fill", settings.fill);
    auto loaded_model = TouchpointModel::LoadBundled(data_dir, (*loaded)->journey, settings, min_confidence);
    if (!loaded_model.ok()) return loaded_model.status();
    touchpoint_model = std::move(loaded_model.value());
  }
  StageModel stage_model;
  if (o.GetBool("stage_model", true)) {
    StageModelSettings settings;
    settings.overrule = o.GetReal("stage_model_overrule", settings.overrule);
    settings.fill = o.GetReal("stage_model_fill", settings.fill);
    settings.overrule_structural =
        o.GetReal("stage_model_overrule_structural", settings.overrule_structural);
    auto loaded_model = StageModel::LoadBundled(data_dir, (*loaded)->journey, settings);
    if (!loaded_model.ok()) return loaded_model.status();
    stage_model = std::move(loaded_model.value());
  }
  return std::make_unique<JourneyAnalysis>(*loaded, std::move(ws.value()), min_confidence,
                                           o.GetBool("per_sentence"), std::move(touchpoint_model),
                                           std::move(stage_model));
}

Status JourneyAnalysis::Write(size_t index, int32_t sentence, std::string_view text,
                              const Assignment& a, ResultWriter& out) {
  const Journey& j = loaded_->journey;
  const Touchpoint* best = a.best >= 0 ? &j.touchpoints[static_cast<size_t>(a.best)] : nullptr;
  static const std::vector<std::string> kNone;
  const TouchpointScore* top = best != nullptr ? &a.touchpoints[0] : nullptr;
  auto set = [&](std::string_view field, const Value& v, const std::vector<std::string>& ev,
                 std::span<const EvidenceSpan> spans = {}) {
    return sentence < 0 ? out.Set(index, field, v, ev, spans)
                        : out.SetSentence(index, sentence, text, field, v, ev, spans);
  };
  CXMAP_RETURN_IF_ERROR(set("touchpoint", best ? Value::String(best->id) : Value::Null(),
                            top ? top->evidence : kNone,
                            top ? std::span<const EvidenceSpan>(top->spans) : std::span<const EvidenceSpan>()));
  CXMAP_RETURN_IF_ERROR(set("confidence", Value::Real(a.confidence), {}));
  CXMAP_RETURN_IF_ERROR(set("touchpoints", Value::Json(assigner_.TouchpointsJson(a)), {}));
  CXMAP_RETURN_IF_ERROR(set("stage",
                            a.stage >= 0 ? Value::String(j.stages[static_cast<size_t>(a.stage)].id)
                                         : Value::Null(),
                            a.stage_evidence, a.stage_spans));
  CXMAP_RETURN_IF_ERROR(set("owner", best ? Value::String(best->owner) : Value::Null(), {}));
  CXMAP_RETURN_IF_ERROR(set("mapped", Value::Bool(best != nullptr), {}));
  if (sentence < 0) CXMAP_RETURN_IF_ERROR(set("model", Value::String(j.model_id), {}));
  return Status::Ok();
}

Status JourneyAnalysis::AnalyzeOne(size_t index, const RecordView& record, ResultWriter& out) {
  std::string_view text = record.text();
  auto analysis = ws_.Analyze(text, record.language());
  if (!analysis.ok()) return analysis.status();
  TextAnalysis a = *analysis;  // views stay valid until the next Analyze
  CXMAP_RETURN_IF_ERROR(loaded_->index.Match(ws_, &hits_));
  ExprContext context;
  context.record = &record;
  context.language = record.language().empty() ? a.language : record.language();
  context.asks = Asks(a, 0, a.tokens.size());
  context.offers_alternatives = OffersAlternatives(a, 0, a.tokens.size());
  Assignment whole = assigner_.Assign(hits_, -1, context);
  // Each model runs once on the record; a sentence that is the whole
  // record (most feedback is one sentence) reuses those predictions.
  const support::GroupModels::Top record_touchpoint = touchpoint_model_.Predict(a, 0, a.tokens.size());
  const support::GroupModels::Top record_stage = stage_model_.Predict(a, 0, a.tokens.size());
  touchpoint_model_.Apply(record_touchpoint, &whole);
  stage_model_.Apply(record_stage, &whole);
  CXMAP_RETURN_IF_ERROR(Write(index, -1, {}, whole, out));
  if (!per_sentence_) return Status::Ok();
  // Hits are in text order, so each sentence's are one run: hand each
  // sentence its own run rather than every hit of the text (quadratic in
  // the length of a long transcript). Out of order, every hit is filtered.
  const bool runs = std::is_sorted(hits_.begin(), hits_.end(),
                                   [](const Hit& x, const Hit& y) { return x.sentence < y.sentence; });
  size_t next = 0;
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    std::string_view sentence = text.substr(a.sentences[s].begin, a.sentences[s].end - a.sentences[s].begin);
    std::span<const Hit> mine(hits_);
    if (runs) {
      while (next < hits_.size() && hits_[next].sentence < s) ++next;
      size_t end = next;
      while (end < hits_.size() && hits_[end].sentence == s) ++end;
      mine = std::span<const Hit>(hits_).subspan(next, end - next);
      next = end;
    }
    context.asks = Asks(a, a.sentences[s].first_token, a.sentences[s].token_count);
    context.offers_alternatives =
        OffersAlternatives(a, a.sentences[s].first_token, a.sentences[s].token_count);
    Assignment sa = assigner_.Assign(mine, static_cast<int64_t>(s), context);
    const size_t first = a.sentences[s].first_token, count = a.sentences[s].token_count;
    const bool is_record = first == 0 && count >= a.tokens.size();
    touchpoint_model_.Apply(is_record ? record_touchpoint : touchpoint_model_.Predict(a, first, count), &sa);
    stage_model_.Apply(is_record ? record_stage : stage_model_.Predict(a, first, count), &sa);
    CXMAP_RETURN_IF_ERROR(Write(index, static_cast<int32_t>(s), sentence, sa, out));
  }
  return Status::Ok();
}

Status JourneyAnalysis::Analyze(const RecordBatch& batch, ResultWriter& out) {
  for (size_t i = 0; i < batch.size(); ++i) {
    CXMAP_RETURN_IF_ERROR(AnalyzeOne(i, batch[i], out));
  }
  return Status::Ok();
}

}  // namespace cxmap::journey
