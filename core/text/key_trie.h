// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cxmap::core {

/// A read-only map from byte strings to non-negative values, stored as a
/// double-array trie (Debian's darts, header-only). Its point is the walk: a
/// caller growing a key piece by piece (a lexicon span unit by unit, a Chinese
/// word character by character) continues from where it stopped instead of
/// rehashing the whole key, and learns at once when no key starts that way.
/// Keys may hold any byte, NUL included. Thread-safe for reading; Build() is
/// not (build a new trie and swap it in).
class KeyTrie {
 public:
  static constexpr int32_t kNoKey = -2;   // no key starts with the walked bytes
  static constexpr int32_t kPrefix = -1;  // a proper prefix of some key, not a key
  /// Where a walk stopped; start from the default (the root).
  struct Cursor {
    size_t node = 0;
  };

  KeyTrie();
  ~KeyTrie();
  KeyTrie(KeyTrie&&) noexcept;
  KeyTrie& operator=(KeyTrie&&) noexcept;

  /// Replaces the contents with `keys` (any order; keys must be distinct,
  /// values ≥ 0; the bytes are copied). Returns false if the double array
  /// cannot be built, and the trie is then empty.
  bool Build(std::vector<std::pair<std::string_view, int32_t>> keys);

  /// The double array as bytes, to save as an image that Adopt() maps back
  /// (empty when the trie is empty). Same machine only: native byte order.
  std::string_view ImageBytes() const;
  /// Uses an image saved from ImageBytes() in place of building: `bytes`
  /// long at `units` (8-byte aligned), kept alive by `keeper`. Every unit is
  /// checked first, so that no walk can leave the array or yield a value of
  /// `value_limit` or more, whatever the bytes; returns false (and the trie is
  /// empty) if one could. Linear in the image, a few milliseconds for jieba's.
  bool Adopt(const void* units, size_t bytes, int32_t value_limit,
             std::shared_ptr<const void> keeper);

  /// Walks `bytes` on from `*cursor` and returns the value of the key walked
  /// so far, kPrefix, or kNoKey (then the cursor must not be walked again).
  /// An empty `bytes` reports on the cursor's own position. Inline: the
  /// matcher and the Chinese DAG call it for every unit and character.
  int32_t Walk(std::string_view bytes, Cursor* cursor) const {
    // darts' traverse(), on its array: a child of the node whose base is b
    // sits at b + byte + 1 and says so in `check`; the end of a key is the
    // child at b + 0, whose negative base encodes the value.
    if (units_ == nullptr) return kNoKey;
    int32_t b = units_[cursor->node].base;
    for (char ch : bytes) {
      size_t p = static_cast<uint32_t>(b) + static_cast<unsigned char>(ch) + 1u;
      if (units_[p].check != static_cast<uint32_t>(b)) return kNoKey;
      cursor->node = p;
      b = units_[p].base;
    }
    const Unit& end = units_[static_cast<uint32_t>(b)];
    return end.check == static_cast<uint32_t>(b) && end.base < 0 ? -end.base - 1 : kPrefix;
  }
  /// Value of `key`, or a negative number when it is not a key.
  int32_t Find(std::string_view key) const {
    Cursor c;
    return Walk(key, &c);
  }
  bool empty() const { return units_ == nullptr; }
  /// Bytes held by the double array.
  size_t memory_bytes() const;

 private:
  struct Array;
  struct Unit {  // darts' unit_t of Darts::DoubleArray (checked in Build)
    int32_t base;
    uint32_t check;
  };
  std::unique_ptr<Array> array_;
  std::shared_ptr<const void> image_;  // an adopted image's owner
  size_t unit_count_ = 0;
  const Unit* units_ = nullptr;  // array_'s units or the image's
};

}  // namespace cxmap::core
