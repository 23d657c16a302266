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

/** Who speaks in a text unit (cxmap_record.speaker_role, ABI 1.3). The
 *  customer's voice is what analyses read by default; agent, brand and
 *  system units are stored beside it. */
typedef enum cxmap_speaker_role {
  CXMAP_SPEAKER_CUSTOMER = 0, /* also what a 1.0-1.2 source means */
  CXMAP_SPEAKER_AGENT = 1,    /* a call-centre or chat agent */
  CXMAP_SPEAKER_BRAND = 2,    /* the brand's own reply on a social feed */
  CXMAP_SPEAKER_SYSTEM = 3,   /* IVR prompts, bots, automatic messages */
  CXMAP_SPEAKER_UNKNOWN = 4   /* a speaker the source could not place */
} cxmap_speaker_role;

/** What kind of closed question an answer answers (ABI 1.3). */
typedef enum cxmap_answer_kind {
  CXMAP_ANSWER_CHOICE = 0,   /* one option of a single-choice question */
  CXMAP_ANSWER_MULTIPLE = 1, /* one ticked option of a multiple-choice question */
  CXMAP_ANSWER_RATING = 2,   /* a point on a scale: rating, Likert or matrix row */
  CXMAP_ANSWER_NUMBER = 3,   /* a number typed in */
  CXMAP_ANSWER_DATE = 4      /* a date; `number` holds unix ms when parsed */
} cxmap_answer_kind;

/** Bits of cxmap_answer.flags. */
#define CXMAP_ANSWER_HAS_NUMBER 0x1u /* `number` is set */
#define CXMAP_ANSWER_HAS_SCALE 0x2u  /* `scale_min` and `scale_max` are set */

/** One closed answer of a response (ABI 1.3). A multiple-choice question
 *  gives one answer per ticked option, all with the same `question`. The
 *  host steps through `cxmap_record.answers` by the first element's
 *  `struct_size`, so the struct may grow in a later minor version. */
typedef struct cxmap_answer {
  uint32_t struct_size;
  uint32_t flags;          /* CXMAP_ANSWER_* */
  cxmap_str question;      /* the question's id in the export ("Q5", "QID3_2") */
  cxmap_str question_text; /* as the respondent read it; may be empty */
  int32_t kind;            /* cxmap_answer_kind */
  cxmap_str value;         /* the answer as exported ("Very satisfied", "4") */
  double number;           /* the answer as a number, when CXMAP_ANSWER_HAS_NUMBER */
  double scale_min;        /* the scale, when CXMAP_ANSWER_HAS_SCALE */
  double scale_max;
} cxmap_answer;

/** One feedback record. All strings are borrowed for the duration of the
 *  call that passes the record; the receiver copies what it keeps.
 *
 *  Identity: a source sets `external_id` when its input carries one
 *  (ResponseId, call id...). The host derives the stable record id from the
 *  source name and `external_id`, or from a content hash when it is empty.
 *
 *  Responses (ABI 1.3): a record is one text unit of a response (a survey
 *  submission, a post, a call). Records with the same `response_id` belong
 *  to one response; the host stores the response once, with the scores,
 *  time, channel and answers of its first record. A record with empty
 *  `text` and a `response_id` stores only its response: that is how a
 *  survey row without a comment still counts. An empty `response_id` makes
 *  the record its own response and keeps it a unit even without text (what
 *  1.0-1.2 sources get). */
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
  /* ABI 1.3 */
  cxmap_str response_id;   /* the platform's own id of the response; see above */
  int32_t speaker_role;    /* cxmap_speaker_role */
  const cxmap_answer* answers; /* closed answers of the response */
  size_t answer_count;
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
