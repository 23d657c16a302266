// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the storage tests: a temporary folder, record and batch
// builders, and raw SQLite queries that check the file independently of the
// code under test.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/model/batch.h"
#include "core/storage/store.h"

namespace cxmap::core::testing {

/// A fresh folder under the system temp dir, removed with its content.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cxmap-storage-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// `name` inside the folder.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

/// A record with id "rec-<n>", every field filled, scores present.
inline FeedbackRecord MakeRecord(int n) {
  FeedbackRecord r;
  r.id = "rec-" + std::to_string(n);
  r.source = "source_csv_survey";
  r.rec.external_id = "ext-" + std::to_string(n);
  r.rec.channel = n % 2 == 0 ? Channel::kSurvey : Channel::kCall;
  r.rec.sub_channel = "web";
  r.rec.time_unix_ms = 1700000000000 + n;
  r.rec.language = n % 3 == 0 ? "vi" : "en";
  r.rec.text = "comment number " + std::to_string(n);
  r.rec.respondent = "resp-" + std::to_string(n % 7);
  r.rec.segment = "smb";
  r.rec.nps = n % 11;
  r.rec.csat = 4.5;
  r.rec.ces = 2.0;
  r.rec.rating = 3.25;
  r.rec.attributes = {{"store", "S" + std::to_string(n % 5)}, {"agent", "a"}};
  r.rec.file = "input.csv";
  r.rec.line = static_cast<uint64_t>(n + 2);
  r.rec.record_number = static_cast<uint64_t>(n + 1);
  return r;
}

/// Records first..first+count-1.
inline Batch MakeBatch(int first, int count) {
  Batch b;
  for (int i = first; i < first + count; ++i) b.records.push_back(MakeRecord(i));
  return b;
}

/// A record-level REAL result for record `index` of a batch.
inline ResultRow MakeResult(uint32_t index, const std::string& plugin, double value) {
  ResultRow r;
  r.record_index = index;
  r.plugin = plugin;
  r.field = "score";
  r.type = CXMAP_TYPE_REAL;
  r.real = value;
  r.evidence = {"cue:good"};
  return r;
}

inline ImportRequest MakeRequest(const std::string& sha) {
  ImportRequest req;
  req.path = "/data/input.csv";
  req.sha256 = sha;
  req.size = 1234;
  req.source_plugin = "source_csv_survey";
  req.format = "csv";
  return req;
}

/// A raw connection (not the code under test) for checking the file.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open failed");
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  /// The first column of the first row as text ("NULL" for NULL, "<none>"
  /// when there is no row, "<error: ...>" on failure).
  std::string Text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      return std::string("<error: ") + sqlite3_errmsg(db_) + ">";
    }
    std::string out = "<none>";
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(stmt, 0);
      out = t == nullptr ? "NULL" : reinterpret_cast<const char*>(t);
    } else if (rc != SQLITE_DONE) {
      out = std::string("<error: ") + sqlite3_errmsg(db_) + ">";
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int64_t Int(const std::string& sql) { return std::stoll(Text(sql)); }
  /// Runs statements without results; false on error.
  bool Exec(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  }

 private:
  sqlite3* db_ = nullptr;
};

/// A fresh SQLite store in a temporary folder, opened in SetUp().
class StoreFixture : public ::testing::Test {
 protected:
  explicit StoreFixture(std::string file_name) : file_name_(std::move(file_name)) {}
  void SetUp() override {
    path_ = dir_.File(file_name_);
    auto store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  std::string file_name_;
  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

}  // namespace cxmap::core::testing
