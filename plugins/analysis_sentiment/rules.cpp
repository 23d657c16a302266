// SPDX-License-Identifier: Apache-2.0
#include "rules.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

namespace cxmap::sentiment {

namespace {

bool IsScoring(const Cue& c) {
  return (c.kind == CueKind::kCue || c.kind == CueKind::kEmoji) && c.base_weight != 0;
}

// True when the token after `last` is in the same sentence and is a word
// (not punctuation, not the end): a negator there starts a statement.
bool FollowedByWord(const TextAnalysis& a, size_t last) {
  size_t next = last + 1;
  if (next >= a.tokens.size() || a.tokens[next].sentence != a.tokens[last].sentence) return false;
  return a.tokens[next].kind != CXMAP_TOKEN_PUNCT;
}

bool SentenceAsks(const TextAnalysis& a, uint32_t sentence) {
  if (sentence >= a.sentences.size()) return false;
  const cxmap_sentence& s = a.sentences[sentence];
  for (size_t t = s.first_token; t < s.first_token + s.token_count && t < a.tokens.size(); ++t) {
    std::string_view key = FromC(a.tokens[t].key);
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT && key.find('?') != std::string_view::npos) return true;
  }
  return false;
}

bool IsWishModal(std::string_view key) {
  static constexpr std::string_view kModals[] = {"would", "could", "should", "would've",
                                                 "could've", "should've", "wish", "wished"};
  for (std::string_view m : kModals) {
    if (key == m) return true;
  }
  return false;
}

// Whether one of the kWishReach tokens before `first`, in its sentence, is
// a wish modal.
bool AfterWish(const TextAnalysis& a, size_t first) {
  for (size_t back = 1; back <= kWishReach && back <= first; ++back) {
    const cxmap_token& t = a.tokens[first - back];
    if (t.sentence != a.tokens[first].sentence || t.kind == CXMAP_TOKEN_PUNCT) return false;
    if (IsWishModal(FromC(t.key))) return true;
  }
  return false;
}

bool IsThanks(const TextAnalysis& a, const Cue& c) {
  if (c.token_count == 0 || c.first_token >= a.tokens.size()) return false;
  std::string_view key = FromC(a.tokens[c.first_token].key);
  return key == "thanks" || key == "thank" || key == "thx" || key == "thks" || key == "tks";
}

// "thanks for losing my luggage", "thx for not responding": a thanks whose
// "for" is followed, within kThanksReach tokens of its sentence, by a
// negative cue or a negator (scored before this rule, so rules above apply).
bool SarcasticThanks(const TextAnalysis& a, const std::vector<Cue>& cs, size_t i) {
  const Cue& thanks = cs[i];
  size_t next = thanks.first_token + thanks.token_count;
  if (next >= a.tokens.size() || FromC(a.tokens[next].key) != "for") return false;
  for (size_t j = i + 1; j < cs.size(); ++j) {
    const Cue& c = cs[j];
    if (c.sentence != thanks.sentence || c.first_token > next + kThanksReach) break;
    if (c.kind == CueKind::kNegator || (IsScoring(c) && c.final_weight < 0)) return true;
  }
  return false;
}

// Vietnamese sentence-final particles: "còn size S ko ạ", "được không vậy
// shop" still end the question after the negator (keys are folded).
bool IsViFinalParticle(std::string_view key) {
  static constexpr std::string_view kParticles[] = {"a", "ah", "ak", "vay", "z", "nhi", "ha",
                                                    "ho", "shop", "sh", "ad", "b", "ban", "nha",
                                                    "nhe", "chi", "anh", "em", "ta", "the"};
  for (std::string_view p : kParticles) {
    if (key == p) return true;
  }
  return false;
}

// Whether the negator ending at token `last` ends its clause, allowing up
// to two final particles after it.
bool EndsViClause(const TextAnalysis& a, size_t last) {
  size_t t = last;
  for (int particles = 0; particles <= 2; ++particles) {
    if (!FollowedByWord(a, t)) return true;
    if (!IsViFinalParticle(FromC(a.tokens[t + 1].key))) return false;
    ++t;
  }
  return !FollowedByWord(a, t);
}

bool Contains(std::string_view text, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (text.find(n) != std::string_view::npos) return true;
  }
  return false;
}

std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

bool IsThanksCue(const Cue& c) {
  std::string t = AsciiLowerCopy(c.text);
  return Contains(t, {"thank", "thx", "cảm ơn", "cám ơn", "cam on", "camon", "谢谢", "謝謝",
                      "多谢", "多謝", "感谢", "感謝", "ขอบคุณ", "ขอบใจ"});
}

bool HasRequestMarker(std::string_view text) {
  std::string t = AsciiLowerCopy(text);
  return Contains(t, {"please", "pls", "plz", "could you", "can you", "could someone",
                      "làm ơn", "vui lòng", "giúp", "giùm", "dùm", "lam on", "vui long",
                      "giup", "gium", "dum", "请", "請", "麻烦", "麻煩", "帮我", "幫我",
                      "รบกวน", "ช่วย", "ด้วยค่ะ", "ด้วยครับ", "ด้วยนะ"});
}

}  // namespace

void ApplyRules(const TextAnalysis& a, std::string_view group, std::vector<Cue>* cues,
                std::string_view text) {
  std::vector<Cue>& cs = *cues;
  for (Cue& c : cs) {
    // The matcher flipped it with x -0.75; "not bad" is only faintly good.
    if (c.negated && c.base_weight < 0) c.final_weight *= kNegatedNegativeScale;
  }
  for (size_t i = 0; i < cs.size(); ++i) {
    Cue& neg = cs[i];
    if (neg.kind != CueKind::kNegator || neg.token_count == 0) continue;
    // The negator is used when the next scoring cue, before any other
    // negator, was negated by the matcher.
    bool used = false;
    for (size_t j = i + 1; j < cs.size() && cs[j].kind != CueKind::kNegator; ++j) {
      if (IsScoring(cs[j])) {
        used = cs[j].negated;
        break;
      }
    }
    if (used) continue;
    // Vietnamese ends yes/no questions with không / chưa ("có giao không").
    if (group == "vi" && EndsViClause(a, neg.first_token + neg.token_count - 1)) continue;
    if (SentenceAsks(a, neg.sentence)) continue;
    neg.bare_negation = true;
    neg.final_weight = kBareNegation;
  }
  // Irony: an upside-down face or an eye roll turns the praise around.
  if (Contains(text, {"\U0001F643", "\U0001F644"})) {
    for (Cue& c : cs) {
      if (c.kind == CueKind::kCue && c.base_weight > 0 && c.final_weight > 0) {
        c.final_weight *= kIronyScale;
      }
    }
  }
  // Politeness: thanks closing a request, with nothing else positive.
  if (!text.empty() && HasRequestMarker(text)) {
    bool other_positive = false;
    for (const Cue& c : cs) {
      if (IsScoring(c) && c.final_weight > 0.2 && !IsThanksCue(c)) other_positive = true;
    }
    if (!other_positive) {
      for (Cue& c : cs) {
        if (IsScoring(c) && c.final_weight > 0 && IsThanksCue(c)) c.final_weight *= kPoliteThanksScale;
      }
    }
  }
  if (group == "en") {
    for (Cue& c : cs) {
      if (IsScoring(c) && c.final_weight > 0 && !c.negated && AfterWish(a, c.first_token)) {
        c.final_weight *= kWishScale;
      }
    }
    for (size_t i = 0; i < cs.size(); ++i) {
      Cue& c = cs[i];
      if (IsScoring(c) && c.final_weight > 0 && IsThanks(a, c) && SarcasticThanks(a, cs, i)) {
        c.final_weight *= kSarcasticThanksScale;
      }
    }
  }
}

}  // namespace cxmap::sentiment

namespace cxmap::sentiment {

void AppendEmphaticQuestions(const TextAnalysis& a, std::string_view text, std::vector<Cue>* cues) {
  size_t before = cues->size();
  for (size_t t = 0; t < a.tokens.size();) {
    // A run of adjacent punctuation tokens made only of ? and ! (the
    // matching form has made full-width ？！ ASCII).
    size_t end = t, marks = 0, questions = 0;
    while (end < a.tokens.size() && a.tokens[end].kind == CXMAP_TOKEN_PUNCT &&
           (end == t || a.tokens[end].begin == a.tokens[end - 1].end)) {
      std::string_view key = FromC(a.tokens[end].key);
      if (key.find_first_not_of("?!") != std::string_view::npos) break;
      marks += key.size();
      questions += std::count(key.begin(), key.end(), '?');
      ++end;
    }
    if (end > t && marks >= 2 && questions >= 1 && a.tokens[end - 1].end <= text.size()) {
      Cue c;
      c.text = text.substr(a.tokens[t].begin, a.tokens[end - 1].end - a.tokens[t].begin);
      c.begin = a.tokens[t].begin;
      c.base_weight = c.final_weight = kEmphaticQuestion;
      c.sentence = a.tokens[t].sentence;
      c.first_token = t;
      c.token_count = end - t;
      cues->push_back(c);
    }
    t = end > t ? end : t + 1;
  }
  if (cues->size() == before) return;
  std::stable_sort(cues->begin(), cues->end(),
                   [](const Cue& x, const Cue& y) { return x.text.data() < y.text.data(); });
}

}  // namespace cxmap::sentiment
