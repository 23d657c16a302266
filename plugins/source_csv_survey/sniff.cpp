// SPDX-License-Identifier: Apache-2.0
// CsvSurveySource::Sniff: is this delimited text, and how sure are we?
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

}  // namespace

SniffResult CsvSurveySource::Sniff(std::string_view path, std::string_view head) {
  constexpr size_t kMax = size_t{64} << 10;
  head = head.substr(0, kMax);
  if (head.empty()) return {0, "", "empty input"};
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
  while (rows < 50 && reader.Next(&row) == CsvReader::Event::kRow) {
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
  return {std::min(confidence, 0.95), std::string(kGenericCsv.name), reason};
}

}  // namespace cxmap::csv
