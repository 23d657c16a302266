// SPDX-License-Identifier: Apache-2.0
// How FeedbackRecord and ResultRow map onto SQL columns and JSON text. Pure
// functions over Statement; no SQL is run here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/batch.h"
#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The record columns in bind/read order, after `rowid` on reads.
inline constexpr std::string_view kRecordColumns =
    "id, source, import_id, external_id, channel, sub_channel, time_ms, language, text,"
    " respondent, segment, nps, csat, ces, rating, attributes, file, line, record_number,"
    " response, speaker_role";
/// Number of columns in kRecordColumns.
inline constexpr int kRecordColumnCount = 21;

/// The response_rows columns in BindResponse() order.
inline constexpr std::string_view kResponseColumns =
    "scope, local_id, named, import_id, channel, sub_channel, time_ms, language, respondent,"
    " segment, nps, csat, ces, rating, attributes, file, line";
inline constexpr int kResponseColumnCount = 17;

/// The units columns in BindUnit() order.
inline constexpr std::string_view kUnitColumns =
    "response, unit, import_id, speaker, text, line, record_number, external_id, time_ms,"
    " language, respondent, attributes, untimed, file";
inline constexpr int kUnitColumnCount = 14;

/// What a unit shares with its response: a unit stores a column only when
/// its value differs (NULL means "as the response").
struct ResponseBasis {
  int64_t rowid = 0;
  std::string local_id;     // response_rows.local_id
  std::string external_id;  // the response id the records view shows
  std::optional<int64_t> time_ms;
  uint64_t line = 0;
  std::string language, respondent, attributes_json, file;
};

/// A response's columns that are ids of repeated texts (since schema 7):
/// channel, sub-channel, language and segment in `labels`, attributes in
/// `attribute_sets`.
struct ResponseLabels {
  int64_t channel = 0, sub_channel = 0, language = 0, segment = 0, attributes = 0;
};

/// A response key split at its last colon: (prefix, local id). A key with
/// no colon past its first byte has an empty prefix and is its own local
/// id. The `responses` view joins them back.
std::pair<std::string_view, std::string_view> SplitResponseKey(std::string_view key);

/// The answer columns in bind order.
inline constexpr std::string_view kAnswerColumns =
    "response, question, ordinal, question_text, kind, value, number, scale_min, scale_max";
inline constexpr int kAnswerColumnCount = 9;

/// The response key of a record: "<source>:<response_id>", or the record's
/// own id when the source gave no response id (the record is its own
/// response).
std::string ResponseKey(const FeedbackRecord& record);

/// Binds the response of `record` (the unit that first names it) to
/// parameters first..first+kResponseColumnCount-1. Strings are bound
/// without copying: everything passed must outlive the statement's next
/// Reset().
void BindResponse(Statement& stmt, int first, const FeedbackRecord& record, int64_t import_id,
                  int64_t scope, std::string_view local_id, int64_t file,
                  const ResponseLabels& labels);

/// SQL for the text of the `labels` row whose id is `label_sql`.
std::string LabelSql(std::string_view label_sql);

/// The response as a unit sees it, from the record that creates it.
ResponseBasis BasisOf(const FeedbackRecord& record, int64_t rowid, std::string_view local_id,
                      std::string attributes_json);

/// Binds answer `ordinal` (`answer`) of response `response`.
void BindAnswer(Statement& stmt, int first, int64_t response, int64_t ordinal, const Answer& answer);

/// Attributes as a JSON object text, keys in record order. When a key occurs
/// twice the first value is kept (as RecordView::attribute() sees it).
/// Invalid UTF-8 is replaced by U+FFFD rather than failing the batch.
std::string AttributesToJson(const std::vector<std::pair<std::string, std::string>>& attributes);

/// Parses AttributesToJson() output back; Corruption when `json` is not an
/// object of strings.
Status AttributesFromJson(std::string_view json,
                          std::vector<std::pair<std::string, std::string>>* attributes);

/// Stands for the response's local id, as a JSON string, in an
/// attribute_sets text: never in JSON text, where control characters are
/// escaped.
inline constexpr char kAttributeSelfId = '\x01';

/// How attributes are kept in attribute_sets (since schema 7): the JSON
/// text with the first value equal to the response's local id replaced by
/// kAttributeSelfId, so a source that repeats its response id as an
/// attribute (a survey's `respondent_id`) has one set for all its rows.
/// Only an id of printable ASCII without quote or backslash is replaced:
/// its JSON string is then the id in quotes, in any JSON writer.
std::string AttributeSetText(std::string_view attributes_json, std::string_view local_id);

/// SQL for the attributes JSON of attribute set `set_sql` of a response
/// whose local id is `local_id_sql` (both SQL expressions).
std::string AttributesSql(std::string_view set_sql, std::string_view local_id_sql);


/// The `results.value_type` name of a cxmap_type ("null", "string",
/// "integer", "real", "bool", "json"); nullopt for an unknown type.
std::optional<std::string_view> ValueTypeName(int32_t type);

/// Binds the unit `record` of response `basis` to parameters
/// first..first+kUnitColumnCount-1. `unit_id` is "" when the record's id is
/// its response's key. Same lifetime rules as BindResponse().
/// `attributes_json` is the unit's; when it differs from the response's,
/// `attribute_set` is its attribute_sets id. `own_file` is the id of the
/// unit's file when it is not its response's.
void BindUnit(Statement& stmt, int first, const FeedbackRecord& record, int64_t import_id,
              std::string_view unit_id, const ResponseBasis& basis,
              const std::string& attributes_json, std::optional<int64_t> attribute_set,
              std::optional<int64_t> own_file);

/// Binds the value of `row` (typed: INTEGER, REAL, TEXT or NULL) to
/// parameter `index`. BOOL binds 0/1; JSON binds its text.
void BindResultValue(Statement& stmt, int index, const ResultRow& row);

/// Reads a record from the current row: column `first` is the rowid,
/// followed by kRecordColumns. NULL scores/time become nullopt. Corruption
/// when the attributes column is not valid JSON.
Status ReadRecord(const Statement& stmt, int first, FeedbackRecord* record);

}  // namespace cxmap::core
