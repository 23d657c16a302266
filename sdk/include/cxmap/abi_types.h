/* SPDX-License-Identifier: Apache-2.0 */
/* The C types every cxmap plugin interface is built from.
 *
 * Only C structs, fixed-width integers, doubles, function pointers and
 * (pointer, length) UTF-8 strings cross the plugin boundary. Every struct
 * that may grow starts with `struct_size` so a newer minor version can
 * append fields: a reader must check `struct_size` before touching a field
 * added after 1.0. See docs/design/plugin-abi.md for the full policy. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bumped on any incompatible change; the loader refuses a mismatch. */
#define CXMAP_ABI_MAJOR 1
/** Bumped when fields or functions are appended; older readers ignore them. */
#define CXMAP_ABI_MINOR 6

/** A UTF-8 string that is NOT NUL-terminated. Borrowed: valid only for the
 *  duration of the call that passes it, unless the contract says otherwise. */
typedef struct cxmap_str {
  const char* data;
  size_t size;
} cxmap_str;

/** One key -> value pair (options, record attributes). */
typedef struct cxmap_kv {
  cxmap_str key;
  cxmap_str value;
} cxmap_kv;

/** Status codes returned by every plugin entry point. A closed set. */
typedef enum cxmap_code {
  CXMAP_OK = 0,
  CXMAP_INVALID_ARGUMENT = 1, /* bad option value, malformed request */
  CXMAP_NOT_FOUND = 2,        /* missing file or key */
  CXMAP_IO_ERROR = 3,         /* read failed */
  CXMAP_CORRUPTION = 4,       /* input cannot be parsed at all */
  CXMAP_NOT_SUPPORTED = 5,    /* the plugin cannot handle this input */
  CXMAP_CANCELLED = 6,        /* the host asked to stop */
  CXMAP_INTERNAL = 7          /* a bug or an unexpected exception */
} cxmap_code;

/** Error details filled in by a plugin when a call returns non-OK. The host
 *  owns the storage; the plugin writes a NUL-terminated message, truncated
 *  to fit. */
#define CXMAP_ERROR_MESSAGE_CAPACITY 1024
typedef struct cxmap_error {
  uint32_t struct_size;
  int32_t code;
  char message[CXMAP_ERROR_MESSAGE_CAPACITY];
} cxmap_error;

/** Types of option values and result fields. */
typedef enum cxmap_type {
  CXMAP_TYPE_NULL = 0,
  CXMAP_TYPE_STRING = 1,
  CXMAP_TYPE_INTEGER = 2,
  CXMAP_TYPE_REAL = 3,
  CXMAP_TYPE_BOOL = 4,
  CXMAP_TYPE_JSON = 5 /* a UTF-8 JSON document, for structured results */
} cxmap_type;

/** A declared option: the host validates values against these before a
 *  plugin is created, and rejects unknown keys. `default_value` is the
 *  textual default ("" = none). Static data: lives as long as the module. */
typedef struct cxmap_option_decl {
  uint32_t struct_size;
  cxmap_str name;
  int32_t type; /* cxmap_type: STRING, INTEGER, REAL or BOOL */
  cxmap_str default_value;
  cxmap_str help;
} cxmap_option_decl;

/** A field an analysis plugin produces. Static data. */
typedef struct cxmap_field_decl {
  uint32_t struct_size;
  cxmap_str name;
  int32_t type; /* cxmap_type */
  cxmap_str description;
  /* 1.4: what the field means to readers, from the vocabulary in
   * docs/plugin_guide.md ("stage", "touchpoint", "sentiment.label", ...);
   * empty: none. The host's reports ask for roles, never for names. */
  cxmap_str role;
} cxmap_field_decl;

#ifdef __cplusplus
} /* extern "C" */
#endif
