// SPDX-License-Identifier: Apache-2.0
#include "sheet_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cxmap::csv::xlsx {
namespace {

constexpr size_t kChunkBytes = size_t{64} << 10;
constexpr size_t kMinChunkBytes = size_t{4} << 10;
constexpr size_t kMaxColumns = 16384;       // XFD
constexpr uint64_t kMaxRows = 1048576;

/// Days since 1970-01-01 -> (y, m, d), proleptic Gregorian (H. Hinnant).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string CellName(size_t column, uint64_t row) {
  std::string letters;
  for (size_t c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

bool ParseCellName(std::string_view ref, size_t* column, uint64_t* row) {
  size_t i = 0, col = 0;
  while (i < ref.size() && i < 4 && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    col = col * 26 + static_cast<size_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    ++i;
  }
  if (i == 0 || col > kMaxColumns) return false;
  uint64_t r = 0;
  auto [p, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || p != ref.data() + ref.size() || r == 0 || r > kMaxRows) return false;
  *column = col - 1;
  *row = r;
  return true;
}

std::string SerialToText(double serial, bool date1904) {
  if (!(serial >= 0) || serial >= 2958466) return "";  // 9999-12-31 is the last Excel date
  auto seconds = static_cast<int64_t>(std::llround(serial * 86400.0));
  int64_t days = seconds / 86400, of_day = seconds % 86400;
  char out[32];
  int hh = static_cast<int>(of_day / 3600), mm = static_cast<int>(of_day / 60 % 60),
      ss = static_cast<int>(of_day % 60);
  if (days == 0) {  // a time of day without a date
    std::snprintf(out, sizeof(out), "%02d:%02d:%02d", hh, mm, ss);
    return out;
  }
  // 1900 system: serial 1 is 1900-01-01, and Excel counts a 29 Feb 1900
  // that never was (serial 60), so later serials are one day ahead.
  constexpr int64_t k18991231 = -25568, k18991230 = -25569, k19040101 = -24107;
  int64_t epoch_days = date1904 ? k19040101 + days
                       : days >= 61 ? k18991230 + days
                       : days == 60 ? k18991231 + 59  // the phantom 1900-02-29 -> 02-28
                                    : k18991231 + days;
  int y = 0, m = 0, d = 0;
  CivilFromDays(epoch_days, &y, &m, &d);
  if (of_day == 0) {
    std::snprintf(out, sizeof(out), "%04d-%02d-%02d", y, m, d);
  } else {
    std::snprintf(out, sizeof(out), "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
  }
  return out;
}

/// Builds rows from the sheet's <row>/<c>/<v>/<is> events.
class SheetReader::Handler : public XmlHandler {
 public:
  Handler(const Workbook& workbook, size_t max_row_bytes, std::deque<SheetRow>* ready)
      : workbook_(workbook), max_row_bytes_(max_row_bytes), ready_(ready) {}

  uint64_t last_row() const { return last_row_; }

  void Start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      row_ = SheetRow{};
      row_bytes_ = 0;
      next_column_ = 0;
      const char* r = FindAttr(attrs, "r");
      uint64_t n = 0;
      auto parsed = r != nullptr ? std::from_chars(r, r + std::strlen(r), n) : std::from_chars_result{};
      row_.number = r != nullptr && parsed.ec == std::errc() && n > 0 && n <= kMaxRows ? n : last_row_ + 1;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      StartCell(attrs);
    } else if (name == "v" && in_cell_) {
      in_v_ = true;
    } else if (name == "is" && in_cell_) {
      in_is_ = true;
    } else if (name == "t" && in_is_) {
      ++in_t_;
    } else if (name == "rPh") {
      ++in_rph_;
    }
  }

  void End(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "t" && in_t_ > 0) {
      --in_t_;
    } else if (name == "rPh" && in_rph_ > 0) {
      --in_rph_;
    } else if (name == "c" && in_cell_) {
      FinishCell();
    } else if (name == "row" && in_row_) {
      FinishRow();
    }
  }

  void Text(std::string_view text) override {
    bool wanted = (in_v_ && !in_is_) || (in_is_ && in_t_ > 0 && in_rph_ == 0);
    if (!wanted) return;
    if (row_bytes_ + text.size() > max_row_bytes_) {
      row_.too_large = true;
      text = text.substr(0, max_row_bytes_ > row_bytes_ ? max_row_bytes_ - row_bytes_ : 0);
    }
    row_bytes_ += text.size();
    value_.append(text);
  }

 private:
  void Problem(const std::string& what) {
    if (row_.problem.empty()) row_.problem = "cell " + CellName(column_, row_.number) + ": " + what;
  }

  void StartCell(const char** attrs) {
    in_cell_ = true;
    value_.clear();
    const char* r = FindAttr(attrs, "r");
    uint64_t ref_row = 0;
    if (r == nullptr || !ParseCellName(r, &column_, &ref_row)) column_ = next_column_;
    const char* t = FindAttr(attrs, "t");
    type_ = t != nullptr ? t : "n";
    const char* s = FindAttr(attrs, "s");
    style_ = s != nullptr ? static_cast<size_t>(std::strtoul(s, nullptr, 10)) : 0;
  }

  void FinishCell() {
    in_cell_ = in_v_ = in_is_ = false;
    in_t_ = 0;
    next_column_ = column_ + 1;
    if (column_ >= kMaxColumns) return;
    std::string text = CellText();
    if (text.empty()) return;
    if (row_.cells.size() <= column_) row_.cells.resize(column_ + 1);
    row_.cells[column_] = std::move(text);
  }

  std::string CellText() {
    std::string_view v = value_;
    if (type_ == "s") {
      size_t index = 0;
      auto [p, ec] = std::from_chars(Trim(v).data(), Trim(v).data() + Trim(v).size(), index);
      const auto& strings = workbook_.shared_strings();
      if (ec != std::errc() || index >= strings.size()) {
        Problem("shared string '" + std::string(Trim(v).substr(0, 20)) + "' does not exist (the workbook has " +
                std::to_string(strings.size()) + ")");
        return "";
      }
      return strings[index];
    }
    if (type_ == "inlineStr" || type_ == "str") return DecodeXmlEscapes(v);
    if (type_ == "e" || type_ == "d") return std::string(Trim(v));
    if (type_ == "b") {
      if (Trim(v) == "1") return "TRUE";
      if (Trim(v) == "0") return "FALSE";
      Problem("boolean '" + std::string(Trim(v).substr(0, 20)) + "' is not 0 or 1");
      return "";
    }
    if (type_ != "n") {
      Problem("unknown cell type '" + type_.substr(0, 20) + "'");
      return "";
    }
    v = Trim(v);
    if (v.empty()) return "";
    char* end = nullptr;
    std::string number(v);
    double d = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || !std::isfinite(d)) {
      Problem("'" + number.substr(0, 40) + "' is not a number");
      return "";
    }
    if (workbook_.IsDateStyle(style_)) {
      std::string date = SerialToText(d, workbook_.date1904());
      if (date.empty()) Problem("date serial " + number.substr(0, 40) + " is out of range");
      return date;
    }
    char out[32];
    std::snprintf(out, sizeof(out), "%.15g", d);  // 0.30000000000000004 -> 0.3, as Excel shows it
    return out;
  }

  void FinishRow() {
    in_row_ = false;
    last_row_ = row_.number;
    bool any = !row_.problem.empty();
    for (const std::string& c : row_.cells) any = any || !c.empty();
    if (any) ready_->push_back(std::move(row_));
  }

  const Workbook& workbook_;
  size_t max_row_bytes_;
  std::deque<SheetRow>* ready_;
  SheetRow row_;
  size_t row_bytes_ = 0;
  uint64_t last_row_ = 0;
  size_t column_ = 0, next_column_ = 0, style_ = 0;
  std::string type_, value_;
  bool in_row_ = false, in_cell_ = false, in_v_ = false, in_is_ = false;
  int in_t_ = 0, in_rph_ = 0;
};

Result<std::unique_ptr<SheetReader>> SheetReader::Open(ZipArchive& zip, const Workbook& workbook,
                                                       const SheetRef& sheet, size_t max_row_bytes) {
  auto entry = zip.OpenEntry(sheet.part);
  if (!entry.ok()) return entry.status();
  std::unique_ptr<SheetReader> r(new SheetReader());
  r->entry_ = std::move(*entry);
  r->handler_ = std::make_unique<Handler>(workbook, max_row_bytes, &r->ready_);
  r->parser_ = std::make_unique<XmlParser>(sheet.part, r->handler_.get());
  // No bigger than the part's declared size needs (a small sheet must not
  // cost a zero-filled 64 KiB buffer); a size that lies only means more reads.
  r->buffer_.resize(static_cast<size_t>(
      std::clamp<uint64_t>(r->entry_->size() + 1, kMinChunkBytes, kChunkBytes)));
  return r;
}

SheetReader::~SheetReader() = default;

uint64_t SheetReader::bytes_done() const { return entry_->inflated(); }
uint64_t SheetReader::bytes_total() const { return std::max(entry_->size(), entry_->inflated()); }

Status SheetReader::Pump() {
  auto n = entry_->Read(buffer_.data(), buffer_.size());
  Status s = n.ok() ? parser_->Feed(std::string_view(buffer_.data(), *n), *n == 0) : n.status();
  if (!s.ok()) {
    // The rows parsed so far are good; the failure becomes the last row.
    SheetRow last;
    last.number = handler_->last_row() + 1;
    last.problem = s.message() + "; the rest of the sheet is not read";
    ready_.push_back(std::move(last));
    done_ = true;
  } else if (*n == 0) {
    done_ = true;
  }
  return Status::Ok();
}

Result<bool> SheetReader::Next(SheetRow* row) {
  while (ready_.empty() && !done_) CXMAP_RETURN_IF_ERROR(Pump());
  if (ready_.empty()) return false;
  *row = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

}  // namespace cxmap::csv::xlsx
