// SPDX-License-Identifier: Apache-2.0
// CallCenterSource::Sniff: which of the five formats, and how sure.
#include <algorithm>
#include <filesystem>

#include "call_center_source.h"
#include "cdr_reader.h"
#include "text_values.h"
#include "transcript_grammar.h"
#include "vocabulary.h"

namespace cxmap::callcenter {
namespace {

std::string Extension(std::string_view path) {
  std::string ext = std::filesystem::path(std::string(path)).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool Has(std::string_view head, std::string_view needle) {
  return head.find(needle) != std::string_view::npos;
}

SniffResult SniffJson(std::string_view head, const std::string& ext) {
  if (Has(head, "\"Transcript\"") && Has(head, "\"ParticipantId\"")) {
    return {0.95, "contact_lens", "JSON with \"Transcript\" turns keyed by \"ParticipantId\" (Amazon Connect Contact Lens)"};
  }
  if (Has(head, "\"ConversationCharacteristics\"") && Has(head, "\"Participants\"")) {
    return {0.9, "contact_lens", "JSON with \"ConversationCharacteristics\" and \"Participants\" (Contact Lens)"};
  }
  if (Has(head, "\"vcon\"") && (Has(head, "\"parties\"") || Has(head, "\"dialog\""))) {
    return {0.95, "vcon", "JSON with a \"vcon\" version key and \"parties\"/\"dialog\" (IETF vCon)"};
  }
  if (ext == ".vcon") return {0.6, "vcon", ".vcon file without the vcon keys in its first 64 KiB"};
  return {0, "", "JSON without Contact Lens (Transcript/ParticipantId) or vCon (vcon/parties) keys"};
}

}  // namespace

SniffResult CallCenterSource::Sniff(std::string_view path, std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  // A head shorter than the 64 KiB the host reads is the whole file, so
  // its last line is complete; otherwise that line may be cut.
  bool whole_file = head.size() < (size_t{64} << 10);
  std::string_view body = TrimBlanks(head);
  if (body.empty()) return {0, "", "empty input"};
  if (std::find(body.begin(), body.end(), '\0') != body.end()) return {0, "", "binary data (NUL bytes)"};
  std::string ext = Extension(path);
  if (body[0] == '{' || body[0] == '[') return SniffJson(body, ext);

  // Text: look at up to 200 whole lines (the last one may be cut by the 64 KiB head).
  size_t lines = 0, cdr_rows = 0, turns = 0, known_turns = 0, records = 0, headers = 0;
  // Turns that sit inside a quoted CSV cell belong to a table with a
  // transcript column (one call per row), which source_csv_survey reads
  // with the row's other columns; read as a raw transcript, its CSV syntax
  // would become feedback text.
  size_t quoted_turns = 0;
  bool in_quote = false, csv_header = false;
  std::string cdr_example;
  std::vector<std::string> fields;
  for (size_t pos = 0; pos < body.size() && lines < 200;) {
    size_t end = body.find('\n', pos);
    bool whole = end != std::string_view::npos || whole_file;
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool inside_cell = in_quote;
    if (std::count(line.begin(), line.end(), '"') % 2 == 1) in_quote = !in_quote;
    if (TrimBlanks(line).empty() || (!whole && lines > 0)) continue;
    ++lines;
    if (lines == 1) {
      // A table's header: several comma-separated names, none a speaker turn
      // (a stray inch mark in a transcript must not make it a table).
      size_t ignored = 0;
      csv_header = SplitCsvLine(line, fields, ignored) && fields.size() >= 3 &&
                   ParseTranscriptLine(line, 0).kind != TranscriptLine::Kind::kLabelled;
    }
    size_t column = 0;
    if (SplitCsvLine(line, fields, column)) {
      size_t n = fields.size();
      bool csv = n > 14 && IsAsteriskDisposition(fields[14]) && (n == 16 || n == 17 || n == 18 || n == 21);
      bool custom = n > 13 && IsAsteriskDisposition(fields[13]) && (n == 18 || n == 19);
      if (csv || custom) {
        ++cdr_rows;
        if (cdr_example.empty()) {
          cdr_example = std::to_string(n) + " fields, disposition '" +
                        std::string(TrimBlanks(fields[csv ? 14 : 13])) + "' in field " + (csv ? "15" : "14");
        }
        continue;
      }
    }
    TranscriptLine l = ParseTranscriptLine(line, 0);
    if (l.kind == TranscriptLine::Kind::kLabelled) {
      bool known = ClassifySpeaker(l.label).known;
      if (l.stamp || known) ++turns;
      if (known) ++known_turns;
      if (known && inside_cell) ++quoted_turns;
      if (!l.stamp && ClassifyMetaKey(l.label)) ++headers;
    } else if (l.kind == TranscriptLine::Kind::kKeyValues) {
      size_t meta = 0;
      for (const auto& [k, v] : l.pairs) meta += ClassifyMetaKey(k) ? 1 : 0;
      if (meta >= 2) ++records;
    }
  }
  if (lines == 0) return {0, "", "no complete line"};
  double share_cdr = static_cast<double>(cdr_rows) / lines;
  if (cdr_rows > 0 && share_cdr >= 0.6) {
    // Above source_csv_survey's best verdict for a header-less CSV (0.8).
    return {0.9 + 0.07 * share_cdr, "cdr",
            std::to_string(cdr_rows) + " of " + std::to_string(lines) +
                " lines are Asterisk CDR rows without a header (" + cdr_example + ")"};
  }
  if (csv_header && quoted_turns >= 2 && quoted_turns * 2 >= known_turns) {
    return {0.2, "transcript",
            std::to_string(quoted_turns) + " of " + std::to_string(known_turns) +
                " speaker turns are inside quoted CSV cells: a table with a transcript column, "
                "read by the survey source"};
  }
  double share_turns = static_cast<double>(turns + headers + records) / lines;
  if (turns >= 3 && known_turns >= 1 && share_turns >= 0.3) {
    return {std::min(0.6 + 0.35 * share_turns, 0.92), "transcript",
            std::to_string(turns) + " of " + std::to_string(lines) +
                " lines are speaker turns ([time] speaker: text), " + std::to_string(known_turns) +
                " with a customer/agent label"};
  }
  if (records >= 2 && static_cast<double>(records) / lines >= 0.5) {
    return {0.85, "call_log",
            std::to_string(records) + " of " + std::to_string(lines) +
                " lines are call records (call_id=… agent=… duration=…)"};
  }
  if (turns + records > 0) {
    return {0.15, turns > 0 ? "transcript" : "call_log",
            "only " + std::to_string(turns) + " speaker turn(s) and " + std::to_string(records) +
                " call record(s) in " + std::to_string(lines) + " lines"};
  }
  return {0, "", "no speaker turns, call records or Asterisk CDR rows"};
}

}  // namespace cxmap::callcenter
