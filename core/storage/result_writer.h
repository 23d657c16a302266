// SPDX-License-Identifier: Apache-2.0
// Writes analysis results in the layout of schema 6: sentences once per
// unit as byte offsets into its text, texts interned, evidence lists and
// JSON arrays as lists of interned elements, evidence spans as a few bytes
// each (span_codec.h), and each plugin's values as typed columns of one row per unit,
// sentence and ordinal (result_tables.h). Values are gathered per row and
// written by Flush(); the `results` view shows them in the old
// one-row-per-value shape.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <optional>
#include <vector>

#include "core/model/batch.h"
#include "core/storage/result_tables.h"
#include "core/storage/sentence_cuts.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/text_dictionary.h"
#include "cxmap/status.h"

namespace cxmap::core {

class ResultWriter {
  /// Looks strings up by string_view without building a std::string.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using TextCache = std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>>;

 public:
  /// Prepares its statements on `db`, which must outlive the writer.
  static Result<std::unique_ptr<ResultWriter>> Create(SqliteDb& db);

  /// Adds `row` for the stored record `rowid` whose text is `text` to the
  /// rows Flush() writes, inside the caller's transaction.
  Status Write(int64_t rowid, std::string_view text, const ResultRow& row);
  /// Writes the gathered rows (and the `results` view when a column is
  /// new). Call before the transaction commits.
  Status Flush();

  /// The id of an analysis plugin's name.
  Result<int64_t> PluginId(std::string_view plugin);
  /// Marks unit `record` analysed by plugin `plugin_id` (in
  /// analysed_ranges, written by Flush()); true when the mark is new.
  Result<bool> Mark(int64_t record, int64_t plugin_id);

  /// The result_lists id of an evidence list (its items as JSON strings).
  Result<int64_t> InternEvidence(const std::vector<std::string>& evidence);
  /// How a JSON value is stored: a result_texts id, or minus the
  /// result_lists id of its elements when it is a non-empty array.
  Result<int64_t> InternJson(std::string_view json);

  /// Starts a batch: forgets which sentences and value ordinals it wrote,
  /// and the dictionary (reread under the batch's write lock).
  void BeginBatch();
  /// After a rollback: ids handed out inside it are gone, forget them.
  void Forget();

 private:
  /// One value waiting for Flush(): its column and typed value.
  struct Cell {
    int64_t field_id = 0;
    bool real_valued = false;  // `real`, else `integer` (text values are ids)
    int64_t integer = 0;
    double real = 0;
    int64_t evidence = 0;  // 0: none
    std::string spans;     // EncodeSpans(); empty: none
    bool operator==(const Cell& o) const {
      return field_id == o.field_id && real_valued == o.real_valued && integer == o.integer &&
             (real == o.real || (real != real && o.real != o.real)) && evidence == o.evidence &&
             spans == o.spans;
    }
  };
  struct PendingRow {
    std::optional<std::string> sentence_text;  // a plugin's own sentence cut
    std::vector<Cell> cells;
    int64_t s0 = 0;     // the inherit mask (see result_tables.h)
    bool skip = false;  // inherited by the unit row: not written
  };
  using PendingKey = std::tuple<int64_t, int64_t, int32_t, int64_t>;
  struct PendingKeyHash {
    size_t operator()(const PendingKey& k) const {
      const auto [plugin, record, sentence, ordinal] = k;
      uint64_t h = static_cast<uint64_t>(record) * 0x9E3779B97F4A7C15ULL;
      h ^= (static_cast<uint64_t>(plugin) << 48) ^ (static_cast<uint64_t>(uint32_t(sentence)) << 16) ^
           static_cast<uint64_t>(ordinal);
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  static constexpr size_t kNoRow = static_cast<size_t>(-1);
  /// pending_ in key order: (plugin, record, sentence, ordinal).
  std::vector<size_t> PendingInKeyOrder() const;

  explicit ResultWriter(SqliteDb& db) : db_(db) {}
  Result<ResultTables*> Tables();
  /// The column `row` goes to, made when new (see column_memo_).
  Result<const ResultColumn*> Column(ResultTables& tables, const ResultRow& row);
  Status FlushRow(int64_t plugin_id, int64_t record, int32_t sentence, int64_t ordinal,
                  const PendingRow& row);
  /// (Re)makes the upsert of a plugin's table over all its columns.
  struct Upsert;
  Status PrepareUpsert(int64_t plugin_id, Upsert* upsert);
  /// A plugin's range of analysed units starting last at or before `record`.
  struct Range {
    int64_t first = 0, last = 0;
  };
  Status PrepareRanges();
  Result<std::optional<Range>> RangeBefore(int64_t plugin_id, int64_t record);
  /// RangeBefore() answered from the window of units it holds for.
  Result<std::optional<Range>> CachedRangeBefore(int64_t plugin_id, int64_t record);
  struct RangeWindow {
    bool valid = false;
    int64_t lo = 0, hi = 0;  // RangeBefore() is `before` for every unit in [lo, hi)
    std::optional<Range> before;
  };
  /// Writes this batch's marks as ranges.
  Status WriteMarks();
  /// Lets the unit rows of one-sentence units stand for their sentence.
  void InheritSentenceRows(const std::vector<size_t>& order);
  /// The result_lists id of a list of JSON texts, each interned in
  /// result_texts.
  Result<int64_t> InternList(const std::vector<std::string_view>& elements);

  SqliteDb& db_;
  SentenceCuts sentences_;
  TextDictionary texts_, lists_;  // result_texts, result_lists
  std::optional<ResultTables> tables_;  // loaded on first use, dropped on rollback
  // Bounded caches: evidence JSON -> list id, JSON value -> its stored value.
  TextCache evidence_, json_values_;
  // (plugin id, record, sentence, ordinal) -> the row's values, until
  // Flush(): rows in the order Write() made them, found by key through the
  // index, sorted once by Flush(). A tree keyed by the tuple, rebuilt per
  // batch, was about a tenth of the writer thread's perf samples.
  std::vector<std::pair<PendingKey, PendingRow>> pending_;
  std::unordered_map<PendingKey, size_t, PendingKeyHash> pending_index_;
  size_t last_pending_ = kNoRow;  // the row Write() filled last
  // Per batch: plugin id -> the units marked, written as ranges by Flush().
  std::map<int64_t, std::set<int64_t>> marked_;
  // Per batch: plugin id -> the window of CachedRangeBefore(); the unit
  // whose existence Mark() checked last.
  std::map<int64_t, RangeWindow> range_windows_;
  // The columns Column() found lately, valid for one generation of tables_.
  struct ColumnMemo {
    int32_t type = 0;
    const ResultColumn* column = nullptr;
  };
  static constexpr size_t kColumnMemoEntries = 64;
  std::vector<ColumnMemo> column_memo_;
  uint64_t column_memo_generation_ = 0;
  int64_t unit_checked_ = 0;
  // See PrepareRanges().
  Statement find_range_, find_next_range_, insert_range_, extend_range_, delete_range_, find_unit_;
  bool ranges_prepared_ = false;
  // One upsert per plugin table over all its columns, remade when the
  // table gains a column.
  struct Upsert {
    uint64_t generation = 0;
    Statement stmt;
    struct Column {
      int64_t field_id = 0;
      bool evidence = false, spans = false;  // has its e- and p-column
    };
    std::vector<Column> columns;
    std::map<int64_t, int> position;                 // field id -> bit in s0
  };
  std::map<int64_t, Upsert> upserts_;
  std::string evidence_key_, list_items_;
};

}  // namespace cxmap::core
