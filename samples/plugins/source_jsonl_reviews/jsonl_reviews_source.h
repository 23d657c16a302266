// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/source_plugin.h"
#include "review_line.h"

namespace cxmap_samples {

/// Reads app-store / Google Play style reviews stored as JSON Lines, one
/// review object per line, into records of channel "review". A malformed
/// line is rejected (file, line, reason, excerpt) and reading goes on;
/// blank lines are skipped. An instance reads one file at a time and is
/// used by one thread at a time (SourcePlugin contract).
class JsonlReviewsSource final : public cxmap::SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_jsonl_reviews";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "App-store / Google Play reviews as JSON Lines (id, date, rating, title, body, lang, author)";
  static constexpr std::string_view kVendor = "cxmap samples";
  static constexpr std::array kOptions = {
      cxmap::Option("text_field", cxmap::OptionType::kString, "body",
                    "JSON key holding the review text"),
      cxmap::Option("sub_channel", cxmap::OptionType::kString, "app_store",
                    "Sub-channel stored on every record, e.g. google_play"),
      cxmap::Option("keep_author", cxmap::OptionType::kBool, "false",
                    "Store the author as respondent (off: author names are personal data)"),
      cxmap::Option("max_line_bytes", cxmap::OptionType::kInteger, "1048576",
                    "Longer lines are rejected instead of parsed"),
  };

  /// Confidence that `head` (the first bytes of `path`) is review JSONL,
  /// with the reason. Stateless and thread-safe.
  static cxmap::SniffResult Sniff(std::string_view path, std::string_view head);
  /// Validates the options (text_field non-empty, max_line_bytes > 0).
  static cxmap::Result<std::unique_ptr<JsonlReviewsSource>> Create(const cxmap::Host& host,
                                                                    const cxmap::OptionValues& options);

  JsonlReviewsSource(const cxmap::Host& host, ReviewLineOptions options, uint64_t max_line_bytes);

  /// Errors: kNotFound when `path` does not exist, kIoError when unreadable.
  cxmap::Status Open(std::string_view path) override;
  cxmap::Status NextBatch(cxmap::RecordSink& sink, bool& at_end) override;

 private:
  cxmap::Host host_;
  ReviewLineOptions options_;
  uint64_t max_line_bytes_;
  std::ifstream in_;
  std::string path_;
  uint64_t bytes_total_ = 0;
  uint64_t bytes_done_ = 0;
  uint64_t line_no_ = 0;
  uint64_t record_no_ = 0;
  uint64_t emitted_ = 0;
  uint64_t rejected_ = 0;
  std::string line_;  // reused line buffer
  cxmap::Record record_;  // reused record
};

}  // namespace cxmap_samples
