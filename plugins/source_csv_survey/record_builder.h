// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/uversion.h>

#include "answer_columns.h"
#include "column_roles.h"
#include "csv_reader.h"
#include "cxmap/host.h"
#include "cxmap/record.h"
#include "cxmap/source_plugin.h"
#include "value_parsers.h"

U_NAMESPACE_BEGIN
class TimeZone;
U_NAMESPACE_END

namespace cxmap::csv {

/// Per-file settings of RecordBuilder.
struct BuildSettings {
  std::string file;             ///< provenance, as given to Open()
  /// Namespace of response ids: the platform, plus a hash of the header
  /// for platforms whose ids are only unique per survey (never the file
  /// name, so a renamed or cumulative re-export adds only new responses).
  std::string survey_key;
  std::vector<AnswerColumn> answer_columns;  ///< closed questions (answer_columns.h)
  /// The id column holds row numbers (1, 2, 3… restarting in every file),
  /// not response ids: responses are named by a hash of their cells, the
  /// number stays as attribute `respondent_id`.
  bool id_is_row_number = false;
  char delimiter = ',';         ///< to rebuild excerpts
  Channel channel = Channel::kSurvey;
  std::string sub_channel;
  std::string language;         ///< default BCP 47 tag, may be empty
  DateOrder date_order = DateOrder::kMonthFirst;
  int utc_offset_minutes = 0;
  size_t max_record_bytes = 0;  ///< for the "too long" reason
  /// Per column (or empty): the question text a platform export carries,
  /// kept as attribute `question_text` of the records that answer it.
  std::vector<std::string> question_texts;
  std::vector<bool> pii;        ///< per column (or empty): personal data
  bool drop_pii = false;        ///< leave PII columns out of attributes and respondent
  bool score_labels = false;    ///< read "Very satisfied" / "10 - Extremely likely" as scores
  std::string time_zone;        ///< IANA zone of the time column; wins over utc_offset_minutes
  /// Rows may be shorter than the header (XLSX leaves trailing empty cells
  /// out): pad them; cells beyond the header must then be empty.
  bool pad_short_rows = false;
  /// Cells arrive undecoded (UTF-8 input): a row with ill-formed UTF-8 is
  /// rejected naming the column, instead of landing with U+FFFD.
  bool reject_invalid_utf8 = false;
};

/// Counters of one file, for the summary log line.
struct BuildStats {
  uint64_t rows = 0;  ///< data rows seen, rejected ones included
  uint64_t records = 0;
  uint64_t rejected_rows = 0;
  uint64_t empty_texts = 0;
  uint64_t responses_without_text = 0;
  uint64_t answers = 0;
  uint64_t empty_rows = 0;
  uint64_t transcript_cells = 0;  ///< text cells split into speaker turns
  uint64_t bad_times = 0;
};

/// Turns data rows into records: every row is one response (id: the
/// platform's response id in `survey_key`, or a content hash of the row),
/// with one record per non-empty free-text cell, or one record with empty
/// text when the respondent wrote nothing, so the response still counts.
/// The first record of a row carries the row's closed answers. Records have
/// attributes `question` (the column), `question_text` (when the
/// export has it) and `respondent_id` (the row's id cell, shared by every
/// answer of one response). A row with the wrong number of fields, an
/// unterminated quote, a reader problem (CsvRow::problem) or an invalid
/// score is rejected whole (through the sink, with line and reason); an
/// unparsable time is logged as a warning and the record lands without
/// time. Not thread-safe.
class RecordBuilder {
 public:
  RecordBuilder(BuildSettings settings, std::vector<std::string> headers, ColumnRoles roles,
                const Host& host);
  ~RecordBuilder();

  /// Emits the records of `row`, the `data_row`-th data row (1-based).
  /// Errors: whatever the sink's Emit() returns (the host refused).
  Status Build(const CsvRow& row, uint64_t data_row, RecordSink& sink, size_t* emitted);

  const BuildStats& stats() const { return stats_; }

 private:
  void Reject(const CsvRow& row, const std::string& reason, RecordSink& sink);
  /// Fills the row-level fields of record_ (everything but text/question).
  /// False (after rejecting) when a score is invalid.
  bool FillCommon(const CsvRow& row, RecordSink& sink);
  void SetTime(const CsvRow& row, std::string_view value);
  void SetChannel(std::string_view cell);
  void SetLanguage(std::string_view cell);
  /// The row's fields padded to the header width (pad_short_rows), or an
  /// error reason when a cell beyond the header is not empty.
  bool FitRow(const CsvRow& row, std::string* reason);
  /// Why the (fitted) row cannot be read as text, or empty: ill-formed
  /// UTF-8, or a byte-order mark starting a data row (an appended export).
  std::string TextProblem() const;
  bool IsPii(size_t column) const { return column < settings_.pii.size() && settings_.pii[column]; }
  /// The response id of the current row: survey key + the row's id cell,
  /// or + a hash of its cells and how often that exact row came before.
  std::string ResponseId(const std::string& clean_id);
  /// The typed answers of the current row, into record_.answers.
  void FillAnswers();
  /// Sets the attributes every record of the row shares (after the
  /// record's own `question` / `question_text`).
  Status AddRowAttributes(const std::string& clean_id);

  /// Hash for heterogeneous lookup by string_view.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  template <typename V>
  using Cache = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  BuildSettings settings_;
  std::vector<std::string> headers_;
  ColumnRoles roles_;
  std::vector<size_t> text_columns_;
  std::vector<size_t> attribute_columns_;
  const Host& host_;
  std::unique_ptr<icu::TimeZone> zone_;  // from settings_.time_zone
  std::vector<std::string_view> fields_;  // the row being built (padded)
  Record record_;        // reused: its strings keep their capacity
  std::string scratch_;
  BuildStats stats_;
  std::unordered_map<uint64_t, uint32_t> row_hashes_;  // rows without id: occurrences
  // Channel and language cells repeat a handful of values; folding them
  // through ICU on every row was a tenth of the import time.
  Cache<std::pair<Channel, std::string>> channel_cache_;
  Cache<std::string> language_cache_;
};

/// Maps a channel cell to a channel, e.g. "hotline" -> kCall, "Facebook" ->
/// kSocial; unknown values keep `fallback`. Sets `sub_channel` to the
/// cleaned cell text when the cell names more than the channel.
Channel MapChannel(std::string_view cell, Channel fallback, std::string* sub_channel);

/// A BCP 47 tag for a language cell ("VI" -> "vi", "zh_tw" -> "zh-TW",
/// "Tiếng Việt" -> "vi", "ภาษาไทย" -> "th"); empty when not recognised.
std::string NormalizeLanguage(std::string_view cell);

}  // namespace cxmap::csv
