// SPDX-License-Identifier: Apache-2.0
#include "google_play_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "text_decode.h"
#include "time_parse.h"

namespace cxmap::social {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// Play Console column -> (role shown by inspect, attribute name or "").
struct KnownColumn {
  std::string_view header, role, attribute;
};
constexpr std::array<KnownColumn, 16> kColumns = {{
    {"Package Name", "attribute", "package"},
    {"App Version Code", "attribute", "app_version_code"},
    {"App Version Name", "attribute", "app_version"},
    {"Reviewer Language", "language", ""},
    {"Device", "attribute", "device"},
    {"Review Submit Date and Time", "time", ""},
    {"Review Submit Millis Since Epoch", "time", ""},
    {"Review Last Update Date and Time", "attribute", "updated_at"},
    {"Review Last Update Millis Since Epoch", "attribute", ""},
    {"Star Rating", "rating", ""},
    {"Review Title", "text", ""},
    {"Review Text", "text", ""},
    {"Developer Reply Date and Time", "attribute", "developer_reply_at"},
    {"Developer Reply Millis Since Epoch", "attribute", ""},
    {"Developer Reply Text", "attribute", "developer_reply"},
    {"Review Link", "id", "review_link"},
}};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The review id in a Review Link: "...review-details?reviewId=gp%3AAOqp...&corpus=..."
/// (current) or "...#ReviewDetailsPlace:p=pkg&reviewid=gp:AOqp..." (older).
std::string ReviewIdFromLink(std::string_view link) {
  std::string lower(link);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t at = lower.find("reviewid=");
  if (at == std::string::npos) return "";
  std::string_view v = link.substr(at + 9);
  v = v.substr(0, v.find_first_of("&#"));
  std::string id;
  for (size_t i = 0; i < v.size(); ++i) {  // percent-decoding (%3A is the usual one)
    int byte = 0;
    if (v[i] == '%' && i + 2 < v.size() &&
        std::from_chars(v.data() + i + 1, v.data() + i + 3, byte, 16).ptr == v.data() + i + 3) {
      id.push_back(static_cast<char>(byte));
      i += 2;
    } else {
      id.push_back(v[i]);
    }
  }
  return IsValidUtf8(id) ? id : "";
}

class RowReader {
 public:
  RowReader(std::vector<std::string> header, const FeedSettings& settings)
      : header_(std::move(header)), settings_(settings) {
    for (size_t i = 0; i < header_.size(); ++i) index_.emplace_back(header_[i], i);
  }

  std::optional<size_t> Find(std::string_view name) const {
    for (const auto& [h, i] : index_) {
      if (h == name) return i;
    }
    return std::nullopt;
  }

  void Read(const CsvRow& row, UnitOutcome& out) const;

 private:
  std::string Cell(const CsvRow& row, std::string_view name) const {
    auto i = Find(name);
    return i && *i < row.fields.size() ? std::string(Trim(row.fields[*i])) : "";
  }

  std::vector<std::string> header_;
  std::vector<std::pair<std::string, size_t>> index_;
  const FeedSettings& settings_;
};

void RowReader::Read(const CsvRow& row, UnitOutcome& out) const {
  std::string excerpt = SafeExcerpt(row.fields.empty() ? "" : row.fields.front() + "," +
                                    (row.fields.size() > 1 ? row.fields[1] : ""));
  auto reject = [&](std::string reason) { out.problems.push_back({row.line, std::move(reason), excerpt}); };
  if (row.unterminated) return reject("a quoted field opened here never closes before the end of the file");
  if (row.fields.size() != header_.size()) {
    return reject("row has " + std::to_string(row.fields.size()) + " fields, the header has " +
                  std::to_string(header_.size()));
  }
  for (size_t i = 0; i < row.fields.size(); ++i) {
    if (!IsValidUtf8(row.fields[i])) {  // the header cell may be as broken as the field
      return reject("invalid text encoding in column '" + SafeExcerpt(header_[i], 80) + "'");
    }
  }
  Record r = NewPost(settings_, FeedFormat::kGooglePlay, row.line);
  std::string stars = Cell(row, "Star Rating");
  double value = 0;
  auto [end, ec] = std::from_chars(stars.data(), stars.data() + stars.size(), value);
  if (ec != std::errc() || end != stars.data() + stars.size() || !SetStarRating(r, value)) {
    return reject("Star Rating '" + SafeExcerpt(stars, 40) + "' is not 1-5 stars");
  }
  std::string link = Cell(row, "Review Link");
  SetExternalId(r, FeedFormat::kGooglePlay, ReviewIdFromLink(link));
  SetPostText(r, Cell(row, "Review Title"), Cell(row, "Review Text"));
  std::string lang = Cell(row, "Reviewer Language");
  std::replace(lang.begin(), lang.end(), '_', '-');  // "zh_TW" -> "zh-TW"
  if (!lang.empty()) r.language = lang;
  r.time_unix_ms = ParseAnyTime(Cell(row, "Review Submit Millis Since Epoch"));
  if (!r.time_unix_ms) r.time_unix_ms = ParseIsoTime(Cell(row, "Review Submit Date and Time"));
  for (const KnownColumn& c : kColumns) {
    if (!c.attribute.empty()) AddAttribute(r, c.attribute, Cell(row, c.header));
  }
  out.posts.push_back(std::move(r));
}

bool SameRow(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Trim(a[i]) != Trim(b[i])) return false;
  }
  return true;
}

}  // namespace

Status ConvertGooglePlay(std::string_view text, const FeedSettings& settings, UnitOutcome& out,
                         std::vector<InspectColumn>* columns) {
  CsvSplitter rows(text);
  CsvRow row;
  if (!rows.Next(&row)) return Status::Ok();  // empty export: no reviews
  std::vector<std::string> header;
  for (const auto& f : row.fields) header.emplace_back(Trim(f));
  RowReader reader(header, settings);
  if (!reader.Find("Star Rating") || (!reader.Find("Review Text") && !reader.Find("Review Title"))) {
    return Status::NotSupported(settings.file + ": not a Play Console review export (no Star Rating and "
                                "Review Text columns in the header)");
  }
  for (size_t i = 0; i < header.size(); ++i) {
    std::string role = "attribute";
    for (const KnownColumn& c : kColumns) {
      if (c.header == header[i]) role = std::string(c.role);
    }
    columns->push_back({static_cast<uint32_t>(i), header[i], role, ""});
  }
  while (rows.Next(&row)) {
    bool blank = std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return Trim(f).empty(); });
    if (blank && !row.unterminated) continue;
    if (!row.fields.empty() && row.fields.front().rfind(kBom, 0) == 0) {
      row.fields.front().erase(0, kBom.size());
      bool again = SameRow(row.fields, header);
      out.problems.push_back({row.line,
                              again ? "byte order mark and the header row again: two exports joined; "
                                      "the repeated header is skipped"
                                    : "byte order mark in the middle of the file (exports joined?); "
                                      "the row is not read",
                              SafeExcerpt(row.fields.front())});
      continue;
    }
    if (SameRow(row.fields, header)) continue;  // a repeated header without a BOM is harmless
    reader.Read(row, out);
  }
  return Status::Ok();
}

}  // namespace cxmap::social
