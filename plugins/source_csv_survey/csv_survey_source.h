// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <memory>
#include <string>
#include <string_view>

#include "csv_reader.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/source_plugin.h"
#include "encoding.h"
#include "profile.h"
#include "record_builder.h"
#include "row_stream.h"
#include "survey_layout.h"

namespace cxmap::csv {

/// Source plugin for survey exports: generic CSV/TSV and the layouts of
/// Qualtrics, SurveyMonkey, Google Forms, LimeSurvey, Typeform and
/// Microsoft Forms, as CSV/TSV or XLSX. One record per non-empty
/// open-ended answer. See README.md for options, profiles, the column-role
/// vocabulary, encodings and date formats. Streams the file (CSV in
/// fixed-size chunks, XLSX sheet XML in 64 KiB pieces), so memory does not
/// grow with the file. An instance reads one file and is used by one
/// thread at a time.
class CsvSurveySource : public SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_csv_survey";
  static constexpr std::string_view kVersion = "0.2.0";
  static constexpr std::string_view kDescription =
      "Survey exports, CSV/TSV/XLSX: Qualtrics, SurveyMonkey, Google Forms, LimeSurvey, Typeform, "
      "Microsoft Forms, generic (UTF-8/16, windows-1258, TIS-620, GB18030, Big5)";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("format", OptionType::kString, "auto",
             "Export profile: auto, generic_csv, qualtrics, surveymonkey, google_forms, limesurvey, "
             "typeform, microsoft_forms"),
      Option("delimiter", OptionType::kString, "auto",
             "Field separator: auto, comma, semicolon, tab, pipe, or one character"),
      Option("encoding", OptionType::kString, "auto",
             "auto (detected once per file) or an ICU name: UTF-8, UTF-16LE, windows-1258, "
             "windows-874, TIS-620, GB18030, GBK, Big5..."),
      Option("sheet", OptionType::kString, "", "XLSX: the sheet to read (default: the first)"),
      Option("has_header", OptionType::kBool, "true",
             "First row holds column names; if false columns are column_1, column_2..."),
      Option("drop_pii", OptionType::kBool, "false",
             "Leave personal data columns (IP address, e-mail, names, location) out of records"),
      Option("channel", OptionType::kString, "survey",
             "Channel of every record unless a channel column says otherwise"),
      Option("sub_channel", OptionType::kString, "", "Sub-channel of every record, e.g. a platform"),
      Option("language", OptionType::kString, "",
             "BCP 47 tag for records whose row has no language column value (empty: detect later)"),
      Option("text_columns", OptionType::kString, "",
             "Comma-separated free-text columns (header or 1-based number); default: by header name"),
      Option("id_column", OptionType::kString, "", "Response id column (header or number)"),
      Option("survey_id", OptionType::kString, "",
             "Namespace of response ids (default: the platform, plus a hash of the header row"
             " where the platform numbers responses per survey)"),
      Option("time_column", OptionType::kString, "", "Date/time column (header or number)"),
      Option("nps_column", OptionType::kString, "", "NPS column, 0-10"),
      Option("csat_column", OptionType::kString, "", "CSAT column, 1-5"),
      Option("ces_column", OptionType::kString, "", "CES column, 1-7"),
      Option("rating_column", OptionType::kString, "", "Rating column, 1-5"),
      Option("channel_column", OptionType::kString, "", "Channel column"),
      Option("language_column", OptionType::kString, "", "Language column"),
      Option("segment_column", OptionType::kString, "", "Segment/persona column"),
      Option("respondent_column", OptionType::kString, "", "Respondent/customer column"),
      Option("date_order", OptionType::kString, "auto",
             "Slash dates: auto (from the file's values, else month first), mdy or dmy"),
      Option("timezone", OptionType::kString, "+00:00",
             "UTC offset of times written without a zone, e.g. +07:00"),
      Option("max_record_bytes", OptionType::kInteger, "16777216",
             "Longer records are rejected (bounds memory on a stray quote)"),
      Option("min_piece_bytes", OptionType::kInteger, "1048576",
             "cxmap submit: a file is cut into pieces of at least this many bytes (smaller "
             "files are read whole)"),
  };

  /// Stateless and thread-safe: recognises delimited text or an XLSX
  /// workbook from `head` and names the platform profile (for XLSX it
  /// opens `path` to read the first rows of the sheet).
  static SniffResult Sniff(std::string_view path, std::string_view head);
  /// Validates options. InvalidArgument for a bad value (unknown encoding,
  /// delimiter, date_order, timezone, format).
  static Result<std::unique_ptr<CsvSurveySource>> Create(const Host& host,
                                                         const OptionValues& options);

  ~CsvSurveySource() override;
  /// Opens `path` (CSV/TSV, or XLSX by its zip signature), detects
  /// encoding, delimiter and platform, reads the header rows and assigns
  /// column roles. Errors: NotFound, IoError, NotSupported (no free-text
  /// column in a generic file; a LimeSurvey structure file),
  /// InvalidArgument (an option names no column; a broken or hostile XLSX).
  Status Open(std::string_view path) override;
  Status NextBatch(RecordSink& sink, bool& at_end) override;
  /// Reads the whole file like an import and describes it: profile,
  /// encoding, delimiter, header rows, responses (data rows), records,
  /// rejects, and each column's role and question text.
  Result<Inspection> Inspect(std::string_view path) override;
  /// Cuts a UTF-8 delimited file (BOM or not) at row starts into at most
  /// `parts` pieces of about equal bytes, none under the minimum piece size
  /// (kMinPieceBytes, piece_split.h). No pieces (read it whole) for XLSX,
  /// any other encoding, small files, and files whose rows are not
  /// independent (see FindCuts). README.md, "Reading one file in pieces".
  Result<std::vector<Piece>> Split(std::string_view path, uint32_t parts) override;
  /// Reads the layout from the head of the file as Open() does, then the
  /// rows of one piece, with the lines and record numbers they have in the
  /// whole file. InvalidArgument for a malformed token or one that does not
  /// fit the file (size, offsets, check, a file that cannot be cut).
  Status OpenPiece(std::string_view path, std::string_view token) override;
  /// Lowers (or raises) the smallest piece Split() makes; for tests, which
  /// cut small files. Default kMinPieceBytes.
  void SetMinPieceBytes(uint64_t bytes) { min_piece_bytes_ = bytes; }

 private:
  /// A row read ahead to detect the layout, replayed before the stream goes on.
  struct SampleRow {
    uint64_t line = 0;
    std::vector<std::string> fields;
    bool unterminated_quote = false, too_large = false;
    std::string problem;
  };

  CsvSurveySource(const Host& host, const OptionValues& options);
  Status ReadSample();
  /// Detects the platform, reads the layout, assigns roles; sets up builder_.
  Status Prepare(const std::string& path);
  /// The namespace of this file's response ids (BuildSettings::survey_key).
  std::string SurveyKey() const;
  /// The next row: replayed sample rows first, then the stream.
  Result<bool> NextRow(CsvRow* row);

  Host host_;
  std::vector<AnswerColumn> answer_columns_;  // closed questions, for Inspect()
  OptionValues options_;
  std::optional<Platform> forced_platform_;
  Platform platform_ = Platform::kGeneric;
  std::string detection_reason_;
  StreamSettings stream_settings_;
  Channel channel_ = Channel::kSurvey;
  int utc_offset_minutes_ = 0;

  std::unique_ptr<RowStream> stream_;
  std::vector<SampleRow> sample_;
  size_t replayed_ = 0;
  bool opened_ = false;
  bool empty_file_ = false;
  std::unique_ptr<RecordBuilder> builder_;
  SurveyLayout layout_;
  std::vector<std::string> headers_;
  ColumnRoles roles_;
  size_t rows_before_data_ = 1;
  uint64_t rows_seen_ = 0;
  bool finished_ = false;
  bool id_is_row_number_ = false;  // responses named by content although an id column exists
  uint64_t min_piece_bytes_;
};

}  // namespace cxmap::csv
