// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv_text.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/source_plugin.h"
#include "header_map.h"

namespace cxmap::stakeholders {

/// How a list's first line reads: delimiter and header mapping.
struct ListLayout {
  char delimiter = ',';
  std::vector<std::string> header;
  HeaderMap map;
};

/// The delimiter (',', TAB, ';' or '|') under which the first row of
/// `utf8` names the most stakeholder columns, with that row's mapping.
ListLayout DetectLayout(std::string_view utf8);

/// Source plugin for stakeholder lists: CSV/TSV (UTF-8 or UTF-16 with a
/// byte order mark) whose header names the columns name, department, role,
/// support 1–5, influence 1–5, notes in en, vi, th or zh. One record per
/// stakeholder (see BuildStakeholder for the mapping). The whole file is
/// read at once, up to max_bytes. An instance reads one file and is used
/// by one thread at a time.
class StakeholderSource : public SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_stakeholders";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Stakeholder lists (CSV/TSV: name, department, role, support 1-5, influence 1-5, notes; "
      "headers in en, vi, th, zh)";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("language", OptionType::kString, "",
             "BCP 47 tag of the notes (empty: detect later)"),
      Option("max_bytes", OptionType::kInteger, "16777216",
             "Largest list read (the whole file is read at once)"),
  };

  /// Stateless, thread-safe. 0.98 when the first row names name, support
  /// and influence; 0.97 with name, one of support/influence and at least
  /// one of department/role; 0 otherwise (the reason lists what is
  /// missing). Both beat source_csv_survey's best generic guess (0.95).
  static SniffResult Sniff(std::string_view path, std::string_view head);
  /// InvalidArgument when max_bytes < 1024.
  static Result<std::unique_ptr<StakeholderSource>> Create(const Host& host,
                                                           const OptionValues& options);

  /// Reads and decodes `path` and maps its header. Errors: NotFound,
  /// IoError, NotSupported (larger than max_bytes, or a header without a
  /// name column and a support or influence column).
  Status Open(std::string_view path) override;
  /// Emits one record per data row; bad rows become rejects; blank rows
  /// are skipped.
  Status NextBatch(RecordSink& sink, bool& at_end) override;
  /// Counts records and rejects and lists the columns with their roles.
  Result<Inspection> Inspect(std::string_view path) override;

 private:
  StakeholderSource(std::string language, uint64_t max_bytes)
      : language_(std::move(language)), max_bytes_(max_bytes) {}

  std::string language_;
  uint64_t max_bytes_;
  std::string path_;
  DecodedText text_;
  ListLayout layout_;
  std::optional<CsvSplitter> rows_;
  uint64_t record_number_ = 0;
};

}  // namespace cxmap::stakeholders
