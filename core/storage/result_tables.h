// SPDX-License-Identifier: Apache-2.0
// The typed result tables (schema 5, lists since 6): one table per analysis plugin
// (`results_<plugin id>`), one row per (unit, sentence, ordinal), one column
// per declared field and value type (`f<field id>`) and, for fields that
// carry evidence, one evidence column (`e<field id>`) and, for those whose
// evidence has places in the text, one spans column (`p<field id>`). A unit analysed by a
// plugin costs one row of a few bytes per field instead of one row per field.
//
// The row (unit, -1, 0) exists for every unit the plugin has analysed, even
// without values: it is the "analysed" mark. A unit of one sentence usually
// gets the same values for the sentence as for the unit; those values are
// not stored again in the sentence row: bit k of the unit row's `s0` says
// "column k (in field id order) holds sentence 0's value too", and the
// sentence row keeps only the other columns (or is not stored). The views
// show both.
//
// Table and column names are built from integer ids only, never from a
// plugin's or a field's name, so no name a plugin chooses ever reaches SQL
// text except as an escaped string literal in the `results` view.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// One column of a plugin's result table.
struct ResultColumn {
  int64_t field_id = 0;   // result_fields.id; the column is f<field_id>
  int64_t plugin_id = 0;  // plugins.id; the table is results_<plugin_id>
  std::string plugin, field, value_type;
  bool evidence = false;  // e<field_id> exists (result_fields.evidence bit 1)
  bool spans = false;     // p<field_id> exists (bit 2): evidence spans, span_codec.h
};

class ResultTables {
 public:
  /// Reads the dictionary of `db`, which must outlive this object.
  static Result<ResultTables> Load(SqliteDb& db);
  /// SQL for the JSON array that result_lists row `list_id_sql` (an SQL
  /// expression) stands for: its elements' texts in list order.
  static std::string ListJsonSql(std::string_view list_id_sql);
  /// Creates the table and value column of every loaded dictionary entry
  /// that has none (for the migration that fills the dictionary first).
  Status Materialise();
  /// Creates plugin `plugin_id`'s table when it has none.
  Status EnsureTable(int64_t plugin_id);
  /// `s0` is a mask of this many bits: columns past it (in field id order)
  /// are never inherited, their sentence rows always stored.
  static constexpr int kInheritBits = 63;
  /// Every column, by (plugin, field, value type).
  const auto& columns() const { return columns_; }

  /// The column for (plugin, field, value type), creating the plugin's table,
  /// the column and the dictionary entries when new. Inside the caller's
  /// write transaction; the `results` view is rebuilt by RebuildView().
  Result<const ResultColumn*> Ensure(std::string_view plugin, std::string_view field,
                                     std::string_view value_type);
  /// Adds the evidence column of `column` when it has none yet.
  Status EnsureEvidence(const ResultColumn& column);
  /// Adds the evidence spans column of `column` when it has none yet.
  Status EnsureSpans(const ResultColumn& column);
  /// The id of `plugin` in the plugins dictionary, inserting it when new.
  Result<int64_t> PluginId(std::string_view plugin);

  /// The columns of plugin `plugin_id`'s table, in field id order.
  std::vector<const ResultColumn*> TableColumns(int64_t plugin_id) const;
  /// Changes whenever a table or column is added.
  uint64_t generation() const { return generation_; }

  /// True when Ensure()/EnsureEvidence() changed the schema since the last
  /// RebuildView().
  bool view_stale() const { return view_stale_; }
  /// Recreates the `results` view (the schema-4 shape: one row per value)
  /// and the `analyses` view (record, plugin) over every result table.
  Status RebuildView();

  /// SQL counting stored values per plugin: rows of (plugin, count).
  std::string CountByPluginSql() const;
  /// SQL that is 1 when unit `record_sql` is marked analysed by `plugin`
  /// and 0 otherwise (also when the plugin has no table yet).
  std::string AnalysedSql(std::string_view plugin, std::string_view record_sql) const;

  static std::string TableName(int64_t plugin_id) { return "results_" + std::to_string(plugin_id); }

 private:
  explicit ResultTables(SqliteDb* db) : db_(db) {}
  Status CreateTable(int64_t plugin_id);
  std::string PluginName(int64_t plugin_id) const;
  Status AddColumn(const ResultColumn& column);
  /// Adds column <prefix><field id> of `type` and sets `flag` in result_fields.
  Status AddSideColumn(const ResultColumn& column, char prefix, const char* type, int flag);

  SqliteDb* db_;
  // (plugin, field, value type) -> column; std::less<> looks up by views.
  std::map<std::tuple<std::string, std::string, std::string>, ResultColumn, std::less<>> columns_;
  std::map<std::string, int64_t, std::less<>> plugins_;
  std::map<int64_t, bool> tables_;  // plugin id -> its table exists
  bool view_stale_ = false;
  uint64_t generation_ = 0;
};

/// The hash by which a text value or a list's items are found (FNV-1a 64, as the
/// SDK's ContentHash; stored, so it must never change).
int64_t DictionaryHash(std::string_view json);

/// A string as a SQL string literal ('it''s'). Only for names the schema
/// itself stores (plugin and field names in generated views); data is bound.
std::string SqlQuote(std::string_view text);

}  // namespace cxmap::core
