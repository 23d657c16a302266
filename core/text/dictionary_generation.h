// SPDX-License-Identifier: Apache-2.0
// A counter that moves whenever a segmentation dictionary changes, so a
// cached analysis made with the old words is never handed out again.
#pragma once

#include <atomic>
#include <cstdint>

namespace cxmap::core {

inline std::atomic<uint64_t>& DictionaryGenerationCounter() {
  static std::atomic<uint64_t> generation{0};
  return generation;
}

/// The current generation of the Thai and Chinese word dictionaries.
inline uint64_t DictionaryGeneration() {
  return DictionaryGenerationCounter().load(std::memory_order_acquire);
}

/// Call after adding words to a dictionary.
inline void DictionaryChanged() { DictionaryGenerationCounter().fetch_add(1, std::memory_order_acq_rel); }

}  // namespace cxmap::core
