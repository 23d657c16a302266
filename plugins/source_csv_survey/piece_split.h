// SPDX-License-Identifier: Apache-2.0
// Cutting one UTF-8 delimited file into pieces that several workers read
// (ABI 1.6 split / open_piece, issue 19): where rows start, and the token
// that describes one piece. See README.md, "Reading one file in pieces".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv_reader.h"
#include "cxmap/status.h"

namespace cxmap::csv {

/// The smallest piece Split() makes. Below it a worker costs more than it
/// saves: every piece re-reads the head of the file to learn the layout
/// (up to 200 rows / 4 MiB, ReadSample) before it seeks to its rows.
inline constexpr uint64_t kMinPieceBytes = uint64_t{1} << 20;

/// What a piece token says (printable ASCII, at most 154 bytes):
///   v1 begin=B end=E row=R line=L size=S check=HHHHHHHHHHHHHHHH
/// B..E: the piece's bytes in the file (B the first byte of a row, E the
/// first byte of the next piece's row or the file's size); R: how many rows
/// come before it (header rows included, blank lines not, as CsvReader
/// counts); L: the physical line of its first row; S: the file's size;
/// check: FNV-1a 64 of the file's head and of the bytes around B.
struct PieceToken {
  uint64_t begin = 0, end = 0, row = 0, line = 0, size = 0, check = 0;
};

std::string FormatPieceToken(const PieceToken& token);
/// Strict: exactly the fields above, in that order, single spaces, decimal
/// numbers without sign or leading zeros, 16 lowercase hex digits.
/// InvalidArgument naming what is wrong.
Result<PieceToken> ParsePieceToken(std::string_view token);

/// Bytes of the file's head and around a piece's begin that the check
/// covers (see PieceCheck).
inline constexpr uint64_t kCheckHeadBytes = 4096;
inline constexpr uint64_t kCheckAroundBytes = 64;
/// The check of a piece starting at `begin`: `head` is the file's first
/// min(size, kCheckHeadBytes) bytes, `around` its bytes
/// [begin - kCheckAroundBytes, begin + kCheckAroundBytes) clipped to the file.
uint64_t PieceCheck(std::string_view head, std::string_view around);

/// How the whole-file reader reads the file, as Open() found it.
struct SplitLayout {
  char delimiter = ',';
  uint64_t text_offset = 0;    ///< bytes of byte-order mark(s) before the text
  uint64_t header_rows = 0;    ///< rows before the first data row
  size_t width = 0;            ///< header columns
  /// The response id column; nullopt when every response is named by a
  /// hash of its cells (no id column, or one of row numbers).
  std::optional<size_t> id_column;
  size_t max_record_bytes = size_t{16} << 20;
};

/// Where one piece starts.
struct Cut {
  uint64_t begin = 0, row = 0, line = 0;
};

/// Asked, in file order, about each data row that may have no response id
/// (`row_index` counts rows from 0, header rows included): true when the
/// whole-file reader would name it by its cells and find that name taken by
/// an earlier row (RecordBuilder::ResponseId appends "#2", "#3"…).
using RepeatCheck = std::function<bool(const CsvRow& row, uint64_t row_index)>;

/// One forward pass over `file` (the whole file's bytes): the row starts,
/// exactly as CsvReader finds them (quote-aware, LF/CRLF/CR, blank lines),
/// at which to cut it into at most `parts` pieces of about equal bytes and
/// at least `min_piece_bytes` each. The first cut is the first data row.
/// Empty (and `*why_not` set) when it should be read whole: too small, no
/// data rows, or rows that are not independent. Rows without a response id
/// are named by a hash of their cells plus how often the same cells came
/// before in the file (RecordBuilder::ResponseId); a piece cannot know
/// that, so a file where `repeats` finds such a row is not cut. Rows whose
/// id cell holds anything but blanks and quotes are not asked about.
std::vector<Cut> FindCuts(std::string_view file, const SplitLayout& layout, uint32_t parts,
                          uint64_t min_piece_bytes, const RepeatCheck& repeats, std::string* why_not);

}  // namespace cxmap::csv
