// SPDX-License-Identifier: Apache-2.0
#include "core/text/language_id.h"

#include <unicode/uchar.h>

#include <cstring>
#include <utility>

#include "core/text/fold.h"
#include "core/text/utf8.h"
#include "core/text/word_lists.h"

namespace cxmap::core {
namespace {

enum class Script { kCommon, kLatin, kThai, kHan, kOther };

Script ScriptOfNonAscii(char32_t c) {
  if (utf8::IsLatin(c)) return Script::kLatin;
  if (utf8::IsThai(c)) return Script::kThai;
  if (utf8::IsHan(c) || utf8::IsKana(c)) return Script::kHan;
  if (u_isalpha(static_cast<UChar32>(c))) return Script::kOther;
  return Script::kCommon;
}

// Inline: called for every character of the text (twice for Latin ones).
inline Script ScriptOf(char32_t c) {
  if (c < 0x80) return utf8::IsAsciiAlpha(c) ? Script::kLatin : Script::kCommon;
  return ScriptOfNonAscii(c);
}

bool IsViSpecific(char32_t c) {
  switch (c) {
    case 0x102: case 0x103: case 0xC2: case 0xE2: case 0x110: case 0x111: case 0xCA: case 0xEA:
    case 0xD4: case 0xF4: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0: case 0x128: case 0x129:
    case 0x168: case 0x169: case 0x309: case 0x323: case 0x31B:
      return true;
    default:
      return c >= 0x1EA0 && c <= 0x1EF9;
  }
}

bool IsRomanceAccent(char32_t c) {  // shared by Vietnamese and Western languages
  switch (c) {
    case 0xE0: case 0xE1: case 0xE8: case 0xE9: case 0xEC: case 0xED: case 0xF2: case 0xF3:
    case 0xF9: case 0xFA: case 0xFD: case 0xE3: case 0xF5: case 0x300: case 0x301: case 0x303:
      return true;
    default:
      return false;
  }
}

struct Run {
  size_t begin, end;
  Script script;
  double weight = 0;
  const char* tag = "";  // a literal below
  // Counted while splitting, so Thai and Han runs are not decoded again.
  int hant = 0, hans = 0, kana = 0, han = 0;
};

// Whether a folded ASCII word can be one Vietnamese syllable typed without
// marks: an initial consonant cluster of the language (b, ch, gh, gi, kh,
// ngh, nh, ph, qu, th, tr, …) and a rhyme it has (ươ, â, ê, ô, ơ, ư folded:
// "uong", "ay", "ieu", "oanh"). English words mostly fail ("thing", "late",
// "good", "were"); short ones that pass ("tin", "hang") are rare in feedback
// or already in the word lists, which vote first.
bool IsViSyllableShape(std::string_view w) {
  static constexpr std::string_view kInitials[] = {
      "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g",
      "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"};
  static constexpr std::string_view kRhymes[] = {
      "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "e", "ec",
      "ech", "em", "en", "enh", "eo", "ep", "et", "eu", "i", "ia", "ich", "iec", "iem", "ien",
      "ieng", "iep", "iet", "ieu", "im", "in", "inh", "ip", "it", "iu", "o", "oa", "oac", "oach",
      "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oc", "oe", "oen", "oeo",
      "oet", "oi", "om", "on", "ong", "ooc", "oong", "op", "ot", "u", "ua", "uan", "uang",
      "uanh", "uat", "uay", "uc", "ue", "uech", "uen", "uenh", "uet", "ui", "um", "un", "ung",
      "uo", "uoc", "uoi", "uom", "uon", "uong", "uop", "uot", "uou", "up", "ut", "uu", "uy",
      "uya", "uych", "uyen", "uyet", "uynh", "uyt", "uyu", "y", "yem", "yen", "yet", "yeu"};
  if (w.empty() || w.size() > 7) return false;
  auto rhyme_ok = [](std::string_view r) {
    for (std::string_view k : kRhymes) {
      if (r == k) return true;
    }
    return false;
  };
  if (rhyme_ok(w)) return true;  // no initial: "an", "uong"
  for (std::string_view i : kInitials) {
    if (w.substr(0, i.size()) == i && rhyme_ok(w.substr(i.size()))) return true;
  }
  return false;
}

// Votes of the words of one Latin run.
const char* TagLatin(std::string_view s, double* words) {
  const Folder& folder = Folder::Get();
  const WordLists& lists = WordLists::Get();
  double vi = 0, en = 0, other = 0;
  thread_local std::string word;  // reused: no allocation per text
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t c = utf8::Next(s, &i);
    if (ScriptOf(c) != Script::kLatin) continue;
    bool vi_letter = false, romance = false, foreign = false;
    word.clear();
    for (size_t j = start; j < s.size();) {
      unsigned char b = static_cast<unsigned char>(s[j]);
      if (b < 0x80) {  // ASCII: no accent of any kind; folding is lower case
        if (!utf8::IsAsciiAlpha(b) && b != '\'') break;
        word.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
        i = j = j + 1;
        continue;
      }
      size_t k = j;
      char32_t d = utf8::Next(s, &k);
      if (ScriptOf(d) != Script::kLatin && d != '\'') break;
      vi_letter |= IsViSpecific(d);
      romance |= IsRomanceAccent(d);
      foreign |= d >= 0x80 && !IsViSpecific(d) && !IsRomanceAccent(d) && !(d >= 0x1E00);
      if (char32_t f = folder.FoldChar(d)) utf8::Append(f, &word);
      i = j = k;
    }
    bool is_vi, is_en;
    lists.Classify(word, &is_vi, &is_en);
    // A word no list knows (a brand, a name: "L'Oréal", "iPhone") weighs
    // half in the text's vote, so "L'Oréal Paris ค่ะ" reads as Thai.
    *words += (vi_letter || is_vi || is_en) ? 1 : 0.5;
    // Vietnamese is written without apostrophes inside words.
    bool elided = word.find('\'') != std::string::npos && word.back() != '\'';
    if (vi_letter) vi += 2;
    else if (foreign) other += 1;
    else if (is_vi && !is_en) vi += romance ? 1.5 : 1;
    else if (is_en && !is_vi) en += 1;
    else if (romance && elided) other += 1;
    else if (romance) vi += 0.5, other += 0.4;
    // An unknown word: one that cannot be a Vietnamese syllable is English
    // (or a name); one that can leans Vietnamese, so text typed without
    // marks outside the word lists ("doi 3 tuan moi toi") still reads vi.
    else if (!is_vi && !romance && IsViSyllableShape(word)) vi += 0.4;
    else if (!is_vi) en += 0.3;  // unknown Latin word: lean English
  }
  if (*words == 0) return "und";
  if (other > vi && other > en) return "und";
  return vi > en ? "vi" : "en";
}

// A Han run from the counts SplitRuns made.
const char* TagHan(const Run& run, double* weight) {
  *weight = 0.7 * (run.han + run.kana);
  if (run.kana > 0) return "und";  // Japanese
  return run.hant > run.hans ? "zh-Hant" : "zh-Hans";
}

// Splits `s` into script runs (common characters join the run before them,
// leading ones the first run) and, on the way, weighs Thai runs (0.35 per
// Thai code point, summed in text order) and counts Han runs' characters.
void SplitRuns(std::string_view s, std::vector<Run>* out) {
  const Folder& folder = Folder::Get();
  std::vector<Run>& runs = *out;
  runs.clear();
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = utf8::Next(s, &i);
    Script script = ScriptOf(c);
    if (script == Script::kCommon) continue;
    if (runs.empty()) {
      runs.push_back({0, start, script});
    } else if (runs.back().script != script) {
      runs.back().end = start;
      runs.push_back({start, start, script});
    }
    Run& run = runs.back();
    run.end = i;
    if (script == Script::kThai) {
      run.weight += 0.35;  // every kThai code point is Thai
    } else if (script == Script::kHan) {
      if (utf8::IsKana(c)) ++run.kana;
      if (utf8::IsHan(c)) {
        ++run.han;
        HanClass cls = folder.ClassOf(c);
        run.hant += cls == HanClass::kTraditional;
        run.hans += cls == HanClass::kSimplified;
      }
    }
  }
  if (!runs.empty()) runs.back().end = s.size();
}

}  // namespace

LanguageResult DetectLanguage(std::string_view utf8) {
  LanguageResult result;
  DetectLanguage(utf8, &result);
  return result;
}

void DetectLanguage(std::string_view utf8, LanguageResult* out) {
  LanguageResult& result = *out;
  // The result's runs are overwritten in place (their tag strings keep
  // their buffers) and trimmed at the end.
  size_t used = 0;
  const char* last_tag = nullptr;
  thread_local std::vector<Run> runs;  // reused: no allocation per text
  SplitRuns(utf8, &runs);
  for (Run& run : runs) {
    std::string_view part = utf8.substr(run.begin, run.end - run.begin);
    switch (run.script) {
      case Script::kLatin: run.tag = TagLatin(part, &run.weight); break;
      case Script::kHan: run.tag = TagHan(run, &run.weight); break;
      case Script::kThai: run.tag = "th"; break;  // weighed by SplitRuns
      default: run.tag = "und", run.weight = 0.5; break;
    }
    if (last_tag != nullptr && std::strcmp(last_tag, run.tag) == 0) {
      result.runs[used - 1].end = run.end;
    } else if (used < result.runs.size()) {
      LanguageRun& r = result.runs[used++];
      r.begin = run.begin, r.end = run.end, r.tag.assign(run.tag);
    } else {
      result.runs.push_back({run.begin, run.end, run.tag});
      ++used;
    }
    last_tag = run.tag;
  }
  result.runs.resize(used);
  // Whole-text tag: most weight summed per tag (in run order), ties to the
  // earlier run. At most six tags: a small array instead of a map.
  std::pair<std::string_view, double> weight[8];
  size_t tags = 0;
  auto slot = [&](std::string_view tag) -> double& {
    for (size_t k = 0; k < tags; ++k) {
      if (weight[k].first == tag) return weight[k].second;
    }
    weight[tags] = {tag, 0.0};
    return weight[tags++].second;
  };
  // An "und" run (another script, or Latin names no list knows) weighs
  // half: a known language around it decides the text.
  for (const Run& run : runs) slot(run.tag) += std::strcmp(run.tag, "und") == 0 ? run.weight / 2 : run.weight;
  double best = 0;
  result.tag = "und";
  for (const Run& run : runs) {
    if (slot(run.tag) > best) best = slot(run.tag), result.tag = run.tag;
  }
  if (result.runs.empty() && !utf8.empty()) result.runs.push_back({0, utf8.size(), "und"});
}

}  // namespace cxmap::core
