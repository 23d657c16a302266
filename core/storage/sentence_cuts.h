// SPDX-License-Identifier: Apache-2.0
// Each unit's sentences, stored once as byte offsets into its text
// (`sentences(record, sentence, begin, end, text)`, schema 6), whichever
// plugin reported them first; a plugin that cuts a sentence differently
// keeps its own text in its result row.
//
// Since schema 9 a unit that is one sentence, the whole of its text, has
// no row at all: a missing row for sentence 0 means "the whole text" (60k
// rows, 0.8 MB per 100k bench rows). The results view reads it so.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

class SentenceCuts {
 public:
  SentenceCuts() = default;
  /// Prepares its statements on `db`, which must outlive this object.
  static Result<SentenceCuts> Create(SqliteDb& db);

  /// Stores sentence `sentence` of unit `rowid` (whose text is `text`) as
  /// `sentence_text` says, unless stored already, inside the caller's
  /// transaction. True when the stored sentence is not `sentence_text`
  /// (the result row must then keep its own text).
  Result<bool> Write(int64_t rowid, std::string_view text, int32_t sentence,
                     std::string_view sentence_text);
  /// Forgets what this batch stored (call when a batch starts).
  void BeginBatch();

 private:
  /// The stored text of sentence `sentence`, if it has a row.
  Result<std::optional<std::string>> Stored(int64_t rowid, std::string_view text, int32_t sentence);
  /// True when results of an earlier run read sentence 0 of `rowid` as the
  /// whole text (no row), so a new, shorter cut must not take its place.
  Result<bool> WholeTextRelied(int64_t rowid);
  Status Insert(int64_t rowid, int32_t sentence, std::optional<std::pair<size_t, size_t>> at,
                std::string_view own_text);

  SqliteDb* db_ = nullptr;
  Statement insert_, find_, analysed_, sentence0_;
  bool prepared_lookups_ = false;
  // This batch: (record, sentence) -> the stored text, and per record the
  // byte after its last sentence (where the next search starts).
  std::map<std::pair<int64_t, int32_t>, std::string> seen_;
  std::unordered_map<int64_t, size_t> cursor_;
};

}  // namespace cxmap::core
