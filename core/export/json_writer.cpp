// SPDX-License-Identifier: Apache-2.0
// JSON for programs: one array of row objects keyed by column key, or with
// several tables an object of such arrays. Streamed a row at a time;
// values exact (no formula neutralisation: nothing evaluates JSON).
#include <nlohmann/json.hpp>

#include <cmath>

#include "core/export/export_writers.h"

namespace cxmap::core {
namespace {

class JsonWriter final : public TableWriter {
 public:
  JsonWriter(std::string path, bool multi_table) : path_(std::move(path)), multi_(multi_table) {}

  Status Open() {
    CXMAP_RETURN_IF_ERROR(out_.Open(path_));
    return multi_ ? out_.Write("{") : Status::Ok();
  }

  Status BeginTable(const std::string& name, const std::vector<ExportColumn>& columns) override {
    if (!multi_ && tables_ > 0) {
      return Status::InvalidArgument("a single-table JSON export cannot hold " + name + " too");
    }
    keys_.clear();
    for (const auto& c : columns) keys_.push_back(c.key);
    rows_ = 0;
    std::string head;
    if (multi_) head = (tables_ > 0 ? ",\n" : "\n") + nlohmann::json(name).dump() + ": ";
    ++tables_;
    return out_.Write(head + "[");
  }

  Status Row(const std::vector<ExportValue>& values) override {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (size_t i = 0; i < values.size() && i < keys_.size(); ++i) {
      const ExportValue& v = values[i];
      if (const auto* s = std::get_if<std::string>(&v)) {
        row[keys_[i]] = *s;
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        row[keys_[i]] = *n;
      } else if (const auto* d = std::get_if<double>(&v); d && std::isfinite(*d)) {
        row[keys_[i]] = *d;
      } else {
        row[keys_[i]] = nullptr;
      }
    }
    // Invalid UTF-8 in stored text becomes U+FFFD rather than failing the
    // whole export half-way.
    std::string text = (rows_++ > 0 ? ",\n" : "\n") +
                       row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out_.Write(text);
  }

  Status EndTable() override { return out_.Write(rows_ > 0 ? "\n]" : "]"); }

  Status Finish() override {
    CXMAP_RETURN_IF_ERROR(out_.Write(multi_ ? "\n}\n" : "\n"));
    return out_.Commit();
  }

 private:
  std::string path_;
  bool multi_ = false;
  AtomicFileWriter out_;
  std::vector<std::string> keys_;
  size_t rows_ = 0;
  int tables_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenJsonWriter(const std::string& path, bool multi_table) {
  auto writer = std::make_unique<JsonWriter>(path, multi_table);
  CXMAP_RETURN_IF_ERROR(writer->Open());
  return std::unique_ptr<TableWriter>(std::move(writer));
}

}  // namespace cxmap::core
