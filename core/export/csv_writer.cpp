// SPDX-License-Identifier: Apache-2.0
// CSV as Excel opens it without an import dialog: UTF-8 with a byte-order
// mark (without it Excel reads Vietnamese, Thai and Chinese as cp1252),
// CRLF line ends and RFC 4180 quoting. Written by hand because it is a
// dozen lines; libcsv (Debian) would add a dependency for the quoting only.
#include <fmt/format.h>

#include <cmath>

#include "core/export/cell_safety.h"
#include "core/export/export_writers.h"

namespace cxmap::core {
namespace {

void AppendField(std::string& line, std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    line += text;
    return;
  }
  line += '"';
  for (char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

class CsvWriter final : public TableWriter {
 public:
  explicit CsvWriter(std::string path) : path_(std::move(path)) {}

  Status Open() {
    CXMAP_RETURN_IF_ERROR(out_.Open(path_));
    return out_.Write("\xEF\xBB\xBF");
  }

  Status BeginTable(const std::string& name, const std::vector<ExportColumn>& columns) override {
    if (tables_++ > 0) {
      return Status::InvalidArgument("a CSV file holds one table; " + name +
                                     " would be the second (use --format xlsx or json)");
    }
    line_.clear();
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) line_ += ',';
      AppendField(line_, NeutraliseFormula(columns[i].title));
    }
    line_ += "\r\n";
    return out_.Write(line_);
  }

  Status Row(const std::vector<ExportValue>& values) override {
    line_.clear();
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) line_ += ',';
      const ExportValue& v = values[i];
      if (const auto* s = std::get_if<std::string>(&v)) {
        AppendField(line_, NeutraliseFormula(*s));
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        line_ += fmt::format("{}", *n);
      } else if (const auto* d = std::get_if<double>(&v); d && std::isfinite(*d)) {
        line_ += fmt::format("{}", *d);
      }
    }
    line_ += "\r\n";
    return out_.Write(line_);
  }

  Status EndTable() override { return Status::Ok(); }
  Status Finish() override { return out_.Commit(); }

 private:
  std::string path_;
  AtomicFileWriter out_;
  std::string line_;
  int tables_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenCsvWriter(const std::string& path) {
  auto writer = std::make_unique<CsvWriter>(path);
  CXMAP_RETURN_IF_ERROR(writer->Open());
  return std::unique_ptr<TableWriter>(std::move(writer));
}

}  // namespace cxmap::core
