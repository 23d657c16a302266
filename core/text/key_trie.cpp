// SPDX-License-Identifier: Apache-2.0
#include "core/text/key_trie.h"

#include <darts.h>

#include <algorithm>
#include <utility>

namespace cxmap::core {

struct KeyTrie::Array {
  Darts::DoubleArray darts;
};

KeyTrie::KeyTrie() = default;
KeyTrie::~KeyTrie() = default;
KeyTrie::KeyTrie(KeyTrie&& other) noexcept
    : array_(std::move(other.array_)), units_(std::exchange(other.units_, nullptr)) {}
KeyTrie& KeyTrie::operator=(KeyTrie&& other) noexcept {
  array_ = std::move(other.array_);
  units_ = std::exchange(other.units_, nullptr);
  return *this;
}

bool KeyTrie::Build(std::vector<std::pair<std::string_view, int32_t>> keys) {
  array_.reset();
  units_ = nullptr;
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
  array_ = std::move(array);
  return true;
}

size_t KeyTrie::memory_bytes() const { return array_ == nullptr ? 0 : array_->darts.total_size(); }

}  // namespace cxmap::core
