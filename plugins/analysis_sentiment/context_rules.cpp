// SPDX-License-Identifier: Apache-2.0
// The question, wish, irony and negation rules with their per-language word
// tables (the wait and stuck complaints are in complaint_rules.cpp).
#include "context_rules.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "context_words.h"

namespace cxmap::sentiment {

using namespace context;

namespace {

// Whether tokens [begin, end) ask (see SentenceIsQuestion).
bool RangeIsQuestion(const TextAnalysis& a, size_t begin, size_t end, std::string_view group) {
  bool exclaims = false;
  size_t first_word = end, last_word = end;
  for (size_t t = begin; t < end; ++t) {
    std::string_view k = Key(a, t);
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT) {
      if (k.find('?') != std::string_view::npos) return true;
      exclaims |= k.find('!') != std::string_view::npos;
      continue;
    }
    if (!IsWord(a, t)) continue;
    if (first_word == end) first_word = t;
    last_word = t;
    if (group == "zh" &&
        In(k, {"吗", "么", "请问", "是否", "能否", "能不能", "可不可以", "有没有", "多少", "几时",
               "什么时候", "哪里", "咩", "未呢", "几耐", "点解"})) {
      return true;
    }
    if (group == "th" &&
        In(k, {"ไหม", "มั้ย", "มั๊ย", "ไม๊", "เหรอ", "หรอ", "หรือเปล่า", "รึเปล่า", "หรือยัง", "รึยัง", "ยังไง",
               "อย่างไร", "เท่าไหร่", "เท่าไร", "ที่ไหน", "ได้ไหม", "ดีไหม", "สอบถาม", "กี่"})) {
      return true;
    }
    if (group == "vi") {
      // Two-syllable question words: "bao lâu", "bao giờ", "ở đâu", "thế
      // nào", "cho hỏi" (hỏi only with its marks or after cho: hơi = a bit).
      std::string_view prev = t > begin ? Key(a, t - 1) : std::string_view();
      if ((prev == "bao" && In(k, {"lau", "gio", "nhieu"})) || (prev == "o" && k == "dau") ||
          (In(prev, {"the", "nhu"}) && k == "nao") || Exact(a, t) == "hỏi" ||
          (In(prev, {"cho", "minh", "em", "toi"}) && k == "hoi")) {
        return true;
      }
    }
  }
  if (first_word == end || exclaims) return false;
  if (group == "en") {
    return In(Key(a, first_word),
              {"is",    "are",    "was", "were", "do",     "does",    "did",     "can",
               "could", "should", "has", "have", "how",    "what",    "when",    "where",
               "which", "who",    "why", "any",  "anyone", "anybody", "is there"});
  }
  if (group == "vi") {
    // "có … không", "được không ạ", "còn hàng chưa shop": a final negator
    // asks, also before up to two sentence-final particles.
    size_t t = last_word;
    for (int particles = 0; particles < 2 && t > first_word; ++particles) {
      if (!In(Key(a, t), {"a", "ah", "ak", "vay", "z", "shop", "sh", "ad", "ban", "nha", "nhe",
                          "chi", "anh", "em", "ta", "the", "mn", "moi nguoi"})) {
        break;
      }
      --t;
    }
    return t > first_word &&
           In(Key(a, t), {"khong", "ko", "k", "kh", "hok", "hong", "khum", "chua", "ha", "nhi"});
  }
  return false;
}

}  // namespace

bool SentenceIsQuestion(const TextAnalysis& a, uint32_t sentence, std::string_view group) {
  if (sentence >= a.sentences.size()) return false;
  const cxmap_sentence& s = a.sentences[sentence];
  return RangeIsQuestion(a, s.first_token,
                         std::min<size_t>(s.first_token + s.token_count, a.tokens.size()), group);
}

bool ClauseIsQuestion(const TextAnalysis& a, size_t token, std::string_view group) {
  if (token >= a.tokens.size() || a.tokens[token].sentence >= a.sentences.size()) return false;
  const cxmap_sentence& s = a.sentences[a.tokens[token].sentence];
  size_t send = std::min<size_t>(s.first_token + s.token_count, a.tokens.size());
  size_t lo = token, hi = token + 1;
  while (lo > s.first_token && a.tokens[lo - 1].kind != CXMAP_TOKEN_PUNCT) --lo;
  while (hi < send && a.tokens[hi].kind != CXMAP_TOKEN_PUNCT) ++hi;
  // The clause and the punctuation that closes it ("很好吃?，…": only 很好吃 asks).
  return RangeIsQuestion(a, lo, std::min(hi + 1, send), group);
}

namespace {

bool IsWishWord(const TextAnalysis& a, size_t t, std::string_view group) {
  std::string_view k = Key(a, t);
  if (group == "zh") return In(k, {"希望", "建议", "要是", "请", "麻烦", "期待"});
  if (group == "th") {
    // อยากให้ may come segmented as อยาก + ให้.
    if (k == "ให้" && t > 0 && Key(a, t - 1) == "อยาก") return true;
    return In(k, {"อยากให้", "หวังว่า", "ขอให้", "ควร", "ควรจะ", "น่าจะ", "รบกวน", "ช่วย"});
  }
  if (group == "vi") {
    return In(Exact(a, t),
              {"mong", "mong muốn", "hy vọng", "hi vọng", "hy vong", "hi vong", "ước gì", "giá mà",
               "nên", "cần", "đề nghị", "góp ý", "làm ơn", "vui lòng", "xin"});
  }
  return false;
}

}  // namespace

namespace {

// "why", "tại sao", "ทำไม", "为什么": a question that complains.
bool AsksWhy(const TextAnalysis& a, uint32_t sentence) {
  const cxmap_sentence& s = a.sentences[sentence];
  size_t end = std::min<size_t>(s.first_token + s.token_count, a.tokens.size());
  for (size_t t = s.first_token; t < end; ++t) {
    std::string_view k = Key(a, t);
    if (In(k, {"why", "sao", "tai sao", "vi sao", "ทำไม", "为什么", "为啥", "怎么", "凭什么",
               "点解", "咋", "干嘛"})) {
      return true;
    }
  }
  return false;
}

bool IsQuote(std::string_view text, size_t at, size_t* len) {
  static constexpr std::string_view kQuotes[] = {"\"",     "\u201C", "\u201D", "\u300C",
                                                 "\u300D", "\u300E", "\u300F"};
  for (std::string_view q : kQuotes) {
    if (text.substr(at, q.size()) == q) {
      *len = q.size();
      return true;
    }
  }
  return false;
}

// Whether [begin, end) sits inside a short quotation: "fresh" bread,
// ship "hỏa tốc", 可真"特快". Scare quotes around praise are irony.
bool InScareQuotes(std::string_view text, size_t begin, size_t end) {
  constexpr size_t kReach = 24;  // bytes between a quote and the word
  bool open = false, close = false;
  size_t len = 0;
  for (size_t at = begin; at-- > 0 && begin - at <= kReach;) {
    if (IsQuote(text, at, &len)) {
      open = true;
      break;
    }
  }
  for (size_t at = end; at < text.size() && at - end <= kReach; ++at) {
    if (IsQuote(text, at, &len)) {
      close = true;
      break;
    }
  }
  return open && close;
}

bool HasIronySmile(std::string_view text) {
  // 🙂 slightly smiling face, 👏 clapping hands: praise beside a complaint.
  return text.find("\U0001F642") != std::string_view::npos ||
         text.find("\U0001F44F") != std::string_view::npos;
}

bool IsLaughter(const TextAnalysis& a, const Cue& c) {
  return c.token_count == 1 && c.first_token < a.tokens.size() &&
         (a.tokens[c.first_token].kind == CXMAP_TOKEN_LAUGHTER || Key(a, c.first_token) == "lol");
}

// The first word of its sentence is 麻烦 / 麻煩 / รบกวน (please, would you).
bool IsRequestOpener(const TextAnalysis& a, const Cue& c) {
  if (c.first_token >= a.tokens.size() || c.sentence >= a.sentences.size()) return false;
  size_t first = a.sentences[c.sentence].first_token;
  while (first < c.first_token && !IsWord(a, first)) ++first;
  return first == c.first_token && In(Key(a, first), {"麻烦", "รบกวน"});
}

// A negator that says "no need" rather than "did not happen".
}  // namespace

bool context::IsNeedless(const TextAnalysis& a, const Cue& neg, std::string_view group) {
  std::string_view k = neg.token_count > 0 ? Key(a, neg.first_token) : std::string_view();
  size_t next = neg.first_token + neg.token_count;
  std::string_view after = next < a.tokens.size() && a.tokens[next].sentence == neg.sentence
                               ? Key(a, next)
                               : std::string_view();
  if (group == "th") return In(k, {"ไม่ต้อง"}) || (k == "ไม่" && after.substr(0, 9) == "ต้อง");
  if (group == "zh") {
    return In(k, {"不用", "不必", "无需", "无须", "免"}) ||
           (k == "不" && (after.substr(0, 3) == "用" || after.substr(0, 3) == "必"));
  }
  if (group == "vi") {
    // "không cần", "khỏi"; "không phải" is also "is not" (không phải hàng
    // chính hãng): needless only before an everyday verb (ko phải chờ).
    if (In(after, {"can"}) || In(k, {"khoi"})) return true;
    std::string_view verb =
        next + 1 < a.tokens.size() && a.tokens[next + 1].sentence == neg.sentence
            ? Key(a, next + 1)
            : std::string_view();
    return after == "phai" && In(verb, {"noi", "cho", "doi", "di", "lam", "goi", "hoi", "tra",
                                        "xep", "giai", "dien", "mang", "ra", "len", "nhac"});
  }
  return In(k, {"without"}) || In(after, {"need", "needed", "fuss", "hassle", "questions",
                                          "problem", "problems", "issues", "issue", "complaints"});
}

namespace {

// "issue", "sự cố", "ปัญหา", "问题": what "never had a single …" denies.
bool IsProblemNoun(const TextAnalysis& a, const Cue& c) {
  if (c.token_count == 0 || c.first_token >= a.tokens.size()) return false;
  std::string_view k = Key(a, c.first_token + c.token_count - 1);
  return In(
      k, {"issue", "issues", "problem", "problems", "complaint", "complaints", "trouble", "hiccup",
          "hiccups", "su co", "van de", "loi", "ปัญหา", "มีปัญหา", "问题", "毛病", "故障", "出问题"});
}

bool SameClause(const TextAnalysis& a, size_t from, size_t to) {
  for (size_t t = from; t < to && t < a.tokens.size(); ++t) {
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT) return false;
  }
  return true;
}

// The negator passes of ApplyContextRules: needless negators and far
// negation of problem nouns.
void ApplyNegationPasses(const TextAnalysis& a, std::string_view group, std::vector<Cue>* cues) {
  std::vector<Cue>& cs = *cues;
  // "No need to" is no complaint: ไม่ต้องเล่าซ้ำ, 不用发票, ko phải nói lại,
  // khỏi chờ, "without us even asking", "no fuss".
  for (Cue& neg : cs) {
    if (neg.bare_negation && IsNeedless(a, neg, group)) {
      neg.bare_negation = false;
      neg.final_weight = 0;
    }
  }
  // A negator the matcher found too far from its negative word ("never had
  // a single issue", "không phải nói lại lần nào") negates it still.
  for (size_t i = 0; i < cs.size(); ++i) {
    Cue& neg = cs[i];
    if (!neg.bare_negation) continue;
    size_t after = neg.first_token + neg.token_count;
    for (size_t j = i + 1; j < cs.size() && cs[j].sentence == neg.sentence; ++j) {
      Cue& c = cs[j];
      if (c.kind == CueKind::kNegator || c.first_token > after + kNegationReach) break;
      if (c.kind != CueKind::kCue || c.base_weight >= 0 || c.negated) continue;
      if (!IsProblemNoun(a, c)) break;  // "didn't say I was dumb" stays a complaint
      if (!SameClause(a, after, c.first_token)) break;
      c.negated = true;
      c.final_weight = -c.final_weight * kFarNegationScale;
      neg.bare_negation = false;
      neg.final_weight = 0;
      break;
    }
  }
}

}  // namespace

void ApplyContextRules(const TextAnalysis& a, std::string_view group, std::vector<Cue>* cues,
                       std::string_view text) {
  std::vector<Cue>& cs = *cues;
  ApplyNegationPasses(a, group, &cs);
  bool has_negative = false;
  for (const Cue& c : cs) {
    has_negative |= (c.kind == CueKind::kCue || c.bare_negation) && c.final_weight < 0;
  }
  bool irony = has_negative && HasIronySmile(text);
  for (const Cue& c : cs) {
    irony |= c.kind == CueKind::kCue && c.base_weight > 0 &&
             InScareQuotes(text, c.begin, c.begin + c.text.size());
  }
  for (Cue& c : cs) {
    bool positive = c.base_weight > 0 && c.final_weight > 0;
    // Once irony is marked, all the praise of the text is ironic ("yeah
    // sure, \"fresh\" bread that's hard as a rock. amazing.").
    if (irony && positive && (c.kind == CueKind::kCue || c.kind == CueKind::kEmoji)) {
      c.final_weight *= kIronyMarkScale;
      continue;
    }
    // Laughter beside a complaint is bitter, not glad ("sold me an expired
    // yogurt lol").
    if (has_negative && positive && c.kind == CueKind::kEmoji && IsLaughter(a, c)) {
      c.final_weight = 0;
      continue;
    }
    if (c.kind != CueKind::kCue) continue;
    // 麻烦… / รบกวน… opening a sentence asks a favour.
    if (c.base_weight < 0 && IsRequestOpener(a, c)) {
      c.final_weight = 0;
      continue;
    }
    int8_t q = ClauseIsQuestion(a, c.first_token, group) ? (AsksWhy(a, c.sentence) ? 2 : 1) : 0;
    if (q > 0 && positive) {
      c.final_weight *= kQuestionPraiseScale;
      continue;
    }
    // Not English: there (airline tweets) a question is mostly a complaint;
    // never an emphatic "??" (rules.h).
    bool emphatic = c.text.find_first_not_of("?!\xEF\xBC\x9F\x81") == std::string_view::npos;
    if (q == 1 && group != "en" && !emphatic && c.base_weight < 0 && c.final_weight < 0) {
      c.final_weight *= kQuestionComplaintScale;  // asked about, not complained of
      continue;
    }
    if (!positive || group == "en") continue;  // English wishes: rules.h
    for (size_t back = 1; back <= kWishWindow && back <= c.first_token; ++back) {
      size_t p = c.first_token - back;
      if (a.tokens[p].sentence != c.sentence) break;
      if (IsWishWord(a, p, group)) {
        c.final_weight *= kForeignWishScale;
        break;
      }
    }
  }
}

}  // namespace cxmap::sentiment

namespace cxmap::sentiment {

bool AsksOnly(const TextAnalysis& a, const std::vector<Cue>& cues, size_t first_token,
              size_t token_count, std::string_view group) {
  if (group == "en" || token_count == 0 || first_token + token_count > a.tokens.size()) return false;
  uint32_t first = a.tokens[first_token].sentence;
  uint32_t last = a.tokens[first_token + token_count - 1].sentence;
  for (uint32_t s = first; s <= last; ++s) {
    if (!SentenceIsQuestion(a, s, group) || AsksWhy(a, s)) return false;
  }
  if (group == "th") {
    // Thai social posts ask rhetorically ("ดีกว่ามั้ย", "ต้องทำยังไง",
    // "จะพามากินหรอ"): only a question for information counts (how many,
    // how much, when, "can I …?" asked politely).
    bool informs = false;
    for (size_t t = first_token; t < first_token + token_count; ++t) {
      std::string_view k = Key(a, t);
      if (In(k, {"ยังไง", "หรอ", "เหรอ", "ดีกว่า"})) return false;
      informs |= In(k, {"เท่าไหร่", "เท่าไร", "เมื่อไหร่", "เมื่อไร", "ได้ไหม", "ไหมคะ", "ไหมครับ",
                        "มั้ยคะ", "มั้ยครับ", "อะไรบ้าง", "หรือเปล่า", "รึเปล่า"}) ||
                 k.substr(0, 9) == "กี่";
      // ไหม / มั้ย after ได้ ("can I …?") or before a polite particle.
      informs |= In(k, {"ไหม", "มั้ย"}) &&
                 ((t > first_token && Key(a, t - 1) == "ได้") ||
                  (t + 1 < a.tokens.size() &&
                   In(Key(a, t + 1), {"ครับ", "คะ", "ค่ะ", "คับ", "จ๊ะ", "จ้ะ", "ขา"})));
    }
    if (!informs) return false;
  }
  for (const Cue& c : cues) {
    if (c.sentence < first || c.sentence > last) continue;
    // A negator among the last words of a question is its particle ("có màu
    // be ko ạ", "co kem ong dong ko shop"); anywhere else it negates ("ko
    // bao giờ quay lại", "hỏi gì cũng ko biết"). An opinion that survives
    // the question rules still speaks.
    if (c.kind == CueKind::kNegator) {
      size_t end = c.first_token + c.token_count, words_after = 0;
      for (size_t t = end; t < a.tokens.size() && a.tokens[t].sentence == c.sentence; ++t) {
        words_after += IsWord(a, t) ? 1 : 0;
      }
      if (words_after > 2) return false;
      continue;
    }
    if (std::abs(c.final_weight) >= kAskedOpinion) return false;
  }
  return true;
}

}  // namespace cxmap::sentiment
