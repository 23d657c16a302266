/* SPDX-License-Identifier: Apache-2.0 */
/* The plugin descriptor: the one thing a module exports per plugin.
 *
 * A module exports, in the ELF section CXMAP_SECTION_NAME, one symbol per
 * plugin named "cxmap_v<ABI major>_<plugin name>" that points to a constant
 * cxmap_plugin_descriptor. The host lists these symbols without loading the
 * module (boost::dll::library_info), so it knows each plugin's name and ABI
 * major before any plugin code runs, and refuses a mismatch. The descriptor
 * is constant data: reading it runs no plugin code either. */
#pragma once

#include "cxmap/abi_analysis.h"
#include "cxmap/abi_source.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CXMAP_SECTION_NAME "cxmap"
#define CXMAP_SYMBOL_PREFIX "cxmap_v"

typedef enum cxmap_plugin_kind {
  CXMAP_KIND_SOURCE = 1,
  CXMAP_KIND_ANALYSIS = 2
} cxmap_plugin_kind;

typedef struct cxmap_plugin_descriptor {
  uint32_t struct_size;
  uint16_t abi_major;  /* CXMAP_ABI_MAJOR the plugin was built against */
  uint16_t abi_minor;
  int32_t kind;        /* cxmap_plugin_kind */
  cxmap_str name;      /* "<kind>_<name>", e.g. "source_csv_survey" */
  cxmap_str version;   /* the plugin's own semantic version */
  cxmap_str description;
  cxmap_str vendor;
  const cxmap_option_decl* options;
  size_t option_count;
  const cxmap_field_decl* fields; /* analysis only */
  size_t field_count;
  /** cxmap_source_vtable* or cxmap_analysis_vtable*, by `kind`. */
  const void* vtable;
} cxmap_plugin_descriptor;

#ifdef __cplusplus
} /* extern "C" */
#endif
