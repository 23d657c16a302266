// SPDX-License-Identifier: Apache-2.0
#include "core/storage/record_codec.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "cxmap/support/json_text.h"
#include "cxmap/support/utf8.h"

namespace cxmap::core {

namespace {

using OrderedJson = nlohmann::ordered_json;

std::string Dump(const OrderedJson& j) {
  // `replace`: dump() would otherwise throw on invalid UTF-8, and one odd
  // byte in a free-text attribute must not fail a whole batch.
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace

std::string AttributesToJson(const std::vector<std::pair<std::string, std::string>>& attributes) {
  if (attributes.empty()) return "{}";
  // Appended by hand when every key and value is valid UTF-8 (always, from
  // the sources): the same bytes as the tree below, without building it,
  // once per response on the writer thread.
  const bool valid = std::all_of(attributes.begin(), attributes.end(), [](const auto& kv) {
    return support::IsValidUtf8(kv.first) && support::IsValidUtf8(kv.second);
  });
  if (valid) {
    std::string out = "{";
    for (size_t i = 0; i < attributes.size(); ++i) {
      const auto& [key, value] = attributes[i];
      const bool repeated = std::any_of(attributes.begin(), attributes.begin() + i,
                                        [&](const auto& kv) { return kv.first == key; });
      if (repeated) continue;  // the first value of a key wins
      if (out.size() > 1) out.push_back(',');
      support::AppendJsonString(&out, key);
      out.push_back(':');
      support::AppendJsonString(&out, value);
    }
    out.push_back('}');
    return out;
  }
  OrderedJson object = OrderedJson::object();
  for (const auto& [key, value] : attributes) {
    if (!object.contains(key)) object[key] = value;
  }
  return Dump(object);
}

Status AttributesFromJson(std::string_view json,
                          std::vector<std::pair<std::string, std::string>>* attributes) {
  attributes->clear();
  if (json == "{}") return Status::Ok();
  OrderedJson object = OrderedJson::parse(json, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) {
    return Status::Corruption("records.attributes is not a JSON object: " + std::string(json));
  }
  attributes->reserve(object.size());
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) {
      return Status::Corruption("records.attributes value of \"" + key + "\" is not a string");
    }
    attributes->emplace_back(key, value.get<std::string>());
  }
  return Status::Ok();
}

bool IsPlainId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

std::string AttributeSetText(std::string_view attributes_json, std::string_view local_id) {
  std::string out(attributes_json);
  if (!IsPlainId(local_id)) return out;
  // In minified JSON `":"` is only ever a key's closing quote, its colon
  // and a value's opening quote (a quote inside a string is escaped), so
  // this finds a value equal to the id, never a part of one.
  const std::string value = "\":\"" + std::string(local_id) + "\"";
  for (size_t at = out.find(value); at != std::string::npos; at = out.find(value, at + 1)) {
    const size_t end = at + value.size();
    if (end < out.size() && (out[end] == ',' || out[end] == '}')) {
      out.replace(at + 2, value.size() - 2, 1, kAttributeSelfId);
      break;
    }
  }
  return out;
}

std::string AttributesSql(std::string_view set_sql, std::string_view local_id_sql) {
  return fmt::format(
      "(SELECT replace(a.json, char(1), '\"' || {} || '\"') FROM attribute_sets a WHERE a.id = {})",
      local_id_sql, set_sql);
}

std::optional<std::string_view> ValueTypeName(int32_t type) {
  switch (type) {
    case CXMAP_TYPE_NULL: return "null";
    case CXMAP_TYPE_STRING: return "string";
    case CXMAP_TYPE_INTEGER: return "integer";
    case CXMAP_TYPE_REAL: return "real";
    case CXMAP_TYPE_BOOL: return "bool";
    case CXMAP_TYPE_JSON: return "json";
    default: return std::nullopt;
  }
}

std::string ResponseKey(const FeedbackRecord& record) {
  if (record.rec.response_id.empty()) return record.id;
  return record.source + ":" + record.rec.response_id;
}

std::pair<std::string_view, std::string_view> SplitResponseKey(std::string_view key) {
  const size_t colon = key.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return {std::string_view(), key};
  return {key.substr(0, colon), key.substr(colon + 1)};
}

void BindResponse(Statement& stmt, int first, const FeedbackRecord& record, int64_t import_id,
                  int64_t scope, std::string_view local_id, int64_t file,
                  const ResponseLabels& labels) {
  const Record& r = record.rec;
  int i = first;
  stmt.BindInt(i++, scope);
  stmt.BindTextNoCopy(i++, local_id);
  stmt.BindInt(i++, r.response_id.empty() ? 0 : 1);
  stmt.BindInt(i++, import_id);
  stmt.BindInt(i++, labels.channel);
  stmt.BindInt(i++, labels.sub_channel);
  stmt.BindOptionalInt(i++, r.time_unix_ms);
  stmt.BindInt(i++, labels.language);
  stmt.BindTextNoCopy(i++, r.respondent);
  stmt.BindInt(i++, labels.segment);
  stmt.BindOptionalDouble(i++, r.nps);
  stmt.BindOptionalDouble(i++, r.csat);
  stmt.BindOptionalDouble(i++, r.ces);
  stmt.BindOptionalDouble(i++, r.rating);
  stmt.BindInt(i++, labels.attributes);
  stmt.BindInt(i++, file);
  stmt.BindInt(i++, static_cast<int64_t>(r.line));
}

std::string LabelSql(std::string_view label_sql) {
  return fmt::format("(SELECT l.text FROM labels l WHERE l.id = {})", label_sql);
}

ResponseBasis BasisOf(const FeedbackRecord& record, int64_t rowid, std::string_view local_id,
                      std::string attributes_json) {
  ResponseBasis b;
  b.rowid = rowid;
  b.local_id = local_id;
  b.line = record.rec.line;
  b.external_id = record.rec.response_id;
  b.time_ms = record.rec.time_unix_ms;
  b.language = record.rec.language;
  b.respondent = record.rec.respondent;
  b.attributes_json = std::move(attributes_json);
  b.file = record.rec.file;
  return b;
}

void BindUnit(Statement& stmt, int first, const FeedbackRecord& record, int64_t import_id,
              std::string_view unit_id, const ResponseBasis& basis,
              const std::string& attributes_json, std::optional<int64_t> attribute_set,
              std::optional<int64_t> own_file) {
  const Record& r = record.rec;
  int i = first;
  // NULL where the unit says what its response says: most units are a
  // response's only one, and repeating its columns doubled the database.
  auto own_text = [&](std::string_view mine, std::string_view theirs) {
    if (mine == theirs) {
      stmt.BindNull(i++);
    } else {
      stmt.BindTextNoCopy(i++, mine);
    }
  };
  stmt.BindInt(i++, basis.rowid);
  stmt.BindTextNoCopy(i++, unit_id);
  stmt.BindInt(i++, import_id);
  stmt.BindInt(i++, static_cast<int64_t>(r.speaker_role));
  stmt.BindTextNoCopy(i++, r.text);
  if (r.line == basis.line) {
    stmt.BindNull(i++);
  } else {
    stmt.BindInt(i++, static_cast<int64_t>(r.line));
  }
  stmt.BindInt(i++, static_cast<int64_t>(r.record_number));
  own_text(r.external_id, basis.external_id);
  if (r.time_unix_ms == basis.time_ms) {
    stmt.BindNull(i++);
  } else {
    stmt.BindOptionalInt(i++, r.time_unix_ms);
  }
  own_text(r.language, basis.language);
  own_text(r.respondent, basis.respondent);
  if (attributes_json == basis.attributes_json) {
    stmt.BindNull(i++);
  } else {
    stmt.BindOptionalInt(i++, attribute_set);
  }
  // NULL time reads as the response's: say so when the unit has none.
  if (!r.time_unix_ms && basis.time_ms) {
    stmt.BindInt(i++, 1);
  } else {
    stmt.BindNull(i++);
  }
  stmt.BindOptionalInt(i++, own_file);
}

void BindAnswer(Statement& stmt, int first, int64_t response, int64_t ordinal, const Answer& a) {
  int i = first;
  stmt.BindInt(i++, response);
  stmt.BindTextNoCopy(i++, a.question);
  stmt.BindInt(i++, ordinal);
  stmt.BindTextNoCopy(i++, a.question_text);
  stmt.BindTextNoCopy(i++, AnswerKindName(a.kind));  // static storage
  stmt.BindTextNoCopy(i++, a.value);
  stmt.BindOptionalDouble(i++, a.number);
  stmt.BindOptionalDouble(i++, a.scale ? std::optional<double>(a.scale->first) : std::nullopt);
  stmt.BindOptionalDouble(i++, a.scale ? std::optional<double>(a.scale->second) : std::nullopt);
}

void BindResultValue(Statement& stmt, int index, const ResultRow& row) {
  switch (row.type) {
    case CXMAP_TYPE_INTEGER:
      stmt.BindInt(index, row.integer);
      break;
    case CXMAP_TYPE_BOOL:
      stmt.BindInt(index, row.integer != 0 ? 1 : 0);
      break;
    case CXMAP_TYPE_REAL:
      stmt.BindDouble(index, row.real);
      break;
    case CXMAP_TYPE_STRING:
    case CXMAP_TYPE_JSON:
      stmt.BindTextNoCopy(index, row.text);
      break;
    default:
      stmt.BindNull(index);
      break;
  }
}

Status ReadRecord(const Statement& stmt, int first, FeedbackRecord* record) {
  Record& r = record->rec;
  int i = first;
  record->rowid = stmt.ColumnInt(i++);
  record->id = stmt.ColumnText(i++);
  record->source = stmt.ColumnText(i++);
  i++;  // import_id: not part of the in-memory record
  r.external_id = stmt.ColumnText(i++);
  r.channel = ParseChannel(stmt.ColumnText(i++)).value_or(Channel::kOther);
  r.sub_channel = stmt.ColumnText(i++);
  r.time_unix_ms = stmt.ColumnOptionalInt(i++);
  r.language = stmt.ColumnText(i++);
  r.text = stmt.ColumnText(i++);
  r.respondent = stmt.ColumnText(i++);
  r.segment = stmt.ColumnText(i++);
  r.nps = stmt.ColumnOptionalDouble(i++);
  r.csat = stmt.ColumnOptionalDouble(i++);
  r.ces = stmt.ColumnOptionalDouble(i++);
  r.rating = stmt.ColumnOptionalDouble(i++);
  CXMAP_RETURN_IF_ERROR(AttributesFromJson(stmt.ColumnText(i++), &r.attributes));
  r.file = stmt.ColumnText(i++);
  r.line = static_cast<uint64_t>(stmt.ColumnInt(i++));
  r.record_number = static_cast<uint64_t>(stmt.ColumnInt(i++));
  record->response_rowid = stmt.ColumnOptionalInt(i++).value_or(0);
  r.speaker_role = ParseSpeakerRole(stmt.ColumnText(i++)).value_or(SpeakerRole::kCustomer);
  return Status::Ok();
}

}  // namespace cxmap::core
