// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "csv_reader.h"
#include "cxmap/host.h"
#include "cxmap/status.h"

namespace cxmap::csv {

/// How an input was decoded, for logs and `cxmap inspect`.
struct StreamInfo {
  std::string container;        ///< "csv" or "xlsx"
  std::string encoding;         ///< ICU name, or "UTF-8 (XLSX)"
  std::string encoding_reason;
  char delimiter = 0;           ///< 0 for XLSX
  std::string sheet;            ///< XLSX: the sheet read
  bool utf8_passthrough = false;  ///< bytes reach the builder undecoded (may be ill-formed)
  bool pad_short_rows = false;    ///< rows may omit trailing empty cells
  /// Bytes before the text in the file (byte-order marks); meaningful only
  /// with utf8_passthrough, where text offsets are file offsets minus this.
  uint64_t text_offset = 0;
};

/// The rows of one input, whatever holds them: delimited text or an XLSX
/// sheet. Rows come out as CsvRow so one record builder serves both.
/// Not thread-safe.
class RowStream {
 public:
  virtual ~RowStream() = default;
  /// True and `row` filled (its views valid until the next call), or false
  /// at the end. Errors: IoError, decoding failures.
  virtual Result<bool> Next(CsvRow* row) = 0;
  virtual uint64_t bytes_done() const = 0;
  virtual uint64_t bytes_total() const = 0;
  /// Goes on reading at file offset `begin` (a row start, numbered `line`)
  /// and stops at `end`: one piece of a file (piece_split.h). Progress then
  /// counts bytes within the piece. NotSupported unless UTF-8 delimited text.
  virtual Status SeekPiece(uint64_t begin, uint64_t end, uint64_t line) {
    (void)begin, (void)end, (void)line;
    return Status(Code::kNotSupported, "this input cannot be read in pieces");
  }
  const StreamInfo& info() const { return info_; }

 protected:
  StreamInfo info_;
};

/// Settings both readers take from the plugin's options.
struct StreamSettings {
  std::string encoding;        ///< empty: detect
  char delimiter = 0;          ///< 0: detect
  size_t max_record_bytes = size_t{16} << 20;
  std::string sheet;           ///< XLSX sheet name; empty: the first
};

/// Opens `path` as delimited text: encoding detected once from the first
/// 64 KiB (or set), delimiter detected from the decoded head (or set).
/// NotFound / IoError for the file.
Result<std::unique_ptr<RowStream>> OpenCsvStream(const std::string& path,
                                                 const StreamSettings& settings, const Host& host);

/// Opens `path` as an XLSX workbook and streams one sheet. NotFound /
/// IoError for the file; InvalidArgument for a broken or hostile package
/// (truncated zip, zip bomb, DOCTYPE, unknown sheet) naming the part.
Result<std::unique_ptr<RowStream>> OpenXlsxStream(const std::string& path,
                                                  const StreamSettings& settings);

/// True when `head` starts like a zip archive ("PK\x03\x04").
bool IsZip(std::string_view head);

}  // namespace cxmap::csv
