// SPDX-License-Identifier: Apache-2.0
#include "cue_index.h"

#include <algorithm>
#include <cstdio>

namespace cxmap::journey {

namespace {

std::string ToTsv(const std::vector<Cue>& cues) {
  std::string tsv;
  char weight[32];
  for (const Cue& c : cues) {
    std::snprintf(weight, sizeof weight, "%g", c.weight);
    // A vi/th/zh cue only matches text in that language: folded, "thẻ"
    // would otherwise match English "the" and "nồi" "noi". English cues
    // match everywhere (loanwords: "app", "ship", "review" in Vietnamese).
    bool scoped = c.lang == "vi" || c.lang == "th" || c.lang == "zh";
    tsv += c.term + "\t" + weight + "\tcue" + (scoped ? "\t" + c.lang : std::string()) + "\n";
  }
  return tsv;
}

Result<Lexicon> Compile(const TextServices& text, const std::vector<Cue>& cues,
                        const std::string& origin) {
  if (cues.empty()) return Lexicon();
  return text.ParseLexicon(ToTsv(cues), origin);
}

// Script of a cue, from its first Thai or Han code point (UTF-8 lead bytes:
// Thai U+0E00..0E7F is E0 B8/B9; CJK ideographs U+3400..9FFF are E3..E9).
std::string_view ScriptOf(std::string_view term) {
  for (size_t i = 0; i + 1 < term.size(); ++i) {
    auto b0 = static_cast<unsigned char>(term[i]), b1 = static_cast<unsigned char>(term[i + 1]);
    if (b0 == 0xE0 && (b1 == 0xB8 || b1 == 0xB9)) return "th";
    if (b0 >= 0xE3 && b0 <= 0xE9 && !(b0 == 0xE3 && b1 < 0x90)) return "zh";
  }
  return "";
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool Inside(const Hit& inner, const Hit& outer) {
  return outer.begin <= inner.begin && inner.end <= outer.end &&
         outer.end - outer.begin > inner.end - inner.begin;
}

}  // namespace

Result<CueIndex> CueIndex::Build(const TextServices& text, Journey& journey) {
  CueIndex index;
  index.touchpoints_ = journey.touchpoints.size();
  for (const Touchpoint& tp : journey.touchpoints) {
    auto lex = Compile(text, tp.cues, "touchpoint '" + tp.id + "' cues");
    if (!lex.ok()) return lex.status();
    index.lists_.push_back({ListFamily::kTouchpoint, std::move(lex.value())});
  }
  for (const Stage& s : journey.stages) {
    auto lex = Compile(text, s.cues, "stage '" + s.id + "' cues");
    if (!lex.ok()) return lex.status();
    index.lists_.push_back({ListFamily::kStage, std::move(lex.value())});
  }
  Status status = Status::Ok();
  auto compile_any = [&](Expr& any) {
    if (!status.ok()) return;
    std::vector<Cue> cues;
    for (const std::string& term : any.args) {
      if (term.empty() || term.find_first_of("\t\r\n") != std::string::npos || term[0] == '#') {
        status = Status::InvalidArgument("any(\"" + term + "\"): a phrase must be non-empty, on one "
                                         "line, without tabs or a leading '#'");
        return;
      }
      cues.push_back({term, 1.0, "any"});
    }
    auto lex = Compile(text, cues, "any(...)");
    if (!lex.ok()) {
      status = lex.status();
      return;
    }
    any.list = static_cast<int>(index.lists_.size());
    index.lists_.push_back({ListFamily::kExpression, std::move(lex.value())});
  };
  auto compile_rules = [&](std::vector<Rule>& rules) {
    for (Rule& r : rules) ForEachAny(r.when, compile_any);
  };
  for (Touchpoint& tp : journey.touchpoints) {
    compile_rules(tp.rules);
    if (tp.unless) ForEachAny(tp.unless->when, compile_any);
  }
  for (Stage& s : journey.stages) compile_rules(s.rules);
  if (!status.ok()) return status;
  return index;
}

std::string CueIndex::DomainWords(const Journey& journey, std::string_view lang) {
  std::string words;
  for (const Touchpoint& tp : journey.touchpoints) {
    for (const Cue& c : tp.cues) {
      // Short nouns only: a long phrase made one word would hide the words
      // inside it from other plugins' lexicons (送得很快 hides 很快).
      if (ScriptOf(c.term) == lang && c.term.find(' ') == std::string::npos &&
          CodePoints(c.term) <= (lang == "zh" ? 3u : 6u)) {
        words += c.term + "\n";
      }
    }
  }
  return words;
}

Status CueIndex::Match(TextWorkspace& ws, std::vector<Hit>* hits) const {
  hits->clear();
  for (size_t l = 0; l < lists_.size(); ++l) {
    if (lists_[l].lexicon.raw() == nullptr) continue;
    auto matches = ws.Match(lists_[l].lexicon);
    if (!matches.ok()) return matches.status();
    for (const cxmap_lexicon_match& m : *matches) {
      hits->push_back({static_cast<int>(l), m.begin, m.end, m.sentence, m.base_weight, FromC(m.term)});
    }
  }
  // Family rule: within touchpoints (and within stages) the longer phrase
  // wins, as inside one lexicon; expression lists keep every hit. In text
  // order, a hit that covers `h` starts at most `longest` bytes before it,
  // so each hit looks at a window of its neighbours, not at every hit
  // (which made a long transcript quadratic).
  auto by_begin = [](const Hit& a, const Hit& b) { return a.begin < b.begin; };
  std::stable_sort(hits->begin(), hits->end(), by_begin);
  size_t longest = 0;
  for (const Hit& h : *hits) longest = std::max(longest, h.end - h.begin);
  std::vector<Hit> kept;
  kept.reserve(hits->size());
  for (const Hit& h : *hits) {
    ListFamily f = family(h.list);
    bool shadowed = false;
    if (f != ListFamily::kExpression) {
      Hit from = h;
      from.begin = h.begin > longest ? h.begin - longest : 0;
      auto first = std::lower_bound(hits->begin(), hits->end(), from, by_begin);
      auto last = std::upper_bound(first, hits->end(), h, by_begin);
      shadowed = std::any_of(first, last, [&](const Hit& o) {
        return o.list != h.list && family(o.list) == f && Inside(h, o);
      });
    }
    if (!shadowed) kept.push_back(h);
  }
  hits->swap(kept);
  return Status::Ok();
}

}  // namespace cxmap::journey
