// SPDX-License-Identifier: Apache-2.0
#include "stakeholder_source.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <variant>

#include "stakeholder_row.h"

namespace cxmap::stakeholders {
namespace {

std::string DelimiterName(char d) {
  switch (d) {
    case '\t': return "tab";
    case ';': return "semicolon";
    case '|': return "pipe";
    default: return "comma";
  }
}

}  // namespace

ListLayout DetectLayout(std::string_view utf8) {
  ListLayout best;
  bool have = false;
  for (char d : {',', '\t', ';', '|'}) {
    CsvSplitter splitter(utf8, d);
    CsvRow row;
    // The header is the first row that is not blank.
    while (splitter.Next(&row) && IsBlank(row)) {
    }
    if (row.fields.size() < 2) continue;
    HeaderMap map = MapHeader(row.fields);
    if (!have || map.recognised > best.map.recognised) {
      best = ListLayout{d, row.fields, map};
      have = true;
    }
  }
  return best;
}

SniffResult StakeholderSource::Sniff(std::string_view path, std::string_view head) {
  (void)path;
  if (head.empty()) return {0, "", "empty input"};
  DecodedText text = DecodeList(head, false);
  if (std::memchr(text.utf8.data(), '\0', text.utf8.size()) != nullptr) {
    return {0, "", "binary data (NUL bytes)"};
  }
  // Only the first line matters: cut the head there so a huge head costs
  // one line of splitting per delimiter.
  std::string_view first = text.utf8;
  size_t end = first.find_first_of("\r\n", first.find_first_not_of("\r\n \t"));
  if (end != std::string_view::npos && first.substr(0, end).find('"') == std::string_view::npos) {
    first = first.substr(0, end);
  }
  ListLayout layout = DetectLayout(first);
  const HeaderMap& m = layout.map;
  if (!m.IsStakeholderList()) {
    return {0, "", "no stakeholder header (missing " + m.Missing() + " column)"};
  }
  bool both_scores = m.has(Column::kSupport) && m.has(Column::kInfluence);
  bool who = m.has(Column::kDepartment) || m.has(Column::kRole);
  if (!both_scores && !who) {
    return {0, "", "name and one score column but no department or role: not a stakeholder list"};
  }
  std::string reason = DelimiterName(layout.delimiter) + "-separated stakeholder list, " +
                       std::to_string(m.recognised) + " of 6 columns recognised, " + text.encoding;
  return {both_scores ? 0.98 : 0.97, "stakeholders", reason};
}

Result<std::unique_ptr<StakeholderSource>> StakeholderSource::Create(const Host& host,
                                                                     const OptionValues& options) {
  (void)host;
  long long max_bytes = options.GetInteger("max_bytes", 16 << 20);
  if (max_bytes < 1024) {
    return Status::InvalidArgument("source_stakeholders.max_bytes must be at least 1024, got " +
                                   std::to_string(max_bytes));
  }
  return std::unique_ptr<StakeholderSource>(new StakeholderSource(
      options.GetString("language"), static_cast<uint64_t>(max_bytes)));
}

Status StakeholderSource::Open(std::string_view path) {
  path_ = std::string(path);
  std::error_code ec;
  auto size = std::filesystem::file_size(path_, ec);
  if (ec) return Status::NotFound(path_ + ": " + ec.message());
  if (size > max_bytes_) {
    return Status::NotSupported(path_ + ": " + std::to_string(size) + " bytes is more than " +
                                "source_stakeholders.max_bytes (" + std::to_string(max_bytes_) +
                                "); a stakeholder list is read whole");
  }
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::IoError(path_ + ": cannot open for reading");
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return Status::IoError(path_ + ": read failed");
  }
  text_ = DecodeList(bytes, true);
  layout_ = DetectLayout(text_.utf8);
  if (!layout_.map.IsStakeholderList()) {
    return Status::NotSupported(path_ + ":1: not a stakeholder list: the header lacks a " +
                                layout_.map.Missing() + " column");
  }
  rows_.emplace(text_.utf8, layout_.delimiter);
  CsvRow header;
  while (rows_->Next(&header) && IsBlank(header)) {
  }
  record_number_ = 0;
  return Status::Ok();
}

Status StakeholderSource::NextBatch(RecordSink& sink, bool& at_end) {
  if (!rows_) return Status::Internal("NextBatch before Open");
  CsvRow row;
  for (size_t n = 0; n < sink.batch_hint();) {
    if (!rows_->Next(&row)) {
      at_end = true;
      break;
    }
    if (IsBlank(row) && !row.unterminated) continue;
    auto built = BuildStakeholder(layout_.map, layout_.header, row);
    if (auto* problem = std::get_if<RowProblem>(&built)) {
      sink.Reject(path_, row.line, problem->reason, SafeExcerpt(row.raw));
      continue;
    }
    Record& r = std::get<Record>(built);
    r.language = language_;
    r.file = path_;
    r.line = row.line;
    r.record_number = ++record_number_;
    CXMAP_RETURN_IF_ERROR(sink.Emit(r));
    ++n;
  }
  sink.Progress(rows_->position(), text_.utf8.size());
  return Status::Ok();
}

Result<Inspection> StakeholderSource::Inspect(std::string_view path) {
  auto counted = SourcePlugin::Inspect(path);
  if (!counted.ok()) return counted.status();
  Inspection out = std::move(counted).value();
  out.format = "stakeholders";
  out.encoding = text_.encoding;
  out.delimiter = DelimiterName(layout_.delimiter);
  out.header_rows = 1;
  out.unit = "stakeholders";
  for (size_t i = 0; i < layout_.header.size(); ++i) {
    std::string role = "attribute";
    for (size_t c = 0; c < kColumnCount; ++c) {
      if (layout_.map.index[c] && *layout_.map.index[c] == i) {
        role = c == static_cast<size_t>(Column::kNotes) ? "text"
                                                        : std::string(ColumnName(Column(c)));
      }
    }
    out.columns.push_back({static_cast<uint32_t>(i), SafeExcerpt(layout_.header[i]), role, {}});
  }
  if (!layout_.map.duplicates.empty()) {
    std::string d;
    for (const auto& s : layout_.map.duplicates) d += (d.empty() ? "" : ", ") + SafeExcerpt(s);
    out.details.emplace_back("ignored duplicate columns", d);
  }
  out.details.emplace_back("scores", "support and influence 1-5, stored as attributes");
  return out;
}

}  // namespace cxmap::stakeholders
