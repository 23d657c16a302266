/* SPDX-License-Identifier: Apache-2.0 */
/* The analysis plugin interface: typed results with evidence per record. */
#pragma once

#include "cxmap/abi_host.h"
#include "cxmap/abi_record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** ABI 1.5: where one piece of evidence was found, as bytes [begin, end)
 *  of the record's text (the whole unit's, also for a sentence's result), on
 *  UTF-8 character boundaries. `evidence` is its index in the result's
 *  evidence list; several spans may share one evidence entry. */
typedef struct cxmap_span {
  size_t begin, end;
  uint32_t evidence;
} cxmap_span;

/** One typed result. `sentence_index` is -1 for a record-level result, or
 *  the 0-based sentence it belongs to (then `sentence_text` carries that
 *  sentence at least once per sentence). `evidence` lists the cues or rules
 *  that decided the value, e.g. "cue:chậm", "negation:không". */
typedef struct cxmap_result {
  uint32_t struct_size;
  uint32_t record_index;   /* index into the analysed batch */
  int32_t sentence_index;  /* -1 = whole record */
  cxmap_str sentence_text;
  cxmap_str field;         /* one of the declared fields */
  int32_t type;            /* cxmap_type */
  int64_t integer_value;   /* INTEGER, BOOL */
  double real_value;       /* REAL */
  cxmap_str text_value;    /* STRING, JSON */
  const cxmap_str* evidence;
  size_t evidence_count;
  /* 1.5: the spans of the text the evidence points at (a host before 1.5
   * ignores them). A span the host cannot place refuses the result. */
  const cxmap_span* spans;
  size_t span_count;
} cxmap_result;

/** Where an analysis delivers results; `emit` copies before returning. */
typedef struct cxmap_result_sink {
  uint32_t struct_size;
  void* ctx;
  int32_t (*emit)(void* ctx, const cxmap_result* result);
} cxmap_result_sink;

/** Function table of an analysis. The host creates one instance per worker
 *  thread, so an instance never sees two calls at once. No function may
 *  let an exception escape. */
typedef struct cxmap_analysis_vtable {
  uint32_t struct_size;
  int32_t (*create)(const cxmap_host* host, const cxmap_kv* options, size_t option_count,
                    void** instance, cxmap_error* error);
  void (*destroy)(void* instance);
  int32_t (*analyze)(void* instance, const cxmap_record* records, size_t record_count,
                     const cxmap_result_sink* sink, cxmap_error* error);
} cxmap_analysis_vtable;

#ifdef __cplusplus
} /* extern "C" */
#endif
