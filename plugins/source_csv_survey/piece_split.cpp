// SPDX-License-Identifier: Apache-2.0
#include "piece_split.h"

#include <algorithm>
#include <cstring>

#include "csv_reader.h"
#include "cxmap/support/content_hash.h"

namespace cxmap::csv {
namespace {

// ---- token ----------------------------------------------------------------

constexpr std::string_view kTokenFields[] = {"begin", "end", "row", "line", "size"};

bool ParseDecimal(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool ParseHex16(std::string_view s, uint64_t* out) {
  if (s.size() != 16) return false;
  uint64_t v = 0;
  for (char c : s) {
    uint64_t d;
    if (c >= '0' && c <= '9') {
      d = static_cast<uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<uint64_t>(c - 'a' + 10);
    } else {
      return false;
    }
    v = v << 4 | d;
  }
  *out = v;
  return true;
}

// ---- row scanning -----------------------------------------------------------

/// Line breaks inside quoted text [p, end), as CsvReader::CountLineBreaks
/// counts them after an opening or closing quote: CR, LF and CRLF are one.
uint64_t QuotedLineBreaks(const char* p, const char* end) {
  size_t n = static_cast<size_t>(end - p);
  if (std::memchr(p, '\n', n) == nullptr && std::memchr(p, '\r', n) == nullptr) return 0;
  uint64_t breaks = 0;
  bool prev_cr = false;
  for (; p < end; ++p) {
    char c = *p;
    breaks += c == '\r' || (c == '\n' && !prev_cr);
    prev_cr = c == '\r';
  }
  return breaks;
}

/// True when the raw bytes of a field (quotes included) may read as an
/// empty cell: CsvReader drops only quote characters, so any other byte
/// that TrimAscii keeps makes the cell non-empty.
bool MaybeBlank(std::string_view raw) {
  for (char c : raw) {
    if (c != '"' && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FormatPieceToken(const PieceToken& t) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string check(16, '0');
  for (int i = 0; i < 16; ++i) check[15 - i] = kDigits[(t.check >> (4 * i)) & 0xF];
  return "v1 begin=" + std::to_string(t.begin) + " end=" + std::to_string(t.end) +
         " row=" + std::to_string(t.row) + " line=" + std::to_string(t.line) +
         " size=" + std::to_string(t.size) + " check=" + check;
}

Result<PieceToken> ParsePieceToken(std::string_view token) {
  auto bad = [&](const std::string& why) {
    std::string shown(token.substr(0, 80));
    for (char& c : shown) {
      if (c < 0x20 || c > 0x7E) c = '?';
    }
    return Status::InvalidArgument("piece token '" + shown + (token.size() > 80 ? "…" : "") +
                                   "': " + why +
                                   " (expected 'v1 begin=B end=E row=R line=L size=S check=HEX16')");
  };
  if (token.size() > 256) return bad("longer than 256 bytes");
  for (char c : token) {
    if (c < 0x20 || c > 0x7E) return bad("not printable ASCII");
  }
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t space = token.find(' ', start);
    parts.push_back(token.substr(start, space == std::string_view::npos ? space : space - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  if (parts.size() != 7) return bad("wrong number of fields");
  if (parts[0] != "v1") return bad("unknown version '" + std::string(parts[0]) + "'");
  PieceToken t;
  uint64_t* values[] = {&t.begin, &t.end, &t.row, &t.line, &t.size};
  for (size_t i = 0; i < 5; ++i) {
    std::string_view key = kTokenFields[i];
    std::string_view part = parts[i + 1];
    if (part.size() <= key.size() || part.substr(0, key.size()) != key || part[key.size()] != '=') {
      return bad("field " + std::to_string(i + 2) + " is not " + std::string(key) + "=");
    }
    if (!ParseDecimal(part.substr(key.size() + 1), values[i])) {
      return bad(std::string(key) + " is not a decimal number");
    }
  }
  if (parts[6].substr(0, 6) != "check=" || !ParseHex16(parts[6].substr(6), &t.check)) {
    return bad("check is not 16 lowercase hex digits");
  }
  if (t.begin >= t.end) return bad("begin is not before end");
  if (t.end > t.size) return bad("end is past the file size");
  if (t.line <= t.row) return bad("line is not after row (every row takes a line)");
  return t;
}

uint64_t PieceCheck(std::string_view head, std::string_view around) {
  support::ContentHash h;
  h.Add(head).Add(around);
  return h.value();
}

std::vector<Cut> FindCuts(std::string_view file, const SplitLayout& layout, uint32_t parts,
                          uint64_t min_piece_bytes, const RepeatCheck& repeats, std::string* why_not) {
  std::vector<Cut> cuts;
  auto none = [&](std::string why) {
    *why_not = std::move(why);
    return std::vector<Cut>{};
  };
  if (parts < 2) return none("fewer than two parts asked for");
  min_piece_bytes = std::max<uint64_t>(1, min_piece_bytes);
  const char* base = file.data();
  const char* p = base + std::min<uint64_t>(layout.text_offset, file.size());
  const char* end = base + file.size();
  const char delim = layout.delimiter;
  bool special[256] = {};
  special[static_cast<unsigned char>(delim)] = true;
  special[static_cast<unsigned char>('\n')] = true;
  special[static_cast<unsigned char>('\r')] = true;

  uint64_t line = 1, row = 0;
  bool skip_lf = false;
  std::vector<uint64_t> targets;  // cut at the first row starting at or after each
  size_t next_target = 0;
  const size_t watched = layout.id_column.value_or(SIZE_MAX);

  while (p < end) {
    // Record start, as CsvReader::StepRecordStart: blank lines are no rows.
    char c = *p;
    if (skip_lf) {
      skip_lf = false;
      if (c == '\n') {
        ++p;
        continue;
      }
    }
    if (c == '\n' || c == '\r') {
      ++p;
      ++line;
      skip_lf = c == '\r';
      continue;
    }
    const char* row_start = p;
    const uint64_t row_line = line;
    const bool data = row >= layout.header_rows;
    if (data) {
      uint64_t offset = static_cast<uint64_t>(row_start - base);
      if (cuts.empty()) {
        uint64_t bytes = file.size() - offset;
        uint64_t n = std::min<uint64_t>(parts, bytes / min_piece_bytes);
        if (n < 2) return none("too small to cut: " + std::to_string(bytes) + " bytes of rows");
        for (uint64_t i = 1; i < n; ++i) targets.push_back(offset + bytes / n * i + bytes % n * i / n);
        cuts.push_back({offset, row, row_line});
      } else if (next_target < targets.size() && offset >= targets[next_target]) {
        cuts.push_back({offset, row, row_line});
        while (next_target < targets.size() && offset >= targets[next_target]) ++next_target;
      }
    }
    // The row's fields, to its line end (or the end of the file).
    size_t field = 0;
    const char* watch_begin = nullptr;
    const char* watch_end = nullptr;
    bool row_ended = false;
    while (!row_ended) {
      const char* field_start = p;
      if (p < end && *p == '"') {
        ++p;
        while (true) {
          const void* q = std::memchr(p, '"', static_cast<size_t>(end - p));
          const char* stop = q ? static_cast<const char*>(q) : end;
          line += QuotedLineBreaks(p, stop);
          p = stop;
          if (p == end) break;  // unterminated: the row runs to the end
          ++p;                  // the closing (or first of a doubled) quote
          if (p < end && *p == '"') {
            ++p;                // "" inside quotes
            continue;
          }
          break;
        }
      }
      // Unquoted text, or text after a closing quote (kept, as CsvReader does).
      while (p < end && !special[static_cast<unsigned char>(*p)]) ++p;
      if (field == watched) watch_begin = field_start, watch_end = p;
      if (p == end) break;
      c = *p;
      ++p;
      if (c == delim) {
        ++field;
        continue;
      }
      ++line;  // CR or LF ends the row
      skip_lf = c == '\r';
      row_ended = true;
    }
    if (data && (watched == SIZE_MAX || watch_begin == nullptr ||
                 MaybeBlank(std::string_view(watch_begin, static_cast<size_t>(watch_end - watch_begin))))) {
      // Possibly named by content: read it exactly as the whole-file reader does.
      CsvReader reader({delim, '"', layout.max_record_bytes});
      reader.StartAtLine(row_line);
      reader.Feed(std::string_view(row_start, static_cast<size_t>(p - row_start)), true);
      CsvRow parsed;
      if (reader.Next(&parsed) == CsvReader::Event::kRow && repeats(parsed, row)) {
        return none("line " + std::to_string(row_line) +
                    " repeats the cells of an earlier response without an id; such responses are"
                    " numbered by their order in the whole file");
      }
    }
    ++row;
  }
  if (cuts.empty()) return none("no data rows");
  if (cuts.size() < 2) return none("one row holds most of the file");
  return cuts;
}

}  // namespace cxmap::csv
