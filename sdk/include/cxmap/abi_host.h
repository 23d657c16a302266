/* SPDX-License-Identifier: Apache-2.0 */
/* Services the host lends to every plugin instance. */
#pragma once

#include "cxmap/abi_text.h"
#include "cxmap/abi_types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cxmap_log_level {
  CXMAP_LOG_DEBUG = 0,
  CXMAP_LOG_INFO = 1,
  CXMAP_LOG_WARN = 2,
  CXMAP_LOG_ERROR = 3
} cxmap_log_level;

/** Host services. Valid from create() until destroy() of the instance it was
 *  given to. Every function is safe to call from the thread that is
 *  currently calling into the instance. `ctx` identifies the instance to the
 *  host (logs are tagged with the plugin's name through it).
 *
 *  Room to grow: later minor versions append service tables (text services
 *  in 1.1) after `data_dir`; check struct_size before using them. */
typedef struct cxmap_host {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;
  void* ctx;
  void (*log)(void* ctx, int32_t level, cxmap_str message);
  /** Non-zero once the user or the engine asked to stop; long loops in a
   *  plugin should poll it and return CXMAP_CANCELLED. */
  int32_t (*is_cancelled)(void* ctx);
  /** Progress of long work inside one call, in plugin-defined units. Sources
   *  report read progress through cxmap_record_sink.progress instead. */
  void (*progress)(void* ctx, uint64_t done, uint64_t total);
  /** The plugin's registered name, and the folder that holds its data files
   *  (<module folder>/<plugin name>/; may not exist). Valid as `ctx`. */
  cxmap_str plugin_name;
  cxmap_str data_dir;
  /** Text services (abi_text.h); NULL if the host has none. Read it only
   *  when struct_size covers it (offsetof + sizeof). Static host data. */
  const cxmap_text_services* text;
} cxmap_host;

#ifdef __cplusplus
} /* extern "C" */
#endif
