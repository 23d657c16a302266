/* SPDX-License-Identifier: Apache-2.0 */
/* The source plugin interface: reads an input into feedback records. */
#pragma once

#include "cxmap/abi_host.h"
#include "cxmap/abi_record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A source's verdict on the first bytes of an input. */
#define CXMAP_SNIFF_TEXT_CAPACITY 256
typedef struct cxmap_sniff_result {
  uint32_t struct_size;
  double confidence;                       /* 0 = not mine .. 1 = certain */
  char format[64];                         /* profile, e.g. "generic_csv" */
  char reason[CXMAP_SNIFF_TEXT_CAPACITY];  /* why, for a person */
} cxmap_sniff_result;

/** Where a source delivers records. Owned by the host; `emit` copies the
 *  record before it returns, so the source may reuse its buffers. */
typedef struct cxmap_record_sink {
  uint32_t struct_size;
  void* ctx;
  /** How many records the host would like per next_batch() call. */
  size_t batch_hint;
  int32_t (*emit)(void* ctx, const cxmap_record* record);
  void (*reject)(void* ctx, const cxmap_reject* reject);
  void (*progress)(void* ctx, uint64_t bytes_done, uint64_t bytes_total);
  /** ABI 1.3: an input row the source leaves out on purpose (a row of empty
   *  cells, a header repeated mid-file). `reason` says why; the host counts
   *  skips by reason so every input row is stored, rejected or skipped.
   *  Check struct_size before calling: older hosts do not have it. */
  void (*skip)(void* ctx, const cxmap_reject* skipped);
} cxmap_record_sink;

/** One column (or field) of an input as the source will read it. */
typedef struct cxmap_inspect_column {
  uint32_t struct_size;
  uint32_t index;      /* 0-based position in the input */
  cxmap_str name;      /* header / field name as written */
  cxmap_str role;      /* text, id, time, nps, csat, ces, rating, language, channel,
                          segment, attribute, ignored, speaker, ... */
  cxmap_str question;  /* the question it holds, when the export says (may be empty) */
} cxmap_inspect_column;

/** How a source reads one input, for `cxmap inspect` (ABI 1.1). Every
 *  pointer is borrowed for the duration of the deliver() call. */
typedef struct cxmap_inspection {
  uint32_t struct_size;
  cxmap_str format;     /* profile actually used, e.g. "qualtrics" */
  cxmap_str encoding;   /* e.g. "UTF-8", "UTF-16LE", "windows-1252" */
  cxmap_str delimiter;  /* "," "\t" ";" ... or empty when not delimited */
  uint32_t header_rows;
  uint64_t responses;   /* rows, calls, posts: units of the input */
  cxmap_str unit;       /* what `responses` counts: "responses", "calls", "posts"... */
  uint64_t records;     /* records the import would produce */
  uint64_t rejected;    /* records the import would reject */
  const cxmap_inspect_column* columns;
  size_t column_count;
  const cxmap_kv* details;  /* anything else worth showing, in order */
  size_t detail_count;
} cxmap_inspection;

typedef struct cxmap_inspection_sink {
  uint32_t struct_size;
  void* ctx;
  void (*deliver)(void* ctx, const cxmap_inspection* inspection);
} cxmap_inspection_sink;

/** ABI 1.6: where split() delivers the pieces of an input, in input order.
 *  `token` is the source's own description of one piece (printable ASCII,
 *  at most CXMAP_PIECE_TOKEN_CAPACITY bytes), which the host stores and
 *  hands back to open_piece(), possibly in another process on another
 *  machine; `bytes` is the piece's share of the input, for progress and
 *  for balancing work. Both are copied before piece() returns. */
#define CXMAP_PIECE_TOKEN_CAPACITY 256
typedef struct cxmap_piece_sink {
  uint32_t struct_size;
  void* ctx;
  void (*piece)(void* ctx, cxmap_str token, uint64_t bytes);
} cxmap_piece_sink;

/** Function table of a source. An instance is used by one thread at a time.
 *  Every function returning int32_t returns a cxmap_code and fills `error`
 *  when it is not CXMAP_OK. No function may let an exception escape. */
typedef struct cxmap_source_vtable {
  uint32_t struct_size;
  /** Stateless: may be called before any instance exists, concurrently. */
  int32_t (*sniff)(cxmap_str path, cxmap_str head, cxmap_sniff_result* out);
  /** `options` are already validated by the host against the declaration. */
  int32_t (*create)(const cxmap_host* host, const cxmap_kv* options, size_t option_count,
                    void** instance, cxmap_error* error);
  void (*destroy)(void* instance);
  int32_t (*open)(void* instance, cxmap_str path, cxmap_error* error);
  /** Emits up to sink->batch_hint records (more is allowed, fewer is fine)
   *  and sets *at_end to 1 once the input is exhausted. Bad records go to
   *  sink->reject and reading goes on. */
  int32_t (*next_batch)(void* instance, const cxmap_record_sink* sink, int32_t* at_end,
                        cxmap_error* error);
  /* ---- ABI 1.1 ---- */
  /** Reads all of `path` on a fresh instance (never opened) without
   *  emitting records, and delivers one inspection. May be NULL. */
  int32_t (*inspect)(void* instance, cxmap_str path, const cxmap_inspection_sink* sink,
                     cxmap_error* error);
  /* ---- ABI 1.6 ---- */
  /** Cuts `path` into at most `parts` pieces at record boundaries, on a
   *  fresh instance (never opened), so several workers can read one large
   *  input. Reading every piece with open_piece() + next_batch() must yield
   *  exactly the records, rejects and skips that open() on the whole input
   *  yields, with the same lines and record numbers (so the same record
   *  ids). A source that cannot cut this input delivers fewer than two
   *  pieces; the host then reads it whole with open(). May be NULL. */
  int32_t (*split)(void* instance, cxmap_str path, uint32_t parts, const cxmap_piece_sink* sink,
                   cxmap_error* error);
  /** Opens one piece of `path`, as split() described it in `token`, for
   *  next_batch(). The token comes back from a shared store: check it, and
   *  refuse one that does not fit the input with CXMAP_INVALID_ARGUMENT.
   *  NULL exactly when split is NULL. */
  int32_t (*open_piece)(void* instance, cxmap_str path, cxmap_str token, cxmap_error* error);
} cxmap_source_vtable;

#ifdef __cplusplus
} /* extern "C" */
#endif
