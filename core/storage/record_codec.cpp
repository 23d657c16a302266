// SPDX-License-Identifier: Apache-2.0
#include "core/storage/record_codec.h"

#include <nlohmann/json.hpp>

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

std::string EvidenceToJson(const std::vector<std::string>& evidence) {
  if (evidence.empty()) return "[]";
  OrderedJson array = OrderedJson::array();
  for (const std::string& e : evidence) array.push_back(e);
  return Dump(array);
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

namespace {

// The columns records and responses share, in their common order:
// channel, sub_channel, time_ms, language ...
void BindChannelAndTime(Statement& stmt, int* i, const Record& r) {
  stmt.BindTextNoCopy((*i)++, ChannelName(r.channel));  // static storage
  stmt.BindTextNoCopy((*i)++, r.sub_channel);
  stmt.BindOptionalInt((*i)++, r.time_unix_ms);
  stmt.BindTextNoCopy((*i)++, r.language);
}

// ... then respondent, segment, nps, csat, ces, rating, attributes.
void BindPeopleScoresAndAttributes(Statement& stmt, int* i, const Record& r,
                                   const std::string& attributes_json) {
  stmt.BindTextNoCopy((*i)++, r.respondent);
  stmt.BindTextNoCopy((*i)++, r.segment);
  stmt.BindOptionalDouble((*i)++, r.nps);
  stmt.BindOptionalDouble((*i)++, r.csat);
  stmt.BindOptionalDouble((*i)++, r.ces);
  stmt.BindOptionalDouble((*i)++, r.rating);
  stmt.BindTextNoCopy((*i)++, attributes_json);
}

}  // namespace

void BindRecord(Statement& stmt, int first, const FeedbackRecord& record, int64_t import_id,
                const std::string& attributes_json) {
  const Record& r = record.rec;
  int i = first;
  stmt.BindTextNoCopy(i++, record.id);
  stmt.BindTextNoCopy(i++, record.source);
  stmt.BindInt(i++, import_id);
  stmt.BindTextNoCopy(i++, r.external_id);
  BindChannelAndTime(stmt, &i, r);
  stmt.BindTextNoCopy(i++, r.text);
  BindPeopleScoresAndAttributes(stmt, &i, r, attributes_json);
  stmt.BindTextNoCopy(i++, r.file);
  stmt.BindInt(i++, static_cast<int64_t>(r.line));
  stmt.BindInt(i++, static_cast<int64_t>(r.record_number));
  if (record.response_rowid > 0) {
    stmt.BindInt(i++, record.response_rowid);
  } else {
    stmt.BindNull(i++);
  }
  stmt.BindTextNoCopy(i++, SpeakerRoleName(r.speaker_role));  // static storage
}

std::string ResponseKey(const FeedbackRecord& record) {
  if (record.rec.response_id.empty()) return record.id;
  return record.source + ":" + record.rec.response_id;
}

void BindResponse(Statement& stmt, int first, const FeedbackRecord& record, int64_t import_id,
                  const std::string& key, const std::string& attributes_json) {
  const Record& r = record.rec;
  int i = first;
  stmt.BindTextNoCopy(i++, key);
  stmt.BindTextNoCopy(i++, record.source);
  stmt.BindInt(i++, import_id);
  stmt.BindTextNoCopy(i++, r.response_id);
  BindChannelAndTime(stmt, &i, r);
  BindPeopleScoresAndAttributes(stmt, &i, r, attributes_json);
  stmt.BindTextNoCopy(i++, r.file);
  stmt.BindInt(i++, static_cast<int64_t>(r.line));
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
