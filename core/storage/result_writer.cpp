// SPDX-License-Identifier: Apache-2.0
#include "core/storage/result_writer.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include "core/storage/record_codec.h"
#include "core/storage/span_codec.h"
#include "cxmap/support/json_text.h"
#include "cxmap/support/utf8.h"

namespace cxmap::core {

namespace {

// Beyond this many distinct entries a cache starts over: the dictionary
// itself is unbounded, the memory is not.
constexpr size_t kCacheEntries = 1 << 16;


// Arrays nested deeper than this stay one text: the view rebuilds a list
// with SQLite's json(), which refuses depths past 1000 (3.45) or 2000
// (3.40), and parsing a deep value here would recurse as deep.
constexpr size_t kMaxListDepth = 32;

// `s` as a JSON string, as nlohmann::json(s).dump() writes it; appended by
// hand for valid UTF-8 (every result string: the host repairs them), the
// tree only for the odd invalid byte (`replace`: it must not throw).
std::string JsonString(std::string_view s) {
  if (!support::IsValidUtf8(s)) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string out;
  support::AppendJsonString(&out, s);
  return out;
}

// The top-level elements of a JSON array written with no whitespace
// outside its strings, as views into `json`, so that "[" + elements joined
// by "," + "]" is `json` again; nullopt for anything else (not an array,
// empty, spaced, nested deeper than kMaxListDepth, unbalanced). A scan, not
// a parse: the host has checked that plugins' JSON values are well-formed.
std::optional<std::vector<std::string_view>> CompactArrayElements(std::string_view json) {
  if (json.size() < 3 || json.front() != '[' || json.back() != ']') return std::nullopt;
  std::vector<std::string_view> elements;
  size_t depth = 0, start = 1;
  bool in_string = false;
  for (size_t i = 1; i + 1 < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{':
        if (++depth > kMaxListDepth) return std::nullopt;
        break;
      case ']':
      case '}':
        if (depth == 0) return std::nullopt;
        --depth;
        break;
      case ',':
        if (depth > 0) break;
        if (i == start) return std::nullopt;
        elements.push_back(json.substr(start, i - start));
        start = i + 1;
        break;
      case ' ': case '\t': case '\n': case '\r': return std::nullopt;
      default: break;
    }
  }
  if (in_string || depth != 0 || start >= json.size() - 1) return std::nullopt;
  elements.push_back(json.substr(start, json.size() - 1 - start));
  return elements;
}

// A real with at most three decimals (a plugin's rounded score or
// confidence) as the integer of its thousandths: SQLite stores it in 1-3
// bytes instead of 8. Only when dividing that integer by 1000 gives back
// the very same double (so -0.0 and every other value stay REAL).
std::optional<int64_t> Thousandths(double v) {
  const double scaled = v * 1000.0;
  if (!std::isfinite(scaled) || std::fabs(scaled) > 1e15 || (v == 0 && std::signbit(v))) {
    return std::nullopt;
  }
  const auto k = static_cast<int64_t>(std::llround(scaled));
  if (static_cast<double>(k) / 1000.0 != v) return std::nullopt;
  return k;
}

Status PrepareInto(SqliteDb& db, std::string_view sql, Statement* out) {
  Result<Statement> stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  *out = std::move(stmt).value();
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<ResultWriter>> ResultWriter::Create(SqliteDb& db) {
  std::unique_ptr<ResultWriter> w(new ResultWriter(db));
  Result<SentenceCuts> sentences = SentenceCuts::Create(db);
  if (!sentences.ok()) return sentences.status();
  w->sentences_ = std::move(sentences).value();
  Result<TextDictionary> texts = TextDictionary::Open(db, "result_texts", "text");
  if (!texts.ok()) return texts.status();
  w->texts_ = std::move(texts).value();
  Result<TextDictionary> lists = TextDictionary::Open(db, "result_lists", "items");
  if (!lists.ok()) return lists.status();
  w->lists_ = std::move(lists).value();
  return w;
}

void ResultWriter::BeginBatch() {
  // Another connection may have added tables or columns since the last
  // batch: read the dictionary again inside this batch's transaction, so
  // no column is added twice and the views are rebuilt from what is there.
  tables_.reset();
  upserts_.clear();
  sentences_.BeginBatch();
  pending_.clear();
  pending_index_.clear();
  last_pending_ = kNoRow;
  marked_.clear();
  range_windows_.clear();
  unit_checked_ = 0;
  column_memo_.clear();
}

void ResultWriter::Forget() {
  tables_.reset();
  upserts_.clear();
  marked_.clear();
  evidence_.clear();
  json_values_.clear();
  texts_.Forget();
  lists_.Forget();
  BeginBatch();
}

Result<ResultTables*> ResultWriter::Tables() {
  if (!tables_) {
    Result<ResultTables> loaded = ResultTables::Load(db_);
    if (!loaded.ok()) return loaded.status();
    tables_.emplace(std::move(loaded).value());
    column_memo_.clear();  // it pointed into the tables read before
  }
  return &*tables_;
}

Result<int64_t> ResultWriter::PluginId(std::string_view plugin) {
  Result<ResultTables*> tables = Tables();
  if (!tables.ok()) return tables.status();
  return (*tables)->PluginId(plugin);
}

Result<bool> ResultWriter::Mark(int64_t record, int64_t plugin_id) {
  Result<ResultTables*> tables = Tables();
  if (!tables.ok()) return tables.status();
  CXMAP_RETURN_IF_ERROR((*tables)->EnsureTable(plugin_id));
  std::set<int64_t>& marked = marked_[plugin_id];
  if (marked.count(record) != 0) return false;  // earlier in this batch
  Result<std::optional<Range>> range = CachedRangeBefore(plugin_id, record);
  if (!range.ok()) return range.status();
  if (*range && (*range)->last >= record) return false;
  // A range cannot carry a foreign key: check that the unit exists (once
  // for all the plugins that mark it).
  if (record != unit_checked_) {
    find_unit_.BindInt(1, record);
    Result<bool> unit = find_unit_.Step();
    find_unit_.Reset();
    if (!unit.ok()) return unit.status();
    if (!unit.value()) {
      return Status::InvalidArgument(fmt::format("no stored unit with rowid {} to mark analysed", record));
    }
    unit_checked_ = record;
  }
  marked.insert(record);
  return true;
}

Result<std::optional<ResultWriter::Range>> ResultWriter::CachedRangeBefore(int64_t plugin_id,
                                                                           int64_t record) {
  // Marks come in unit order and the ranges do not change until Flush(), so
  // one answer holds from its range's first unit up to the next range's:
  // two lookups per plugin and batch instead of one per unit.
  RangeWindow& w = range_windows_[plugin_id];
  if (w.valid && record >= w.lo && record < w.hi) return w.before;
  Result<std::optional<Range>> before = RangeBefore(plugin_id, record);
  if (!before.ok()) return before.status();
  find_next_range_.BindInt(1, plugin_id);
  find_next_range_.BindInt(2, record);
  Result<bool> next = find_next_range_.Step();
  const int64_t hi = next.ok() && next.value() ? find_next_range_.ColumnInt(0)
                                               : std::numeric_limits<int64_t>::max();
  find_next_range_.Reset();
  if (!next.ok()) return next.status();
  w = RangeWindow{true, *before ? (*before)->first : std::numeric_limits<int64_t>::min(), hi,
                  *before};
  return w.before;
}

Status ResultWriter::PrepareRanges() {
  // On first use, not in Create(): the migrations before schema 8 use a
  // writer, and analysed_ranges does not exist yet then.
  if (ranges_prepared_) return Status::Ok();
  const std::pair<Statement*, std::string_view> all[] = {
      {&find_range_,
       "SELECT first, last FROM analysed_ranges WHERE plugin = ?1 AND first <= ?2"
       " ORDER BY first DESC LIMIT 1"},
      {&insert_range_, "INSERT INTO analysed_ranges (plugin, first, last) VALUES (?1, ?2, ?3)"},
      {&extend_range_, "UPDATE analysed_ranges SET last = ?3 WHERE plugin = ?1 AND first = ?2"},
      {&delete_range_, "DELETE FROM analysed_ranges WHERE plugin = ?1 AND first = ?2"},
      {&find_next_range_,
       "SELECT first FROM analysed_ranges WHERE plugin = ?1 AND first > ?2 ORDER BY first LIMIT 1"},
      {&find_unit_, "SELECT 1 FROM units WHERE rowid = ?1"},
  };
  for (const auto& [stmt, sql] : all) CXMAP_RETURN_IF_ERROR(PrepareInto(db_, sql, stmt));
  ranges_prepared_ = true;
  return Status::Ok();
}

Result<std::optional<ResultWriter::Range>> ResultWriter::RangeBefore(int64_t plugin_id,
                                                                     int64_t record) {
  CXMAP_RETURN_IF_ERROR(PrepareRanges());
  find_range_.BindInt(1, plugin_id);
  find_range_.BindInt(2, record);
  Result<bool> row = find_range_.Step();
  std::optional<Range> range;
  if (row.ok() && row.value()) range = Range{find_range_.ColumnInt(0), find_range_.ColumnInt(1)};
  find_range_.Reset();
  if (!row.ok()) return row.status();
  return range;
}

Status ResultWriter::WriteMarks() {
  // Runs of consecutive units become one range. A run joins a stored range
  // that ends right before it and one that starts right after it, so
  // batches written out of order (a failed plugin's gaps filled later by
  // `analyze`) still leave one range, and a lookup stays one step.
  for (const auto& [plugin_id, records] : marked_) {
    for (auto it = records.begin(); it != records.end();) {
      int64_t first = *it;
      int64_t last = first;
      for (++it; it != records.end() && *it == last + 1; ++it) last = *it;
      Result<std::optional<Range>> before = RangeBefore(plugin_id, first - 1);
      if (!before.ok()) return before.status();
      const bool extend = *before && (*before)->last == first - 1;
      if (extend) first = (*before)->first;
      Result<std::optional<Range>> after = RangeBefore(plugin_id, last + 1);
      if (!after.ok()) return after.status();
      if (*after && (*after)->first == last + 1) {
        last = (*after)->last;
        delete_range_.BindInt(1, plugin_id);
        delete_range_.BindInt(2, (*after)->first);
        CXMAP_RETURN_IF_ERROR(delete_range_.Run());
      }
      Statement& st = extend ? extend_range_ : insert_range_;
      st.BindInt(1, plugin_id);
      st.BindInt(2, first);
      st.BindInt(3, last);
      CXMAP_RETURN_IF_ERROR(st.Run());
    }
  }
  marked_.clear();
  range_windows_.clear();
  return Status::Ok();
}

Result<int64_t> ResultWriter::InternList(const std::vector<std::string_view>& elements) {
  list_items_ = "[";
  for (size_t k = 0; k < elements.size(); ++k) {
    Result<int64_t> id = texts_.Intern(elements[k]);
    if (!id.ok()) return id.status();
    if (k > 0) list_items_ += ',';
    list_items_ += std::to_string(id.value());
  }
  list_items_ += ']';
  return lists_.Intern(list_items_);
}

Result<int64_t> ResultWriter::InternEvidence(const std::vector<std::string>& evidence) {
  // Whole lists repeat (the cache); their items repeat far more: 175k
  // items in 33k distinct lists are 5k distinct texts on the bench corpus.
  // The cache key: each item's length, then its bytes. Building it costs a
  // copy; building the list's JSON (as before) cost a JSON tree and a dump
  // per result, on the single writer thread.
  evidence_key_.clear();
  for (const std::string& e : evidence) {
    const auto n = static_cast<uint32_t>(e.size());
    evidence_key_.append(reinterpret_cast<const char*>(&n), sizeof(n));
    evidence_key_ += e;
  }
  if (auto it = evidence_.find(evidence_key_); it != evidence_.end()) return it->second;
  std::vector<std::string> quoted;
  quoted.reserve(evidence.size());
  for (const std::string& e : evidence) quoted.push_back(JsonString(e));
  std::vector<std::string_view> elements(quoted.begin(), quoted.end());
  Result<int64_t> id = InternList(elements);
  if (!id.ok()) return id.status();
  if (evidence_.size() >= kCacheEntries) evidence_.clear();
  evidence_.emplace(evidence_key_, id.value());
  return id;
}

Result<int64_t> ResultWriter::InternJson(std::string_view json) {
  if (auto it = json_values_.find(json); it != json_values_.end()) return it->second;
  // A non-empty array is stored as the list of its elements, each interned
  // (a journey plugin's candidate lists: 72k elements, 6.6k distinct), but
  // only when the elements joined with commas give back the very same text
  // (no whitespace between them); any other value is one text.
  std::optional<std::vector<std::string_view>> elements = CompactArrayElements(json);
  Result<int64_t> id = elements ? InternList(*elements) : texts_.Intern(json);
  if (!id.ok()) return id.status();
  const int64_t encoded = elements ? -id.value() : id.value();
  if (json_values_.size() >= kCacheEntries) json_values_.clear();
  json_values_.emplace(std::string(json), encoded);
  return encoded;
}

Result<const ResultColumn*> ResultWriter::Column(ResultTables& tables, const ResultRow& row) {
  // A batch names a handful of columns over and over: a linear scan of the
  // ones seen lately beats the dictionary's tree of string tuples. Entries
  // hold pointers into `tables`, so they last one generation of it.
  if (column_memo_generation_ != tables.generation()) column_memo_.clear();
  for (const ColumnMemo& m : column_memo_) {
    if (m.type == row.type && m.column->field == row.field && m.column->plugin == row.plugin) {
      return m.column;
    }
  }
  Result<const ResultColumn*> column =
      tables.Ensure(row.plugin, row.field, *ValueTypeName(row.type));  // type validated
  if (!column.ok()) return column.status();
  if (column_memo_generation_ != tables.generation()) column_memo_.clear();
  column_memo_generation_ = tables.generation();
  if (column_memo_.size() < kColumnMemoEntries) column_memo_.push_back({row.type, *column});
  return column;
}

Status ResultWriter::Write(int64_t rowid, std::string_view text, const ResultRow& row) {
  Result<ResultTables*> tables = Tables();
  if (!tables.ok()) return tables.status();
  Result<const ResultColumn*> column = Column(**tables, row);
  if (!column.ok()) return column.status();
  const ResultColumn& c = *column.value();
  bool own_sentence = false;
  if (row.sentence >= 0) {
    Result<bool> differs = sentences_.Write(rowid, text, row.sentence, row.sentence_text);
    if (!differs.ok()) return differs.status();
    own_sentence = differs.value();
  }
  Cell cell;
  cell.field_id = c.field_id;
  if (!row.evidence.empty()) {
    CXMAP_RETURN_IF_ERROR((*tables)->EnsureEvidence(c));
    Result<int64_t> id = InternEvidence(row.evidence);
    if (!id.ok()) return id.status();
    cell.evidence = id.value();
  }
  if (!row.spans.empty()) {
    CXMAP_RETURN_IF_ERROR((*tables)->EnsureSpans(c));
    cell.spans = EncodeSpans(row.spans);
  }
  switch (row.type) {
    case CXMAP_TYPE_STRING:
      {
        Result<int64_t> id = texts_.Intern(row.text);
        if (!id.ok()) return id.status();
        cell.integer = id.value();  // the view reads it back through result_texts
      }
      break;
    case CXMAP_TYPE_JSON:
      {
        Result<int64_t> id = InternJson(row.text);
        if (!id.ok()) return id.status();
        cell.integer = id.value();  // < 0: a result_lists id
      }
      break;
    case CXMAP_TYPE_INTEGER: cell.integer = row.integer; break;
    case CXMAP_TYPE_BOOL: cell.integer = row.integer != 0 ? 1 : 0; break;
    case CXMAP_TYPE_REAL:
      if (std::optional<int64_t> k = Thousandths(row.real)) {
        cell.integer = *k;  // the view divides by 1000
      } else {
        cell.real_valued = true;
        cell.real = row.real;
      }
      break;
    default: cell.integer = 1; break;  // NULL: present in its own column, stored free
  }
  // The n-th value of a field in one sentence goes to row (ordinal) n: the
  // first row of this sentence that has no value for the field yet. A
  // plugin sends a sentence's fields one after the other, so the row is
  // nearly always the previous one (a tree of ordinals per value cost a
  // tenth of the writer thread).
  auto has_field = [&](const PendingRow& p) {
    return std::any_of(p.cells.begin(), p.cells.end(),
                       [&](const Cell& x) { return x.field_id == c.field_id; });
  };
  size_t at;
  const PendingKey first = std::make_tuple(c.plugin_id, rowid, row.sentence, int64_t{0});
  if (last_pending_ != kNoRow && pending_[last_pending_].first == first &&
      !has_field(pending_[last_pending_].second)) {
    at = last_pending_;
  } else {
    for (int64_t ordinal = 0;; ++ordinal) {
      const PendingKey key = std::make_tuple(c.plugin_id, rowid, row.sentence, ordinal);
      const auto [it, added] = pending_index_.try_emplace(key, pending_.size());
      if (added) pending_.emplace_back(key, PendingRow{});
      at = it->second;
      if (!has_field(pending_[at].second)) break;
    }
  }
  last_pending_ = at;
  PendingRow& pending = pending_[at].second;
  if (own_sentence) pending.sentence_text = row.sentence_text;
  pending.cells.push_back(std::move(cell));
  return Status::Ok();
}

Status ResultWriter::PrepareUpsert(int64_t plugin_id, Upsert* upsert) {
  // Every column of the table, so one statement serves every row; a
  // column the row has no value for binds NULL and keeps what is stored.
  upsert->columns.clear();
  upsert->position.clear();
  std::string names, values = "?1, ?2, ?3, ?4, ?5", updates;
  int next = 6;
  auto add = [&](const std::string& column) {
    names += ", " + column;
    values += fmt::format(", ?{}", next++);
    updates += fmt::format(", {0} = coalesce(excluded.{0}, {0})", column);
  };
  for (const ResultColumn* c : tables_->TableColumns(plugin_id)) {
    upsert->position[c->field_id] = static_cast<int>(upsert->columns.size());
    upsert->columns.push_back({c->field_id, c->evidence, c->spans});
    add(fmt::format("f{}", c->field_id));
    if (c->evidence) add(fmt::format("e{}", c->field_id));
    if (c->spans) add(fmt::format("p{}", c->field_id));
  }
  // A plugin may send a unit's values in more than one run of rows; later
  // ones fill their columns of the same row.
  const std::string sql = fmt::format(
      "INSERT INTO {} (record, sentence, ordinal, sentence_text, s0{}) VALUES ({})"
      " ON CONFLICT (record, sentence, ordinal) DO UPDATE SET"
      " sentence_text = coalesce(excluded.sentence_text, sentence_text),"
      " s0 = coalesce(excluded.s0, s0){}",
      ResultTables::TableName(plugin_id), names, values, updates);
  Result<Statement> stmt = db_.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  upsert->stmt = std::move(stmt).value();
  upsert->generation = tables_->generation();
  return Status::Ok();
}

Status ResultWriter::FlushRow(int64_t plugin_id, int64_t record, int32_t sentence,
                              int64_t ordinal, const PendingRow& row) {
  Upsert& upsert = upserts_[plugin_id];  // made current by Flush()
  Statement& st = upsert.stmt;
  st.BindInt(1, record);
  st.BindInt(2, sentence);
  st.BindInt(3, ordinal);
  if (row.sentence_text) {
    st.BindTextNoCopy(4, *row.sentence_text);
  } else {
    st.BindNull(4);
  }
  if (row.s0 != 0) {
    st.BindInt(5, row.s0);
  } else {
    st.BindNull(5);
  }
  int index = 6;
  for (const Upsert::Column& column : upsert.columns) {
    const Cell* cell = nullptr;
    for (const Cell& c : row.cells) {
      if (c.field_id == column.field_id) cell = &c;
    }
    if (cell == nullptr) {
      st.BindNull(index++);
    } else if (cell->real_valued) {
      st.BindDouble(index++, cell->real);
    } else {
      st.BindInt(index++, cell->integer);
    }
    if (column.evidence) {
      if (cell != nullptr && cell->evidence > 0) {
        st.BindInt(index++, cell->evidence);
      } else {
        st.BindNull(index++);
      }
    }
    if (column.spans) {
      if (cell != nullptr && !cell->spans.empty()) {
        st.BindBlobNoCopy(index++, cell->spans);
      } else {
        st.BindNull(index++);
      }
    }
  }
  return st.Run();
}

std::vector<size_t> ResultWriter::PendingInKeyOrder() const {
  std::vector<size_t> order(pending_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto by_key = [&](size_t a, size_t b) { return pending_[a].first < pending_[b].first; };
  if (!std::is_sorted(order.begin(), order.end(), by_key)) std::sort(order.begin(), order.end(), by_key);
  return order;
}

void ResultWriter::InheritSentenceRows(const std::vector<size_t>& order) {
  // `order` runs by (plugin, record, sentence, ordinal): one run per unit
  // and plugin, its unit rows (-1) first.
  for (size_t first = 0; first < order.size();) {
    const auto [plugin_id, record, s, o] = pending_[order[first]].first;
    size_t last = first;
    bool one_sentence = true;
    while (last < order.size() && std::get<0>(pending_[order[last]].first) == plugin_id &&
           std::get<1>(pending_[order[last]].first) == record) {
      if (std::get<2>(pending_[order[last]].first) > 0) one_sentence = false;
      ++last;
    }
    Upsert& upsert = upserts_[plugin_id];
    if (one_sentence) {
      for (size_t k = first; k < last; ++k) {
        auto& [key, sentence_row] = pending_[order[k]];
        if (std::get<2>(key) != 0 || sentence_row.sentence_text) continue;
        auto unit_at = pending_index_.find(std::make_tuple(plugin_id, record, -1, std::get<3>(key)));
        if (unit_at == pending_index_.end()) continue;
        PendingRow& unit = pending_[unit_at->second].second;
        // The cells the unit row holds too are inherited; the others stay
        // in a smaller sentence row (skipped when none are left).
        int64_t mask = 0;
        std::vector<Cell>& cells = sentence_row.cells;
        for (auto cell = cells.begin(); cell != cells.end();) {
          auto pos = upsert.position.find(cell->field_id);
          const bool same = pos != upsert.position.end() &&
                            pos->second < ResultTables::kInheritBits &&
                            std::find(unit.cells.begin(), unit.cells.end(), *cell) != unit.cells.end();
          if (!same) {
            ++cell;
            continue;
          }
          mask |= int64_t{1} << pos->second;
          cell = cells.erase(cell);
        }
        unit.s0 = mask;
        sentence_row.skip = cells.empty();
      }
    }
    first = last;
  }
}

Status ResultWriter::Flush() {
  const std::vector<size_t> order = PendingInKeyOrder();
  // Column positions come from each table's upsert: make them current,
  // once per plugin (`order` runs by plugin first).
  int64_t prepared = -1;
  for (size_t i : order) {
    const int64_t plugin_id = std::get<0>(pending_[i].first);
    if (plugin_id == prepared) continue;
    prepared = plugin_id;
    Upsert& upsert = upserts_[plugin_id];
    if (upsert.columns.empty() || upsert.generation != tables_->generation()) {
      CXMAP_RETURN_IF_ERROR(PrepareUpsert(plugin_id, &upsert));
    }
  }
  CXMAP_RETURN_IF_ERROR(WriteMarks());
  InheritSentenceRows(order);
  for (size_t i : order) {
    const auto& [key, row] = pending_[i];
    if (row.skip) continue;
    const auto& [plugin_id, record, sentence, ordinal] = key;
    CXMAP_RETURN_IF_ERROR(FlushRow(plugin_id, record, sentence, ordinal, row));
  }
  pending_.clear();
  pending_index_.clear();
  last_pending_ = kNoRow;
  if (tables_ && tables_->view_stale()) return tables_->RebuildView();
  return Status::Ok();
}

}  // namespace cxmap::core
