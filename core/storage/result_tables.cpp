// SPDX-License-Identifier: Apache-2.0
#include "core/storage/result_tables.h"

#include <fmt/format.h>

#include <algorithm>

#include "cxmap/support/content_hash.h"

namespace cxmap::core {

int64_t DictionaryHash(std::string_view json) {
  return static_cast<int64_t>(support::ContentHash().Add(json).value());
}

std::string SqlQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

Result<ResultTables> ResultTables::Load(SqliteDb& db) {
  ResultTables t(&db);
  // Which tables exist: a plugin has one from its first mark on, with or
  // without columns. Names come from this code (results_<id>) only.
  Result<Statement> tables = db.Prepare(
      "SELECT CAST(substr(name, 9) AS INTEGER) FROM sqlite_schema"
      " WHERE type = 'table' AND name GLOB 'results_[0-9]*'");
  if (!tables.ok()) return tables.status();
  for (;;) {
    Result<bool> row = tables->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    t.tables_[tables->ColumnInt(0)] = true;
  }
  Result<Statement> plugins = db.Prepare("SELECT id, name FROM plugins");
  if (!plugins.ok()) return plugins.status();
  for (;;) {
    Result<bool> row = plugins->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    t.plugins_.emplace(std::string(plugins->ColumnText(1)), plugins->ColumnInt(0));
  }
  Result<Statement> fields = db.Prepare(
      "SELECT f.id, f.plugin, f.field, f.value_type, f.evidence, p.id FROM result_fields f"
      " JOIN plugins p ON p.name = f.plugin ORDER BY f.id");
  if (!fields.ok()) return fields.status();
  for (;;) {
    Result<bool> row = fields->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    ResultColumn c;
    c.field_id = fields->ColumnInt(0);
    c.plugin = fields->ColumnText(1);
    c.field = fields->ColumnText(2);
    c.value_type = fields->ColumnText(3);
    c.evidence = (fields->ColumnInt(4) & 1) != 0;
    c.spans = (fields->ColumnInt(4) & 2) != 0;
    c.plugin_id = fields->ColumnInt(5);
    t.columns_.emplace(std::make_tuple(c.plugin, c.field, c.value_type), std::move(c));
  }
  return t;
}

Result<int64_t> ResultTables::PluginId(std::string_view plugin) {
  if (auto it = plugins_.find(plugin); it != plugins_.end()) return it->second;
  Result<Statement> insert =
      db_->Prepare("INSERT INTO plugins (name) VALUES (?1) ON CONFLICT(name) DO NOTHING");
  if (!insert.ok()) return insert.status();
  insert->BindText(1, plugin);
  CXMAP_RETURN_IF_ERROR(insert->Run());
  Result<Statement> find = db_->Prepare("SELECT id FROM plugins WHERE name = ?1");
  if (!find.ok()) return find.status();
  find->BindText(1, plugin);
  Result<bool> row = find->Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::Internal("plugin name neither inserted nor found");
  const int64_t id = find->ColumnInt(0);
  plugins_.emplace(std::string(plugin), id);
  return id;
}

Status ResultTables::CreateTable(int64_t plugin_id) {
  // WITHOUT ROWID: the key is the row's identity and a unit's rows sit
  // together, so reading one unit's results is one range of one b-tree.
  const std::string sql = fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ("
      " record INTEGER NOT NULL REFERENCES units(rowid),"
      " sentence INTEGER NOT NULL,"
      " ordinal INTEGER NOT NULL,"
      " sentence_text TEXT,"
      " s0 INTEGER,"
      " PRIMARY KEY (record, sentence, ordinal)) STRICT, WITHOUT ROWID",
      TableName(plugin_id));
  CXMAP_RETURN_IF_ERROR(db_->Exec(sql.c_str(), "creating a result table"));
  tables_[plugin_id] = true;
  view_stale_ = true;
  ++generation_;
  return Status::Ok();
}

Result<const ResultColumn*> ResultTables::Ensure(std::string_view plugin, std::string_view field,
                                                 std::string_view value_type) {
  auto it = columns_.find(std::make_tuple(plugin, field, value_type));
  if (it != columns_.end()) return &it->second;
  // Another connection may have added it since this one read the
  // dictionary: read it again (the caller holds the write lock, so what is
  // read now is current) before adding anything.
  Result<ResultTables> fresh = Load(*db_);
  if (!fresh.ok()) return fresh.status();
  const uint64_t generation = generation_ + 1;
  const bool stale = view_stale_;
  *this = std::move(fresh).value();
  generation_ = generation;
  view_stale_ = stale;
  it = columns_.find(std::make_tuple(plugin, field, value_type));
  if (it != columns_.end()) return &it->second;
  Result<int64_t> plugin_id = PluginId(plugin);
  if (!plugin_id.ok()) return plugin_id.status();
  CXMAP_RETURN_IF_ERROR(EnsureTable(plugin_id.value()));
  Result<Statement> insert = db_->Prepare(
      "INSERT INTO result_fields (plugin, field, value_type) VALUES (?1, ?2, ?3)");
  if (!insert.ok()) return insert.status();
  insert->BindText(1, plugin);
  insert->BindText(2, field);
  insert->BindText(3, value_type);
  CXMAP_RETURN_IF_ERROR(insert->Run());
  ResultColumn c;
  c.field_id = db_->LastInsertRowid();
  c.plugin_id = plugin_id.value();
  c.plugin = plugin;
  c.field = field;
  c.value_type = value_type;
  CXMAP_RETURN_IF_ERROR(AddColumn(c));
  auto key = std::make_tuple(c.plugin, c.field, c.value_type);
  return &columns_.emplace(std::move(key), std::move(c)).first->second;
}

Status ResultTables::AddColumn(const ResultColumn& c) {
  const std::string sql =
      fmt::format("ALTER TABLE {} ADD COLUMN f{} ANY", TableName(c.plugin_id), c.field_id);
  CXMAP_RETURN_IF_ERROR(db_->Exec(sql.c_str(), "adding a result column"));
  view_stale_ = true;
  ++generation_;
  return Status::Ok();
}

Status ResultTables::Materialise() {
  for (const auto& [key, c] : columns_) {
    if (tables_[c.plugin_id]) continue;  // made with its columns
    CXMAP_RETURN_IF_ERROR(CreateTable(c.plugin_id));
    for (const ResultColumn* column : TableColumns(c.plugin_id)) {
      CXMAP_RETURN_IF_ERROR(AddColumn(*column));
    }
  }
  return Status::Ok();
}

Status ResultTables::EnsureTable(int64_t plugin_id) {
  if (tables_[plugin_id]) return Status::Ok();
  return CreateTable(plugin_id);
}

std::string ResultTables::PluginName(int64_t plugin_id) const {
  for (const auto& [name, id] : plugins_) {
    if (id == plugin_id) return name;
  }
  return std::string();
}

Status ResultTables::EnsureEvidence(const ResultColumn& column) {
  if (column.evidence) return Status::Ok();
  return AddSideColumn(column, 'e', "INTEGER", 1);
}

Status ResultTables::EnsureSpans(const ResultColumn& column) {
  if (column.spans) return Status::Ok();
  return AddSideColumn(column, 'p', "BLOB", 2);
}

Status ResultTables::AddSideColumn(const ResultColumn& column, char prefix, const char* type,
                                   int flag) {
  const std::string sql = fmt::format("ALTER TABLE {} ADD COLUMN {}{} {}",
                                      TableName(column.plugin_id), prefix, column.field_id, type);
  CXMAP_RETURN_IF_ERROR(db_->Exec(sql.c_str(), "adding an evidence column"));
  // result_fields.evidence is a set of bits: 1 the e-column, 2 the p-column.
  Result<Statement> mark =
      db_->Prepare("UPDATE result_fields SET evidence = evidence | ?2 WHERE id = ?1");
  if (!mark.ok()) return mark.status();
  mark->BindInt(1, column.field_id);
  mark->BindInt(2, flag);
  CXMAP_RETURN_IF_ERROR(mark->Run());
  // The map owns the column; flip the flag there.
  ResultColumn& owned =
      columns_.find(std::make_tuple(column.plugin, column.field, column.value_type))->second;
  (flag == 1 ? owned.evidence : owned.spans) = true;
  view_stale_ = true;
  ++generation_;
  return Status::Ok();
}

namespace {

// The arms of the `results` view for one column: its values as schema-4
// rows, and, for a column that can be inherited (position < 63), the
// values that also stand for sentence 0 of a one-sentence unit.
std::string ViewArms(const ResultColumn& c, int position) {
  const std::string col = fmt::format("t.f{}", c.field_id);
  std::string value;
  if (c.value_type == "null") {
    value = "NULL";
  } else if (c.value_type == "string") {
    // Text values are interned: the column holds the id.
    value = fmt::format(
        "CASE WHEN typeof({0}) = 'integer' THEN (SELECT x.text FROM result_texts x WHERE x.id = {0})"
        " ELSE {0} END",
        col);
  } else if (c.value_type == "json") {
    // An id, or minus the id of the list of an array's elements.
    value = fmt::format(
        "CASE WHEN typeof({0}) <> 'integer' THEN {0} WHEN {0} < 0 THEN {1}"
        " ELSE (SELECT x.text FROM result_texts x WHERE x.id = {0}) END",
        col, ResultTables::ListJsonSql("-" + col));
  } else if (c.value_type == "real") {
    // Thousandths as an integer (result_writer.cpp), other values as REAL.
    value = fmt::format("CASE WHEN typeof({0}) = 'integer' THEN {0} / 1000.0 ELSE {0} END", col);
  } else {
    value = col;
  }
  const std::string evidence =
      c.evidence ? fmt::format("CASE WHEN t.e{0} IS NULL THEN '[]' ELSE {1} END", c.field_id,
                               ResultTables::ListJsonSql(fmt::format("t.e{}", c.field_id)))
                 : "'[]'";
  const std::string spans = c.spans ? fmt::format("t.p{}", c.field_id) : "NULL";
  const std::string table = ResultTables::TableName(c.plugin_id);
  const std::string head = fmt::format("SELECT t.record AS record, {} AS plugin, {} AS field,",
                                       SqlQuote(c.plugin), SqlQuote(c.field));
  const std::string tail =
      fmt::format(" AS sentence_text, {} AS value_type, {} AS value, {} AS evidence, {} AS spans"
                  " FROM {} t",
                  SqlQuote(c.value_type), value, evidence, spans, table);
  // Since schema 9 a one-sentence unit whose sentence is its whole text
  // has no sentences row (sentence_cuts.h).
  auto stored_text = [](std::string_view sentence) {
    return fmt::format(
        "coalesce(s.text, CAST(substr(CAST(u.text AS BLOB), s.begin + 1, s.end - s.begin) AS TEXT),"
        " CASE WHEN s.record IS NULL AND {} = 0 THEN u.text END, '')",
        sentence);
  };
  std::string sql = head +
                    " t.sentence AS sentence, CASE WHEN t.sentence < 0 THEN '' ELSE"
                    " coalesce(t.sentence_text, " + stored_text("t.sentence") + ") END" + tail +
                    " LEFT JOIN sentences s ON t.sentence >= 0 AND s.record = t.record"
                    " AND s.sentence = t.sentence"
                    " LEFT JOIN units u ON t.sentence >= 0 AND u.rowid = t.record"
                    " WHERE " + col + " IS NOT NULL";
  if (position >= 0 && position < ResultTables::kInheritBits) {
    sql += " UNION ALL " + head + " 0 AS sentence, " + stored_text("0") + tail +
           " LEFT JOIN sentences s ON s.record = t.record AND s.sentence = 0"
           " LEFT JOIN units u ON u.rowid = t.record" +
           fmt::format(" WHERE t.sentence = -1 AND t.s0 & {} AND {} IS NOT NULL",
                       int64_t{1} << position, col);
  }
  return sql;
}

}  // namespace

std::string ResultTables::ListJsonSql(std::string_view list_id_sql) {
  // CROSS JOIN keeps the loops in this order, so the elements are
  // aggregated in the order of the list (SQLite 3.40 has no ORDER BY
  // inside an aggregate).
  return fmt::format(
      "(SELECT json_group_array(json(x.text)) FROM result_lists l CROSS JOIN json_each(l.items) j"
      " CROSS JOIN result_texts x ON x.id = j.value WHERE l.id = {})",
      list_id_sql);
}

Status ResultTables::RebuildView() {
  // SQLite allows 500 terms in one compound SELECT; each column brings two.
  // Columns are grouped into subqueries of at most 200 terms, so a
  // vendor plugin with hundreds of fields still gets its view.
  constexpr size_t kColumnsPerGroup = 100;
  std::vector<std::string> groups;
  std::string results, analyses, group;
  size_t in_group = 0;
  for (const auto& [plugin_id, exists] : tables_) {
    if (!exists) continue;
    if (!analyses.empty()) analyses += " UNION ALL ";
    // Ranges hold only marked units (analysed_ranges in migration_8.h).
    analyses += fmt::format(
        "SELECT u.rowid AS record, {} AS plugin FROM analysed_ranges a"
        " JOIN units u ON u.rowid BETWEEN a.first AND a.last WHERE a.plugin = {}",
        SqlQuote(PluginName(plugin_id)), plugin_id);
    const std::vector<const ResultColumn*> columns = TableColumns(plugin_id);
    for (size_t k = 0; k < columns.size(); ++k) {
      if (in_group == kColumnsPerGroup) {
        groups.push_back(std::move(group));
        group.clear();
        in_group = 0;
      }
      if (!group.empty()) group += " UNION ALL ";
      group += ViewArms(*columns[k], static_cast<int>(k));
      ++in_group;
    }
  }
  if (!group.empty()) groups.push_back(std::move(group));
  if (groups.size() == 1) {
    results = groups[0];
  } else {
    for (const std::string& g : groups) {
      if (!results.empty()) results += " UNION ALL ";
      results += "SELECT * FROM (" + g + ")";
    }
  }
  if (results.empty()) {
    results = "SELECT 0 AS record, '' AS plugin, '' AS field, -1 AS sentence, '' AS sentence_text,"
              " 'null' AS value_type, NULL AS value, '[]' AS evidence, NULL AS spans WHERE 0";
  }
  if (analyses.empty()) analyses = "SELECT 0 AS record, '' AS plugin WHERE 0";
  const std::string sql = "DROP VIEW IF EXISTS results; CREATE VIEW results AS " + results +
                          "; DROP VIEW IF EXISTS analyses; CREATE VIEW analyses AS " + analyses;
  CXMAP_RETURN_IF_ERROR(db_->Exec(sql.c_str(), "rebuilding the results views"));
  view_stale_ = false;
  return Status::Ok();
}

std::string ResultTables::AnalysedSql(std::string_view plugin, std::string_view record_sql) const {
  auto it = plugins_.find(plugin);
  if (it == plugins_.end()) return "0";
  // The range starting last at or before the unit, if it reaches it.
  return fmt::format(
      "coalesce((SELECT a.last >= {0} FROM analysed_ranges a WHERE a.plugin = {1} AND a.first <= {0}"
      " ORDER BY a.first DESC LIMIT 1), 0)",
      record_sql, it->second);
}

std::vector<const ResultColumn*> ResultTables::TableColumns(int64_t plugin_id) const {
  std::vector<const ResultColumn*> out;
  for (const auto& [key, c] : columns_) {
    if (c.plugin_id == plugin_id) out.push_back(&c);
  }
  std::sort(out.begin(), out.end(), [](const ResultColumn* a, const ResultColumn* b) {
    return a->field_id < b->field_id;
  });
  return out;
}

std::string ResultTables::CountByPluginSql() const {
  std::map<int64_t, std::pair<std::string, std::string>> per_table;  // id -> (plugin, sum)
  for (const auto& [plugin_id, exists] : tables_) {
    const std::vector<const ResultColumn*> columns = TableColumns(plugin_id);
    if (!exists || columns.empty()) continue;
    auto& [plugin, sum] = per_table[plugin_id];
    plugin = PluginName(plugin_id);
    for (size_t k = 0; k < columns.size(); ++k) {
      if (!sum.empty()) sum += " + ";
      // A value a unit row also holds for its sentence 0 counts twice, as
      // the `results` view shows it twice.
      sum += fmt::format("count(f{0})", columns[k]->field_id);
      if (k < static_cast<size_t>(kInheritBits)) {
        sum += fmt::format(" + count(CASE WHEN s0 & {1} THEN f{0} END)", columns[k]->field_id,
                           int64_t{1} << k);
      }
    }
  }
  std::string sql;
  for (const auto& [id, entry] : per_table) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += fmt::format("SELECT {}, {} FROM {}", SqlQuote(entry.first), entry.second, TableName(id));
  }
  return sql;
}

}  // namespace cxmap::core
