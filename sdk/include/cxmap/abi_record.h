/* SPDX-License-Identifier: Apache-2.0 */
/* The feedback record as it crosses the plugin boundary (borrowed views). */
#pragma once

#include "cxmap/abi_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where a piece of feedback came from. */
typedef enum cxmap_channel {
  CXMAP_CHANNEL_OTHER = 0,
  CXMAP_CHANNEL_SURVEY = 1,
  CXMAP_CHANNEL_CALL = 2,
  CXMAP_CHANNEL_CHAT = 3,
  CXMAP_CHANNEL_EMAIL = 4,
  CXMAP_CHANNEL_SOCIAL = 5,
  CXMAP_CHANNEL_REVIEW = 6
} cxmap_channel;

/** Bits of cxmap_record.score_mask: which optional scores are present. An
 *  absent score is NULL in storage, never 0. */
#define CXMAP_SCORE_NPS 0x1u    /* 0..10 */
#define CXMAP_SCORE_CSAT 0x2u   /* 1..5 */
#define CXMAP_SCORE_CES 0x4u    /* 1..7 */
#define CXMAP_SCORE_RATING 0x8u /* 1..5 */
#define CXMAP_HAS_TIME 0x100u   /* time_unix_ms is set */

/** One feedback record. All strings are borrowed for the duration of the
 *  call that passes the record; the receiver copies what it keeps.
 *
 *  Identity: a source sets `external_id` when its input carries one
 *  (ResponseId, call id...). The host derives the stable record id from the
 *  source name and `external_id`, or from a content hash when it is empty. */
typedef struct cxmap_record {
  uint32_t struct_size;
  uint32_t score_mask;     /* CXMAP_SCORE_* | CXMAP_HAS_TIME */
  cxmap_str id;            /* stable id; set by the host, empty from sources */
  cxmap_str external_id;   /* id inside the source's input, may be empty */
  int32_t channel;         /* cxmap_channel */
  cxmap_str sub_channel;   /* e.g. "qualtrics", "hotline", "facebook" */
  int64_t time_unix_ms;    /* UTC; valid when CXMAP_HAS_TIME */
  cxmap_str language;      /* BCP 47; empty = detect later */
  cxmap_str text;          /* UTF-8, NFC */
  cxmap_str respondent;    /* respondent or author id, may be empty */
  cxmap_str segment;       /* segment or persona, may be empty */
  double nps;
  double csat;
  double ces;
  double rating;
  const cxmap_kv* attributes; /* free key -> value, e.g. "question" */
  size_t attribute_count;
  cxmap_str file;          /* provenance */
  uint64_t line;           /* 1-based first physical line, 0 if none */
  uint64_t record_number;  /* 1-based record number within the input */
} cxmap_record;

/** A record the source could not read. The source reports it and goes on. */
typedef struct cxmap_reject {
  uint32_t struct_size;
  cxmap_str file;
  uint64_t line;      /* 1-based, 0 if unknown */
  cxmap_str reason;   /* what is wrong, for a person */
  cxmap_str excerpt;  /* the start of the offending input, may be empty */
} cxmap_reject;

#ifdef __cplusplus
} /* extern "C" */
#endif
