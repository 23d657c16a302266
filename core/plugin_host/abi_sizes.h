// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstring>

#include "cxmap/abi_plugin.h"

namespace cxmap::core {

// Sizes of the growable ABI structs as ABI 1.0 defined them: the smallest a
// plugin of this major may hand us. Frozen on purpose — when a minor version
// appends a field, sizeof() grows but these stay, so 1.0 plugins still load.
inline constexpr size_t kRecordSizeV1_0 = offsetof(cxmap_record, record_number) + sizeof(uint64_t);
inline constexpr size_t kResultSizeV1_0 = offsetof(cxmap_result, evidence_count) + sizeof(size_t);
inline constexpr size_t kDescriptorSizeV1_0 =
    offsetof(cxmap_plugin_descriptor, vtable) + sizeof(const void*);
inline constexpr size_t kFieldDeclSizeV1_0 = offsetof(cxmap_field_decl, description) + sizeof(cxmap_str);

/// Copies a struct of `in.struct_size` bytes (at least `min_size`) into a
/// zeroed struct of the size this host knows, so fields the plugin's older
/// SDK did not have read as zero. False when `in` is too small to trust.
template <typename T>
bool WidenAbiStruct(const T& in, size_t min_size, T* out) {
  if (in.struct_size < min_size) return false;
  std::memset(static_cast<void*>(out), 0, sizeof(T));
  std::memcpy(static_cast<void*>(out), &in, in.struct_size < sizeof(T) ? in.struct_size : sizeof(T));
  return true;
}

}  // namespace cxmap::core
