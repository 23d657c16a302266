// SPDX-License-Identifier: Apache-2.0
#include "core/text/text_services_abi.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/text/chinese_segmenter.h"
#include "core/text/fold.h"
#include "core/text/lexicon_matcher.h"
#include "core/text/matching_form.h"
#include "core/text/text_analyzer.h"
#include "core/text/thai_segmenter.h"
#include "cxmap/strings.h"

struct cxmap_text_workspace {
  cxmap::core::TextAnalyzer analyzer;
  cxmap::core::LexiconMatcher matcher;
  cxmap::core::MatchingForm form;
  std::vector<cxmap_language_run> runs;
  std::vector<cxmap_sentence> sentences;
  std::vector<cxmap_token> tokens;
  std::vector<cxmap_str> exact_keys;  // parallel to tokens (ABI 1.2)
  std::vector<cxmap::core::LexiconMatch> matches;
  std::vector<cxmap_lexicon_match> c_matches;
  cxmap_text_analysis view{};
  std::string folded;
};

struct cxmap_lexicon {
  std::unique_ptr<cxmap::core::Lexicon> lexicon;
};

namespace cxmap::core {
namespace {

int32_t Fail(cxmap_error* error, int32_t code, std::string_view message) {
  if (error != nullptr) {
    error->code = code;
    size_t n = std::min(message.size(), size_t(CXMAP_ERROR_MESSAGE_CAPACITY - 1));
    std::memcpy(error->message, message.data(), n);
    error->message[n] = '\0';
  }
  return code;
}

int32_t FromStatus(const Status& s, cxmap_error* error) {
  return s.ok() ? CXMAP_OK : Fail(error, static_cast<int32_t>(s.code()), s.message());
}

// Runs `body`, turning any exception into CXMAP_INTERNAL: none may cross.
template <typename F>
int32_t Guard(cxmap_error* error, F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Fail(error, CXMAP_INTERNAL, std::string("text services: ") + e.what());
  } catch (...) {
    return Fail(error, CXMAP_INTERNAL, "text services: unknown exception");
  }
}

int32_t WorkspaceNew(cxmap_text_workspace** out, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    *out = new cxmap_text_workspace();
    return CXMAP_OK;
  });
}

void WorkspaceFree(cxmap_text_workspace* ws) { delete ws; }

int32_t Analyze(cxmap_text_workspace* ws, cxmap_str text, cxmap_str hint,
                const cxmap_text_analysis** out, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    if (ws == nullptr || out == nullptr) return Fail(error, CXMAP_INVALID_ARGUMENT, "null workspace");
    const TextAnalysis& a = ws->analyzer.Analyze(FromC(text), FromC(hint));
    ws->runs.clear();
    for (const LanguageRun& r : a.language.runs) ws->runs.push_back({r.begin, r.end, ToC(r.tag)});
    ws->sentences.clear();
    for (const Sentence& s : a.sentences) ws->sentences.push_back({s.begin, s.end, s.first_token, s.token_count});
    ws->tokens.clear();
    ws->exact_keys.clear();
    for (const Token& t : a.tokens) {
      ws->tokens.push_back({t.begin, t.end, ToC(a.key(t)), int32_t(t.kind), t.sentence, t.run});
      ws->exact_keys.push_back(ToC(a.exact(t)));
    }
    ws->view = {sizeof(cxmap_text_analysis), ToC(a.language.tag), ws->runs.data(), ws->runs.size(),
                ws->sentences.data(), ws->sentences.size(), ws->tokens.data(), ws->tokens.size(),
                ws->exact_keys.data()};
    *out = &ws->view;
    return CXMAP_OK;
  });
}

int32_t FoldText(cxmap_text_workspace* ws, cxmap_str text, cxmap_str* out, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    if (ws == nullptr || out == nullptr) return Fail(error, CXMAP_INVALID_ARGUMENT, "null workspace");
    ws->form.Build(FromC(text));
    ws->folded.clear();
    Folder::Get().FoldAppend(ws->form.text(), &ws->folded);
    *out = ToC(ws->folded);
    return CXMAP_OK;
  });
}

int32_t Wrap(Result<std::unique_ptr<Lexicon>> r, cxmap_lexicon** out, cxmap_error* error) {
  if (!r.ok()) return FromStatus(r.status(), error);
  *out = new cxmap_lexicon{std::move(r).value()};
  return CXMAP_OK;
}

// Entry keys are built with a thread's own analyzer; loading is rare.
TextAnalyzer& LoaderAnalyzer() {
  thread_local TextAnalyzer analyzer;
  return analyzer;
}

int32_t LexiconLoad(cxmap_str path, cxmap_lexicon** out, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    return Wrap(Lexicon::Load(std::string(FromC(path)), &LoaderAnalyzer()), out, error);
  });
}

int32_t LexiconParse(cxmap_str tsv, cxmap_str origin, cxmap_lexicon** out, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    return Wrap(Lexicon::Parse(FromC(tsv), FromC(origin), &LoaderAnalyzer()), out, error);
  });
}

void LexiconFree(cxmap_lexicon* lexicon) { delete lexicon; }

int32_t LexiconMatch(cxmap_text_workspace* ws, const cxmap_lexicon* lexicon,
                     const cxmap_lexicon_match** out, size_t* count, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    if (ws == nullptr || lexicon == nullptr || out == nullptr || count == nullptr) {
      return Fail(error, CXMAP_INVALID_ARGUMENT, "null argument");
    }
    ws->matcher.Match(ws->analyzer.last(), *lexicon->lexicon, &ws->matches);
    ws->c_matches.clear();
    for (const core::LexiconMatch& m : ws->matches) {
      const LexiconEntry& e = lexicon->lexicon->entries()[m.entry];
      ws->c_matches.push_back({m.begin, m.end, ToC(e.term), int32_t(e.kind), m.entry, m.base_weight,
                               m.final_weight, m.flags, m.sentence, m.first_token, m.token_count});
    }
    *out = ws->c_matches.data();
    *count = ws->c_matches.size();
    return CXMAP_OK;
  });
}

int32_t AddWords(cxmap_str lang, cxmap_str words, cxmap_error* error) {
  return Guard(error, [&]() -> int32_t {
    std::vector<std::string> list;
    std::string_view rest = FromC(words);
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view w = rest.substr(0, nl);
      if (!w.empty()) list.emplace_back(FromC(lang) == "zh" ? Folder::Get().Fold(w) : std::string(w));
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    }
    if (FromC(lang) == "th") return FromStatus(ThaiSegmenter::AddDomainWords(list), error);
    if (FromC(lang) == "zh") {
      if (ChineseSegmenter::AddDomainWords(list)) return int32_t(CXMAP_OK);
      return Fail(error, CXMAP_NOT_SUPPORTED, "Chinese dictionary (jieba dict.txt) not found");
    }
    return Fail(error, CXMAP_INVALID_ARGUMENT, "add_words: language must be th or zh");
  });
}

constexpr cxmap_text_services kTable = {
    sizeof(cxmap_text_services), &WorkspaceNew, &WorkspaceFree, &Analyze, &FoldText,
    &LexiconLoad, &LexiconParse, &LexiconFree, &LexiconMatch, &AddWords};

}  // namespace

const cxmap_text_services* TextServicesTable() { return &kTable; }

}  // namespace cxmap::core
