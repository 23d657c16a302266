// SPDX-License-Identifier: Apache-2.0
// CsvSurveySource::Sniff: is this delimited text or an XLSX workbook, which
// platform wrote it, and how sure are we?
#include <algorithm>
#include <cstring>
#include <filesystem>

#include "column_roles.h"
#include "csv_survey_source.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

bool HasCsvExtension(std::string_view path) {
  std::string ext = std::filesystem::path(std::string(path)).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".tab";
}

/// Share of bytes that are control characters other than TAB, CR, LF.
double ControlShare(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    n += (b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F ? 1 : 0;
  }
  return s.empty() ? 0 : static_cast<double>(n) / s.size();
}

constexpr size_t kDetectRows = 10;

/// An XLSX workbook: the zip's first local headers name OOXML parts; the
/// profile needs the sheet's first rows, read from `path`.
SniffResult SniffXlsx(std::string_view path, std::string_view head) {
  if (head.find("xl/") == std::string_view::npos &&
      head.find("[Content_Types].xml") == std::string_view::npos) {
    return {0, "", "zip archive, not an XLSX workbook"};
  }
  auto stream = OpenXlsxStream(std::string(path), StreamSettings{});
  if (!stream.ok()) {
    // Still ours: Open() will then fail with this message, clearer than "no source".
    return {0.3, std::string(PlatformName(Platform::kGeneric)),
            "XLSX workbook that cannot be read: " + stream.status().message()};
  }
  std::vector<std::vector<std::string>> rows;
  CsvRow row;
  while (rows.size() < kDetectRows) {
    auto more = (*stream)->Next(&row);
    if (!more.ok() || !*more) break;
    if (rows.empty() && !row.problem.empty()) {
      return {0.3, std::string(PlatformName(Platform::kGeneric)),
              "XLSX workbook that cannot be read: " + std::string(row.problem)};
    }
    rows.emplace_back(row.fields.begin(), row.fields.end());
  }
  std::string where = "XLSX sheet '" + (*stream)->info().sheet + "'";
  Detection d = DetectPlatform(rows);
  if (d.platform != Platform::kGeneric) {
    return {d.confidence, std::string(PlatformName(d.platform)), d.reason + ", " + where};
  }
  return {0.6, std::string(PlatformName(Platform::kGeneric)), where + ", no platform layout"};
}

}  // namespace

SniffResult CsvSurveySource::Sniff(std::string_view path, std::string_view head) {
  constexpr size_t kMax = size_t{64} << 10;
  head = head.substr(0, kMax);
  if (head.empty()) return {0, "", "empty input"};
  if (IsZip(head)) return SniffXlsx(path, head);
  EncodingGuess enc = DetectEncoding(head, head.size() < kMax);
  bool utf16 = enc.name.rfind("UTF-16", 0) == 0;
  if (!utf16 && std::memchr(head.data(), '\0', head.size()) != nullptr) {
    return {0, "", "binary data (NUL bytes)"};
  }
  auto decoder = Utf8Decoder::Create(enc.name);
  if (!decoder.ok()) return {0, "", "undecodable input"};
  auto decoded = (*decoder)->Decode(head.substr(enc.bom_length), false);
  if (!decoded.ok()) return {0, "", "undecodable input"};
  std::string text(*decoded);
  std::string_view body = TrimAscii(text);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (!body.empty() && (body[0] == '{' || body[0] == '[')) return {0.02, "", "looks like JSON"};
  if (!body.empty() && body[0] == '<') return {0.02, "", "looks like XML/HTML"};
  if (ControlShare(body) > 0.01) return {0, "", "binary data (control characters)"};

  size_t columns = 0;
  char delimiter = DetectDelimiter(body, false, &columns);
  if (columns < 2) return {0.1, "generic_csv", "text with a single column"};
  CsvReader reader({delimiter, '"', size_t{1} << 20});
  reader.Feed(body, false);
  CsvRow row;
  size_t rows = 0, consistent = 0;
  std::string text_header;
  std::vector<std::vector<std::string>> first_rows;
  while (rows < 50 && reader.Next(&row) == CsvReader::Event::kRow) {
    if (first_rows.size() < kDetectRows) first_rows.emplace_back(row.fields.begin(), row.fields.end());
    if (rows == 0) {
      for (std::string_view h : row.fields) {
        auto roles = SuggestRoles(h);
        if (text_header.empty() && !roles.empty() && roles.front() == Role::kText) {
          text_header = std::string(TruncateUtf8(TrimAscii(h), 40));
        }
      }
    }
    consistent += row.fields.size() == columns ? 1 : 0;
    ++rows;
  }
  double consistency = rows == 0 ? 0 : static_cast<double>(consistent) / rows;
  double confidence = 0.4 + 0.3 * consistency + (text_header.empty() ? 0 : 0.15) +
                      (HasCsvExtension(path) ? 0.1 : 0);
  std::string reason = DelimiterName(delimiter) + "-separated, " + std::to_string(columns) +
                       " columns, " +
                       (text_header.empty() ? std::string("no free-text header")
                                            : "header row with '" + text_header + "'") +
                       ", " + enc.reason;
  Detection d = DetectPlatform(first_rows);
  if (!d.refusal.empty() || d.platform != Platform::kGeneric) {
    return {std::max(d.confidence, std::min(confidence, 0.95)), std::string(PlatformName(d.platform)),
            d.reason + "; " + DelimiterName(delimiter) + "-separated, " + enc.reason};
  }
  return {std::min(confidence, 0.95), std::string(PlatformName(Platform::kGeneric)), reason};
}

}  // namespace cxmap::csv
