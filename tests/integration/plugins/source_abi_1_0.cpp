// SPDX-License-Identifier: Apache-2.0
// A source as an ABI 1.0 build would export it: its function table ends at
// next_batch (no inspect). The host must still load it and inspect its
// files by reading them itself. Raw C on purpose: the C++ SDK always
// produces the current table.
#include <boost/dll/alias.hpp>
#include <cstddef>
#include <string>

#include "cxmap/abi_plugin.h"

namespace {
struct State {
  int emitted = 0;
};
int32_t Sniff(cxmap_str path, cxmap_str, cxmap_sniff_result* out) {
  std::string p(path.data, path.size);
  bool mine = p.size() > 4 && p.compare(p.size() - 4, 4, ".v10") == 0;
  out->confidence = mine ? 0.9 : 0;
  return CXMAP_OK;
}
int32_t Create(const cxmap_host*, const cxmap_kv*, size_t, void** instance, cxmap_error*) {
  *instance = new State;
  return CXMAP_OK;
}
void Destroy(void* instance) { delete static_cast<State*>(instance); }
int32_t Open(void*, cxmap_str, cxmap_error*) { return CXMAP_OK; }
// Three records and one reject, whatever the file holds.
int32_t NextBatch(void* instance, const cxmap_record_sink* sink, int32_t* at_end, cxmap_error*) {
  auto* s = static_cast<State*>(instance);
  for (; s->emitted < 3; ++s->emitted) {
    cxmap_record r{};
    r.struct_size = offsetof(cxmap_record, record_number) + sizeof(uint64_t);
    r.text = {"hello", 5};
    r.record_number = static_cast<uint64_t>(s->emitted) + 1;
    if (sink->emit(sink->ctx, &r) != CXMAP_OK) return CXMAP_INTERNAL;
  }
  cxmap_reject bad{sizeof(cxmap_reject), {"x.v10", 5}, 4, {"broken", 6}, {"", 0}};
  sink->reject(sink->ctx, &bad);
  *at_end = 1;
  return CXMAP_OK;
}
constexpr cxmap_source_vtable kVtable{offsetof(cxmap_source_vtable, inspect), &Sniff, &Create,
                                      &Destroy, &Open, &NextBatch, nullptr};
constexpr cxmap_plugin_descriptor kDescriptor{sizeof(cxmap_plugin_descriptor), 1, 0,
    CXMAP_KIND_SOURCE, {"source_test_v10", 15}, {"1.0.0", 5}, {"ABI 1.0 source", 14},
    {"cxmap tests", 11}, nullptr, 0, nullptr, 0, &kVtable};
}  // namespace

BOOST_DLL_ALIAS_SECTIONED(kDescriptor, cxmap_v1_source_test_v10, cxmap)
