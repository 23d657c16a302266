// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdio>
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

namespace cxmap::csv {

/// Source plugin for generic CSV/TSV survey exports: one record per
/// non-empty free-text cell. See README.md for options, the column-role
/// vocabulary, encodings and date formats. Streams the file in fixed-size
/// chunks, so memory does not grow with the file. An instance reads one
/// file and is used by one thread at a time.
class CsvSurveySource : public SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_csv_survey";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Generic CSV/TSV survey exports (UTF-8/16, windows-1258, TIS-620, GB18030, Big5)";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("format", OptionType::kString, "auto",
             "Export profile: auto or generic_csv (platform profiles come later)"),
      Option("delimiter", OptionType::kString, "auto",
             "Field separator: auto, comma, semicolon, tab, pipe, or one character"),
      Option("encoding", OptionType::kString, "auto",
             "auto (detected once per file) or an ICU name: UTF-8, UTF-16LE, windows-1258, "
             "windows-874, TIS-620, GB18030, GBK, Big5..."),
      Option("has_header", OptionType::kBool, "true",
             "First row holds column names; if false columns are column_1, column_2..."),
      Option("channel", OptionType::kString, "survey",
             "Channel of every record unless a channel column says otherwise"),
      Option("sub_channel", OptionType::kString, "", "Sub-channel of every record, e.g. a platform"),
      Option("language", OptionType::kString, "",
             "BCP 47 tag for records whose row has no language column value (empty: detect later)"),
      Option("text_columns", OptionType::kString, "",
             "Comma-separated free-text columns (header or 1-based number); default: by header name"),
      Option("id_column", OptionType::kString, "", "Response id column (header or number)"),
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
  };

  /// Stateless and thread-safe: recognises delimited text from `head`.
  static SniffResult Sniff(std::string_view path, std::string_view head);
  /// Validates options. InvalidArgument for a bad value (unknown encoding,
  /// delimiter, date_order, timezone, format); NotSupported for a planned
  /// but missing format profile.
  static Result<std::unique_ptr<CsvSurveySource>> Create(const Host& host,
                                                         const OptionValues& options);

  ~CsvSurveySource() override;
  /// Opens `path`, detects encoding and delimiter, reads the header and
  /// assigns column roles. Errors: NotFound, IoError, NotSupported (no
  /// free-text column), InvalidArgument (an option names no column).
  Status Open(std::string_view path) override;
  Status NextBatch(RecordSink& sink, bool& at_end) override;

 private:
  CsvSurveySource(const Host& host, const OptionValues& options);
  Status ReadChunk();
  /// Reads header and sample rows from the decoded head; sets up builder_.
  Status Prepare(std::string_view path, std::string_view sample, bool whole);

  Host host_;
  OptionValues options_;
  Profile profile_ = kGenericCsv;
  char delimiter_ = 0;    // 0: auto
  std::string encoding_;  // empty: auto
  Channel channel_ = Channel::kSurvey;
  int utc_offset_minutes_ = 0;
  size_t max_record_bytes_ = 0;

  std::FILE* file_ = nullptr;
  uint64_t file_size_ = 0;
  uint64_t bytes_read_ = 0;
  bool eof_ = false;
  bool empty_file_ = false;
  std::string raw_;
  std::unique_ptr<Utf8Decoder> decoder_;
  std::unique_ptr<CsvReader> reader_;
  std::unique_ptr<RecordBuilder> builder_;
  size_t rows_before_data_ = 1;
  uint64_t rows_seen_ = 0;
  bool finished_ = false;
};

}  // namespace cxmap::csv
