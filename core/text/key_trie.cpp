// SPDX-License-Identifier: Apache-2.0
#include "core/text/key_trie.h"

#include <darts.h>

#include <algorithm>

namespace cxmap::core {

struct KeyTrie::Array {
  Darts::DoubleArray darts;
};

KeyTrie::KeyTrie() = default;
KeyTrie::~KeyTrie() = default;
KeyTrie::KeyTrie(KeyTrie&&) noexcept = default;
KeyTrie& KeyTrie::operator=(KeyTrie&&) noexcept = default;

bool KeyTrie::Build(std::vector<std::pair<std::string_view, int32_t>> keys) {
  array_.reset();
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
  array_ = std::move(array);
  return true;
}

int32_t KeyTrie::Walk(std::string_view bytes, Cursor* cursor) const {
  if (array_ == nullptr) return kNoKey;
  size_t pos = 0;
  if (bytes.empty()) {
    // darts reads a length of 0 as "NUL-terminated"; a walk of one byte
    // that starts past its end checks the node alone.
    static const char kNone = 0;
    pos = 1;
    return array_->darts.traverse(&kNone, cursor->node, pos, 1);
  }
  return array_->darts.traverse(bytes.data(), cursor->node, pos, bytes.size());
}

size_t KeyTrie::memory_bytes() const { return array_ == nullptr ? 0 : array_->darts.total_size(); }

}  // namespace cxmap::core
