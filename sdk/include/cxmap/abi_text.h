/* SPDX-License-Identifier: Apache-2.0 */
/* Text services the host lends to plugins (ABI 1.0, reached through
 * cxmap_host.text): normalisation and folding for matching, language
 * detection, sentences and tokens, lexicon matching with negation,
 * intensifiers and contrast.
 *
 * Threads: a workspace belongs to one thread at a time (create one per
 * analysis instance; the host runs one instance per worker thread). A
 * lexicon is immutable once loaded and may be shared by every thread.
 * Ownership: views returned by analyze/fold/lexicon_match belong to the
 * workspace and stay valid until the next call on that workspace; offsets
 * are bytes into the text passed to analyze, which the caller keeps alive.
 * Errors: every function that can fail returns a cxmap_code and fills the
 * caller's cxmap_error; no exception crosses. */
#pragma once

#include "cxmap/abi_types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cxmap_text_workspace cxmap_text_workspace;
typedef struct cxmap_lexicon cxmap_lexicon;

typedef enum cxmap_token_kind {
  CXMAP_TOKEN_WORD = 0,     /* a word; a Vietnamese compound spans syllables */
  CXMAP_TOKEN_NUMBER = 1,
  CXMAP_TOKEN_PUNCT = 2,
  CXMAP_TOKEN_EMOJI = 3,    /* one emoji sequence (ZWJ, skin tone, flags kept) */
  CXMAP_TOKEN_EMOTICON = 4, /* ":)", "=))", "t_t", "<3" */
  CXMAP_TOKEN_LAUGHTER = 5  /* "haha", "hihi", Thai "555", 哈哈 */
} cxmap_token_kind;

typedef enum cxmap_entry_kind {
  CXMAP_ENTRY_CUE = 0,
  CXMAP_ENTRY_NEGATOR = 1,
  CXMAP_ENTRY_INTENSIFIER = 2,
  CXMAP_ENTRY_DIMINISHER = 3,
  CXMAP_ENTRY_CONTRAST = 4
} cxmap_entry_kind;

/* cxmap_lexicon_match.flags */
#define CXMAP_MATCH_NEGATED 1u
#define CXMAP_MATCH_INTENSIFIED 2u
#define CXMAP_MATCH_DIMINISHED 4u
#define CXMAP_MATCH_BEFORE_CONTRAST 8u
#define CXMAP_MATCH_AFTER_CONTRAST 16u
#define CXMAP_MATCH_FOLDED 32u /* matched only without diacritics */

/** Bytes [begin, end) of the text in one script and language: "vi", "th",
 *  "zh-Hans", "zh-Hant", "en" or "und". */
typedef struct cxmap_language_run {
  size_t begin, end;
  cxmap_str tag;
} cxmap_language_run;

typedef struct cxmap_sentence {
  size_t begin, end;
  size_t first_token, token_count;
} cxmap_sentence;

/** A token: bytes [begin, end) of the text, and its folded key (lower case,
 *  no Vietnamese diacritics, Simplified Chinese, no emoji modifiers). */
typedef struct cxmap_token {
  size_t begin, end;
  cxmap_str key;
  int32_t kind;      /* cxmap_token_kind; treat unknown values as WORD */
  uint32_t sentence; /* index into sentences */
  uint32_t run;      /* index into runs */
} cxmap_token;

typedef struct cxmap_text_analysis {
  uint32_t struct_size;
  cxmap_str language; /* the whole text's tag */
  const cxmap_language_run* runs;
  size_t run_count;
  const cxmap_sentence* sentences;
  size_t sentence_count;
  const cxmap_token* tokens;
  size_t token_count;
  /* 1.2: per token (token_count entries), the key with Vietnamese
   * diacritics kept ("giao hàng" where key is "giao hang"); otherwise
   * the same folding. Absent when struct_size does not cover it. */
  const cxmap_str* exact_keys;
} cxmap_text_analysis;

/** One lexicon hit in the last analysed text. `term` and `lang` are the
 *  entry as written in the lexicon (valid while the lexicon lives). */
typedef struct cxmap_lexicon_match {
  size_t begin, end;
  cxmap_str term;
  int32_t kind; /* cxmap_entry_kind */
  uint32_t entry; /* line order index of the entry in its lexicon */
  double base_weight, final_weight;
  uint32_t flags; /* CXMAP_MATCH_* */
  uint32_t sentence;
  size_t first_token, token_count;
} cxmap_lexicon_match;

typedef struct cxmap_text_services {
  uint32_t struct_size;
  int32_t (*workspace_new)(cxmap_text_workspace** out, cxmap_error* error);
  void (*workspace_free)(cxmap_text_workspace* ws); /* NULL is fine */
  /** Analyses `text`; `language_hint` may be empty (detect) or a tag. */
  int32_t (*analyze)(cxmap_text_workspace* ws, cxmap_str text, cxmap_str language_hint,
                     const cxmap_text_analysis** out, cxmap_error* error);
  /** The matching form of `text`, folded: what lexicon keys look like. */
  int32_t (*fold)(cxmap_text_workspace* ws, cxmap_str text, cxmap_str* out, cxmap_error* error);
  /** Lexicon from a UTF-8 TSV file or text:
   *  term<TAB>weight<TAB>kind[<TAB>lang[<TAB>option]];
   *  kind ∈ cue|negator|intensifier|diminisher|contrast; option empty or
   *  `not-capitals` (the entry does not match a span written in capital
   *  letters only: "kh" is a negator, "KH" an abbreviation; hosts of ABI
   *  1.6 from 2026-12-07 on; earlier ones ignore the column); '#' comments.
   *  The caller frees it with lexicon_free. Errors name "origin:line". */
  int32_t (*lexicon_load)(cxmap_str path, cxmap_lexicon** out, cxmap_error* error);
  int32_t (*lexicon_parse)(cxmap_str tsv, cxmap_str origin, cxmap_lexicon** out,
                           cxmap_error* error);
  void (*lexicon_free)(cxmap_lexicon* lexicon); /* NULL is fine */
  /** Matches `lexicon` against the text last analysed on `ws`. */
  int32_t (*lexicon_match)(cxmap_text_workspace* ws, const cxmap_lexicon* lexicon,
                           const cxmap_lexicon_match** out, size_t* count, cxmap_error* error);
  /** Adds domain words ("\n"-separated) to the Thai ("th") or Chinese ("zh")
   *  segmenter of the whole process; affects workspaces created afterwards
   *  (Thai) or later calls (Chinese). */
  int32_t (*add_words)(cxmap_str lang, cxmap_str words, cxmap_error* error);
} cxmap_text_services;

#ifdef __cplusplus
} /* extern "C" */
#endif
