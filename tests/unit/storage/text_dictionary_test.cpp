// SPDX-License-Identifier: Apache-2.0
#include "core/storage/text_dictionary.h"

#include <gtest/gtest.h>

#include "core/storage/result_tables.h"
#include "storage_test_util.h"

namespace cxmap::core {
namespace {

class TextDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("dict.db");
    auto db = SqliteDb::Open(path_, 1000);
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec("CREATE TABLE labels (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT",
                          "test table").ok());
  }
  TextDictionary Open() {
    auto d = TextDictionary::Open(*db_, "labels", "text");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return std::move(d).value();
  }

  testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(TextDictionaryTest, EachTextOnceInEveryLanguage) {
  TextDictionary d = Open();
  const std::vector<std::string> texts = {"survey", "Giao hàng", "Giao hang", "จัดส่ง", "物流", "物流 ", ""};
  std::vector<int64_t> ids;
  for (const std::string& t : texts) ids.push_back(d.Intern(t).value());
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(d.Intern(texts[i]).value(), ids[i]) << texts[i];
    for (size_t k = 0; k < i; ++k) EXPECT_NE(ids[i], ids[k]) << texts[i] << " vs " << texts[k];
  }
  testing::RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM labels"), static_cast<int64_t>(texts.size()));
}

TEST_F(TextDictionaryTest, FindsWhatAnotherConnectionOrAnEarlierRunStored) {
  TextDictionary first = Open();
  const int64_t web = first.Intern("web").value();
  {
    testing::RawDb other(path_);  // another process, after this one read the table
    ASSERT_TRUE(other.Exec("INSERT INTO labels (text) VALUES ('call')"));
  }
  const int64_t call = first.Intern("call").value();
  EXPECT_EQ(call, web + 1) << "the other connection's row, not a copy";
  TextDictionary later = Open();  // a later run: nothing cached
  EXPECT_EQ(later.Intern("call").value(), call);
  EXPECT_EQ(later.Intern("web").value(), web);
  testing::RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM labels"), 2);
}

TEST_F(TextDictionaryTest, ForgetsIdsOfARolledBackTransaction) {
  TextDictionary d = Open();
  const int64_t kept = d.Intern("kept").value();
  {
    Transaction tx(db_.get());
    ASSERT_TRUE(tx.Begin().ok());
    EXPECT_EQ(d.Intern("gone").value(), kept + 1);
    tx.Rollback();
  }
  d.Forget();
  const int64_t other = d.Intern("other").value();
  EXPECT_EQ(other, kept + 1);
  EXPECT_EQ(d.Intern("gone").value(), kept + 2) << "not the rolled-back id, now 'other'";
  EXPECT_EQ(d.Intern("kept").value(), kept);
}

TEST_F(TextDictionaryTest, WritesTheHashOfATableFromBeforeSchema9) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE old (id INTEGER PRIMARY KEY, hash INTEGER NOT NULL,"
                        " json TEXT NOT NULL) STRICT", "old table").ok());
  auto d = TextDictionary::Open(*db_, "old", "json");
  ASSERT_TRUE(d.ok());
  const int64_t id = d->Intern(R"({"store":"S1"})").value();
  testing::RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT hash FROM old WHERE id = " + std::to_string(id)),
            DictionaryHash(R"({"store":"S1"})"));
}

}  // namespace
}  // namespace cxmap::core
