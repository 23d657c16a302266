// SPDX-License-Identifier: Apache-2.0
// An XLSX sheet as a RowStream: the same rows a CSV export would give.
#include "row_stream.h"
#include "sheet_reader.h"
#include "workbook.h"
#include "zip_archive.h"

namespace cxmap::csv {
namespace {

class XlsxRowStream : public RowStream {
 public:
  Status Open(const std::string& path, const StreamSettings& settings) {
    auto zip = xlsx::ZipArchive::Open(path);
    if (!zip.ok()) return zip.status();
    zip_ = std::move(*zip);
    auto workbook = xlsx::Workbook::Open(*zip_);
    if (!workbook.ok()) return workbook.status();
    workbook_ = std::move(*workbook);
    auto sheet = workbook_->Sheet(settings.sheet);
    if (!sheet.ok()) return Status(sheet.status().code(), path + ": " + sheet.status().message());
    auto reader = xlsx::SheetReader::Open(*zip_, *workbook_, *sheet, settings.max_record_bytes);
    if (!reader.ok()) return reader.status();
    reader_ = std::move(*reader);
    info_ = {"xlsx", "UTF-8", "XLSX (XML parts are UTF-8)", 0, sheet->name, false, true};
    return Status::Ok();
  }

  Result<bool> Next(CsvRow* row) override {
    auto more = reader_->Next(&current_);
    if (!more.ok() || !*more) return more;
    row->line = current_.number;
    row->fields.assign(current_.cells.begin(), current_.cells.end());
    row->unterminated_quote = false;
    row->too_large = current_.too_large;
    row->problem = current_.problem;
    return true;
  }

  uint64_t bytes_done() const override { return reader_->bytes_done(); }
  uint64_t bytes_total() const override { return reader_->bytes_total(); }

 private:
  std::unique_ptr<xlsx::ZipArchive> zip_;
  std::unique_ptr<xlsx::Workbook> workbook_;
  std::unique_ptr<xlsx::SheetReader> reader_;
  xlsx::SheetRow current_;
};

}  // namespace

Result<std::unique_ptr<RowStream>> OpenXlsxStream(const std::string& path,
                                                  const StreamSettings& settings) {
  auto stream = std::make_unique<XlsxRowStream>();
  CXMAP_RETURN_IF_ERROR(stream->Open(path, settings));
  return std::unique_ptr<RowStream>(std::move(stream));
}

}  // namespace cxmap::csv
