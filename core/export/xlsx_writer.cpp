// SPDX-License-Identifier: Apache-2.0
// XLSX with libxlsxwriter (Debian libxlsxwriter-dev): a sheet per table,
// the header row bold, frozen and filterable, texts as shared-nothing
// inline strings in constant-memory mode so a million responses stream
// through. Excel's limits are kept rather than producing a file it
// repairs: a sheet past 1,048,576 rows continues on "<name> (2)", and a
// cell past 32,767 characters is cut at a grapheme boundary with "…".
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/export/cell_safety.h"
#include "core/export/export_writers.h"
#include "core/text/grapheme.h"

namespace cxmap::core {
namespace {

constexpr size_t kMaxCellChars = 32767;

// Excel counts a cell's length in UTF-16 code units: a code point above
// U+FFFF (most emoji) counts twice. (lxw_utf8_strlen counts code points.)
size_t Utf16Units(std::string_view text) {
  size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

std::string FitCell(std::string text) {
  if (Utf16Units(text) <= kMaxCellChars) return text;
  size_t graphemes = kMaxCellChars - 1;
  for (;;) {
    std::string cut = GraphemePrefix(text, graphemes) + "…";
    if (Utf16Units(cut) <= kMaxCellChars) return cut;
    graphemes = graphemes * 3 / 4;
  }
}

// A sheet name: at most 31 characters, none of []:*?/\ (Excel's rules).
std::string SheetName(std::string name) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  return name.substr(0, 31);
}

class XlsxWriter final : public TableWriter {
 public:
  explicit XlsxWriter(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp") {}

  ~XlsxWriter() override {
    if (book_ != nullptr) workbook_close(book_);  // frees it; the file is dropped below
    if (!committed_) {
      std::error_code ec;
      std::filesystem::remove(tmp_, ec);
    }
  }

  Status Open() {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    book_ = workbook_new_opt(tmp_.c_str(), &options);
    if (book_ == nullptr) return Status::IoError("cannot create " + tmp_);
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xE8EEF4);
    return Status::Ok();
  }

  Status BeginTable(const std::string& name, const std::vector<ExportColumn>& columns) override {
    name_ = name;
    columns_ = columns;
    part_ = 1;
    return NewSheet(SheetName(name));
  }

  Status Row(const std::vector<ExportValue>& values) override {
    if (row_ >= LXW_ROW_MAX) {
      Finalise();
      std::string suffix = " (" + std::to_string(++part_) + ")";
      CXMAP_RETURN_IF_ERROR(NewSheet(SheetName(name_).substr(0, 31 - suffix.size()) + suffix));
    }
    for (size_t i = 0; i < values.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error err = LXW_NO_ERROR;
      const ExportValue& v = values[i];
      if (const auto* s = std::get_if<std::string>(&v)) {
        if (s->empty()) continue;
        err = worksheet_write_string(sheet_, row_, col, FitCell(NeutraliseFormula(*s)).c_str(),
                                     nullptr);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        err = worksheet_write_number(sheet_, row_, col, static_cast<double>(*n), nullptr);
      } else if (const auto* d = std::get_if<double>(&v); d && std::isfinite(*d)) {
        err = worksheet_write_number(sheet_, row_, col, *d, nullptr);
      }
      if (err != LXW_NO_ERROR) {
        return Status::IoError("writing " + name_ + " row " + std::to_string(row_) + " of " +
                               path_ + ": " + lxw_strerror(err));
      }
    }
    ++row_;
    return Status::Ok();
  }

  Status EndTable() override {
    Finalise();
    return Status::Ok();
  }

  Status Finish() override {
    lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR) return Status::IoError("writing " + path_ + ": " + lxw_strerror(err));
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) return Status::IoError("cannot rename " + tmp_ + " to " + path_ + ": " + ec.message());
    committed_ = true;
    return Status::Ok();
  }

 private:
  Status NewSheet(const std::string& sheet_name) {
    sheet_ = workbook_add_worksheet(book_, sheet_name.c_str());
    if (sheet_ == nullptr) return Status::Internal("cannot add sheet " + sheet_name);
    for (size_t i = 0; i < columns_.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      worksheet_set_column(sheet_, col, col, columns_[i].wide ? 60 : 14, nullptr);
      worksheet_write_string(sheet_, 0, col, FitCell(NeutraliseFormula(columns_[i].title)).c_str(),
                             header_);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    row_ = 1;
    return Status::Ok();
  }

  // The filter spans the rows written; set when a sheet is complete.
  void Finalise() {
    if (sheet_ != nullptr && !columns_.empty()) {
      worksheet_autofilter(sheet_, 0, 0, std::max<lxw_row_t>(row_ - 1, 0),
                           static_cast<lxw_col_t>(columns_.size() - 1));
    }
  }

  std::string path_, tmp_, name_;
  std::vector<ExportColumn> columns_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_row_t row_ = 0;
  int part_ = 1;
  bool committed_ = false;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenXlsxWriter(const std::string& path) {
  if (path == "-") return Status::InvalidArgument("an XLSX export needs a file: -o FILE.xlsx");
  auto writer = std::make_unique<XlsxWriter>(path);
  CXMAP_RETURN_IF_ERROR(writer->Open());
  return std::unique_ptr<TableWriter>(std::move(writer));
}

Result<std::unique_ptr<TableWriter>> OpenTableWriter(ExportFormat format, const std::string& path,
                                                     bool multi_table) {
  switch (format) {
    case ExportFormat::kCsv: return OpenCsvWriter(path);
    case ExportFormat::kJson: return OpenJsonWriter(path, multi_table);
    case ExportFormat::kXlsx: return OpenXlsxWriter(path);
  }
  return Status::Internal("unknown export format");
}

}  // namespace cxmap::core
