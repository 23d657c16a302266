// SPDX-License-Identifier: Apache-2.0
#include "core/text/key_trie.h"

#include <gtest/gtest.h>

namespace cxmap::core {
namespace {

KeyTrie Make(std::vector<std::pair<std::string_view, int32_t>> keys) {
  KeyTrie trie;
  EXPECT_TRUE(trie.Build(std::move(keys)));
  return trie;
}

TEST(KeyTrie, FindsKeysAndTellsPrefixesFromMisses) {
  KeyTrie trie = Make({{"giao hang", 3}, {"giao", 1}, {"不好", 7}, {"不", 0}});
  EXPECT_EQ(trie.Find("giao"), 1);
  EXPECT_EQ(trie.Find("giao hang"), 3);
  EXPECT_EQ(trie.Find("不"), 0);
  EXPECT_EQ(trie.Find("不好"), 7);
  EXPECT_EQ(trie.Find("giao h"), KeyTrie::kPrefix);
  EXPECT_EQ(trie.Find("gia"), KeyTrie::kPrefix);
  EXPECT_EQ(trie.Find("giao hang nhanh"), KeyTrie::kNoKey);
  EXPECT_EQ(trie.Find("x"), KeyTrie::kNoKey);
  EXPECT_LT(trie.Find(""), 0);  // the root is a prefix of everything, not a key
}

TEST(KeyTrie, WalksPieceByPiece) {
  KeyTrie trie = Make({{"giao hang", 3}, {"giao", 1}});
  KeyTrie::Cursor c;
  EXPECT_EQ(trie.Walk("giao", &c), 1);
  EXPECT_EQ(trie.Walk({}, &c), 1);  // an empty piece reports where it stands
  EXPECT_EQ(trie.Walk(" ", &c), KeyTrie::kPrefix);
  EXPECT_EQ(trie.Walk("hang", &c), 3);
  KeyTrie::Cursor d;
  EXPECT_EQ(trie.Walk("gi", &d), KeyTrie::kPrefix);
  EXPECT_EQ(trie.Walk("x", &d), KeyTrie::kNoKey);
}

TEST(KeyTrie, AcceptsEmptyKeysNulBytesAndHighBytes) {
  std::string nul("a\0b", 3);
  KeyTrie trie = Make({{"", 5}, {nul, 6}, {"\xFF\xFE", 8}, {"a", 9}});
  EXPECT_EQ(trie.Find(""), 5);
  EXPECT_EQ(trie.Find(nul), 6);
  EXPECT_EQ(trie.Find("a"), 9);
  EXPECT_EQ(trie.Find("\xFF\xFE"), 8);
  EXPECT_EQ(trie.Find(std::string("a\0", 2)), KeyTrie::kPrefix);
}

TEST(KeyTrie, EmptyAndInvalidBuilds) {
  KeyTrie trie;
  EXPECT_TRUE(trie.empty());
  EXPECT_EQ(trie.Find("a"), KeyTrie::kNoKey);
  EXPECT_TRUE(trie.Build({}));
  EXPECT_EQ(trie.Find(""), KeyTrie::kNoKey);
  EXPECT_FALSE(trie.Build({{"a", 1}, {"a", 2}}));  // duplicate key
  EXPECT_TRUE(trie.empty());
  EXPECT_FALSE(trie.Build({{"a", -1}}));           // negative value
}

}  // namespace
}  // namespace cxmap::core
