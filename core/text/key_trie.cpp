// SPDX-License-Identifier: Apache-2.0
#include "core/text/key_trie.h"

#include <darts.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace cxmap::core {

struct KeyTrie::Array {
  Darts::DoubleArray darts;
};

KeyTrie::KeyTrie() = default;
KeyTrie::~KeyTrie() = default;
KeyTrie::KeyTrie(KeyTrie&& other) noexcept
    : array_(std::move(other.array_)),
      image_(std::move(other.image_)),
      unit_count_(std::exchange(other.unit_count_, 0)),
      units_(std::exchange(other.units_, nullptr)) {}
KeyTrie& KeyTrie::operator=(KeyTrie&& other) noexcept {
  array_ = std::move(other.array_);
  image_ = std::move(other.image_);
  unit_count_ = std::exchange(other.unit_count_, 0);
  units_ = std::exchange(other.units_, nullptr);
  return *this;
}

bool KeyTrie::Build(std::vector<std::pair<std::string_view, int32_t>> keys) {
  array_.reset();
  image_.reset();
  units_ = nullptr;
  unit_count_ = 0;
  if (keys.empty()) return true;
  // darts wants keys in unsigned byte order (string_view compares so) and
  // lengths given explicitly, which lets keys hold NUL bytes.
  std::sort(keys.begin(), keys.end());
  std::vector<const char*> key_ptrs;
  std::vector<size_t> lengths;
  std::vector<Darts::DoubleArray::value_type> values;
  key_ptrs.reserve(keys.size());
  lengths.reserve(keys.size());
  values.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].second < 0 || (i > 0 && keys[i].first == keys[i - 1].first)) return false;
    key_ptrs.push_back(keys[i].first.data());
    lengths.push_back(keys[i].first.size());
    values.push_back(keys[i].second);
  }
  auto array = std::make_unique<Array>();
  if (array->darts.build(keys.size(), key_ptrs.data(), lengths.data(), values.data()) != 0) return false;
  if (array->darts.unit_size() != sizeof(Unit)) return false;  // Walk() reads the units itself
  units_ = static_cast<const Unit*>(array->darts.array());
  unit_count_ = array->darts.size();
  array_ = std::move(array);
  return true;
}

std::string_view KeyTrie::ImageBytes() const {
  return std::string_view(reinterpret_cast<const char*>(units_), unit_count_ * sizeof(Unit));
}

bool KeyTrie::Adopt(const void* units, size_t bytes, int32_t value_limit,
                    std::shared_ptr<const void> keeper) {
  array_.reset();
  image_.reset();
  units_ = nullptr;
  unit_count_ = 0;
  if (bytes == 0 || bytes % sizeof(Unit) != 0 ||
      reinterpret_cast<uintptr_t>(units) % alignof(Unit) != 0) {
    return false;
  }
  const Unit* u = static_cast<const Unit*>(units);
  size_t n = bytes / sizeof(Unit);
  if (u[0].base < 0) return false;  // every walk starts at the root: it must be an inner node
  // What Walk() relies on, as darts builds it: an inner node's children
  // b + 1 … b + 256 and its end b + 0 lie inside the array (darts pads 257
  // units for this); a key's end (negative base) sits at its parent's base,
  // which its check names, so a step by a byte (≥ b + 1) never lands on one;
  // values stay below the limit.
  for (size_t i = 0; i < n; ++i) {
    if (u[i].base >= 0) {
      if (uint64_t(u[i].base) + 257 > n) return false;
    } else if (u[i].check != i || -int64_t(u[i].base) - 1 >= value_limit) {
      return false;
    }
  }
  units_ = u;
  unit_count_ = n;
  image_ = std::move(keeper);
  return true;
}

size_t KeyTrie::memory_bytes() const { return unit_count_ * sizeof(Unit); }

}  // namespace cxmap::core
