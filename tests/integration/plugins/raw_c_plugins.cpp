// SPDX-License-Identifier: Apache-2.0
// Test modules written against the raw C ABI, to exercise what the C++
// layer would never produce. Compiled once per case with one of:
//   RAW_ABI2       exports cxmap_v2_analysis_test_future (a newer major)
//   RAW_BAD_MAJOR  exports cxmap_v1_... whose descriptor claims major 2
//   RAW_THROW      lets a C++ exception escape analyze() (no SDK guard)
//   RAW_UNDECLARED emits a result for a field it never declared
//   RAW_NULL_DESCRIPTOR exports cxmap_v1_analysis_test_null pointing at NULL
#include <boost/dll/alias.hpp>
#include <stdexcept>

#include "cxmap/abi_plugin.h"

namespace {
int32_t Create(const cxmap_host*, const cxmap_kv*, size_t, void** instance, cxmap_error*) {
  static int dummy;
  *instance = &dummy;
  return CXMAP_OK;
}
void Destroy(void*) {}
int32_t Analyze(void*, const cxmap_record*, size_t n, const cxmap_result_sink* sink, cxmap_error*) {
#ifdef RAW_THROW
  if (n > 0) throw std::runtime_error("escaped through the C ABI");
#endif
#ifdef RAW_UNDECLARED
  cxmap_result r{};
  r.struct_size = sizeof(r);
  r.sentence_index = -1;
  r.field = {"nope", 4};
  r.type = CXMAP_TYPE_BOOL;
  for (size_t i = 0; i < n; ++i) {
    r.record_index = static_cast<uint32_t>(i);
    if (sink->emit(sink->ctx, &r) != CXMAP_OK) return CXMAP_INVALID_ARGUMENT;
  }
#endif
  (void)n;
  (void)sink;
  return CXMAP_OK;
}
constexpr cxmap_analysis_vtable kVtable{sizeof(cxmap_analysis_vtable), &Create, &Destroy, &Analyze};
constexpr cxmap_field_decl kFields[] = {{sizeof(cxmap_field_decl), {"ok", 2}, CXMAP_TYPE_BOOL, {"", 0}}};
#define DESCRIPTOR(major, name)                                                                 \
  constexpr cxmap_plugin_descriptor kDescriptor{sizeof(cxmap_plugin_descriptor), major, 0,    \
      CXMAP_KIND_ANALYSIS, {name, sizeof(name) - 1}, {"1.0.0", 5}, {"raw test", 8},             \
      {"cxmap tests", 11}, nullptr, 0, kFields, 1, &kVtable};
#if defined(RAW_ABI2)
DESCRIPTOR(2, "analysis_test_future")
#elif defined(RAW_BAD_MAJOR)
DESCRIPTOR(2, "analysis_test_liar")
#elif defined(RAW_THROW)
DESCRIPTOR(1, "analysis_test_raw_throw")
#else
DESCRIPTOR(1, "analysis_test_undeclared")
#endif
}  // namespace

#if defined(RAW_ABI2)
BOOST_DLL_ALIAS_SECTIONED(kDescriptor, cxmap_v2_analysis_test_future, cxmap)
#elif defined(RAW_BAD_MAJOR)
BOOST_DLL_ALIAS_SECTIONED(kDescriptor, cxmap_v1_analysis_test_liar, cxmap)
#elif defined(RAW_THROW)
BOOST_DLL_ALIAS_SECTIONED(kDescriptor, cxmap_v1_analysis_test_raw_throw, cxmap)
#elif defined(RAW_NULL_DESCRIPTOR)
// What BOOST_DLL_ALIAS_SECTIONED expands to, with NULL for the address.
namespace _autoaliases {
extern "C" BOOST_SYMBOL_EXPORT const void* cxmap_v1_analysis_test_null;
BOOST_DLL_SECTION(cxmap, read) BOOST_DLL_SELECTANY const void* cxmap_v1_analysis_test_null = nullptr;
}  // namespace _autoaliases
#else
BOOST_DLL_ALIAS_SECTIONED(kDescriptor, cxmap_v1_analysis_test_undeclared, cxmap)
#endif
