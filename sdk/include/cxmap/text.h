// SPDX-License-Identifier: Apache-2.0
// C++ face of the host's text services (abi_text.h): RAII workspaces and
// lexicons, spans over the C views. Header-only; no exception is thrown.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "cxmap/abi_text.h"
#include "cxmap/status.h"
#include "cxmap/strings.h"

namespace cxmap {

namespace internal {
inline Status TextStatus(int32_t rc, const cxmap_error& e) {
  return rc == CXMAP_OK ? Status::Ok() : Status(static_cast<Code>(rc), e.message);
}
inline cxmap_error NewError() {
  cxmap_error e{};
  e.struct_size = sizeof(e);
  return e;
}
}  // namespace internal

/// A loaded lexicon (see abi_text.h for the TSV format). Immutable: share
/// one across threads. Move-only; frees itself.
class Lexicon {
 public:
  Lexicon() = default;
  Lexicon(const cxmap_text_services* t, cxmap_lexicon* l) : t_(t), l_(l) {}
  Lexicon(Lexicon&& o) noexcept : t_(o.t_), l_(std::exchange(o.l_, nullptr)) {}
  Lexicon& operator=(Lexicon&& o) noexcept {
    std::swap(t_, o.t_), std::swap(l_, o.l_);
    return *this;
  }
  ~Lexicon() { if (l_ != nullptr) t_->lexicon_free(l_); }
  const cxmap_lexicon* raw() const { return l_; }

 private:
  const cxmap_text_services* t_ = nullptr;
  cxmap_lexicon* l_ = nullptr;
};

/// Read-only view of one analysis; valid until the next call on its workspace.
struct TextAnalysis {
  std::string_view language;
  std::span<const cxmap_language_run> runs;
  std::span<const cxmap_sentence> sentences;
  std::span<const cxmap_token> tokens;
  /// Per token, the key with Vietnamese diacritics kept (ABI 1.2); empty
  /// when the host is older.
  std::span<const cxmap_str> exact_keys;
};

/// A per-thread workspace. Not thread-safe; create one per analysis
/// instance, never per text. Move-only; frees itself.
class TextWorkspace {
 public:
  TextWorkspace(const cxmap_text_services* t, cxmap_text_workspace* ws) : t_(t), ws_(ws) {}
  TextWorkspace(TextWorkspace&& o) noexcept : t_(o.t_), ws_(std::exchange(o.ws_, nullptr)) {}
  TextWorkspace& operator=(TextWorkspace&& o) noexcept {
    std::swap(t_, o.t_), std::swap(ws_, o.ws_);
    return *this;
  }
  ~TextWorkspace() { if (ws_ != nullptr) t_->workspace_free(ws_); }

  /// Analyses `text` (kept alive by the caller: offsets point into it).
  Result<TextAnalysis> Analyze(std::string_view text, std::string_view hint = {}) {
    cxmap_error e = internal::NewError();
    const cxmap_text_analysis* a = nullptr;
    int32_t rc = t_->analyze(ws_, ToC(text), ToC(hint), &a, &e);
    if (rc != CXMAP_OK) return internal::TextStatus(rc, e);
    TextAnalysis out{FromC(a->language), {a->runs, a->run_count},
                     {a->sentences, a->sentence_count}, {a->tokens, a->token_count}, {}};
    if (a->struct_size >= offsetof(cxmap_text_analysis, exact_keys) + sizeof(a->exact_keys) &&
        a->exact_keys != nullptr) {
      out.exact_keys = {a->exact_keys, a->token_count};
    }
    return out;
  }
  /// Matches of `lexicon` in the text last analysed here.
  Result<std::span<const cxmap_lexicon_match>> Match(const Lexicon& lexicon) {
    cxmap_error e = internal::NewError();
    const cxmap_lexicon_match* m = nullptr;
    size_t n = 0;
    int32_t rc = t_->lexicon_match(ws_, lexicon.raw(), &m, &n, &e);
    if (rc != CXMAP_OK) return internal::TextStatus(rc, e);
    return std::span<const cxmap_lexicon_match>(m, n);
  }
  /// The folded matching form of `text` (valid until the next call).
  Result<std::string_view> Fold(std::string_view text) {
    cxmap_error e = internal::NewError();
    cxmap_str out{};
    int32_t rc = t_->fold(ws_, ToC(text), &out, &e);
    if (rc != CXMAP_OK) return internal::TextStatus(rc, e);
    return FromC(out);
  }

 private:
  const cxmap_text_services* t_;
  cxmap_text_workspace* ws_;
};

/// Entry point to the text services; get it from Host::text().
class TextServices {
 public:
  explicit TextServices(const cxmap_text_services* t) : t_(t) {}

  Result<TextWorkspace> NewWorkspace() const {
    cxmap_error e = internal::NewError();
    cxmap_text_workspace* ws = nullptr;
    int32_t rc = t_->workspace_new(&ws, &e);
    if (rc != CXMAP_OK) return internal::TextStatus(rc, e);
    return TextWorkspace(t_, ws);
  }
  Result<Lexicon> LoadLexicon(std::string_view path) const {
    cxmap_error e = internal::NewError();
    cxmap_lexicon* l = nullptr;
    int32_t rc = t_->lexicon_load(ToC(path), &l, &e);
    if (rc != CXMAP_OK) return internal::TextStatus(rc, e);
    return Lexicon(t_, l);
  }
  Result<Lexicon> ParseLexicon(std::string_view tsv, std::string_view origin) const {
    cxmap_error e = internal::NewError();
    cxmap_lexicon* l = nullptr;
    int32_t rc = t_->lexicon_parse(ToC(tsv), ToC(origin), &l, &e);
    if (rc != CXMAP_OK) return internal::TextStatus(rc, e);
    return Lexicon(t_, l);
  }
  /// Domain words for the "th" or "zh" segmenter, one per line.
  Status AddWords(std::string_view lang, std::string_view words) const {
    cxmap_error e = internal::NewError();
    return internal::TextStatus(t_->add_words(ToC(lang), ToC(words), &e), e);
  }
  const cxmap_text_services* raw() const { return t_; }

 private:
  const cxmap_text_services* t_;
};

}  // namespace cxmap
