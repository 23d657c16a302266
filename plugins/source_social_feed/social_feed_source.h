// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/source_plugin.h"
#include "feed_converters.h"
#include "feed_format.h"
#include "line_reader.h"

namespace cxmap::social {

/// Source plugin for social feeds and store reviews: X API v2, Facebook
/// Graph comments, Google Play review CSVs, App Store reviews, Reddit and
/// any other JSON Lines through a field mapping (README.md). One record per
/// post or review. JSON Lines stream line by line (memory bounded by
/// max_line_bytes); a whole JSON document or a CSV is read at once, up to
/// max_document_bytes. An instance reads one file and is used by one
/// thread at a time.
class SocialFeedSource : public SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_social_feed";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Social posts and store reviews: X/Twitter API v2, Facebook Graph, Google Play CSV, "
      "App Store, Reddit, generic JSON Lines";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("format", OptionType::kString, "auto",
             "auto, twitter, facebook, google_play, app_store, reddit or jsonl"),
      Option("fields", OptionType::kString, "",
             "jsonl mapping of role:path pairs, e.g. text:review.body,time:ts,id:uuid,rating:stars "
             "(roles: text id time rating language author parent thread title)"),
      Option("sub_channel", OptionType::kString, "",
             "Sub-channel of every record (default: the platform, e.g. twitter)"),
      Option("language", OptionType::kString, "",
             "BCP 47 tag for posts that carry none (empty: detect later)"),
      Option("brand_accounts", OptionType::kString, "",
             "The brand's own accounts, comma-separated ids, @handles or names: their posts and "
             "replies are stored as the brand's voice and not analysed as feedback"),
      Option("drop_pii", OptionType::kBool, "false",
             "Leave out author ids, names and handles (mentions stay in the text)"),
      Option("max_line_bytes", OptionType::kInteger, "16777216",
             "Longer JSON Lines lines are rejected (bounds memory)"),
      Option("max_document_bytes", OptionType::kInteger, "67108864",
             "Largest whole JSON document or CSV read at once (JSON Lines have no such limit)"),
  };

  /// Stateless and thread-safe: SniffFeed on the first bytes.
  static SniffResult Sniff(std::string_view path, std::string_view head);
  /// Validates options: InvalidArgument for an unknown format, a bad
  /// `fields` mapping or a limit below 1 KiB.
  static Result<std::unique_ptr<SocialFeedSource>> Create(const Host& host,
                                                          const OptionValues& options);

  ~SocialFeedSource() override;
  /// Opens `path` and settles its format and layout. Errors: NotFound,
  /// IoError, NotSupported (not a feed this source reads, a JSON file that
  /// is not UTF-8, a document over max_document_bytes, a CSV that is not
  /// a Play Console export).
  Status Open(std::string_view path) override;
  Status NextBatch(RecordSink& sink, bool& at_end) override;
  /// Reads the whole input and adds format, encoding, the fields used as
  /// columns and counts of replies, threads and skipped entries.
  Result<Inspection> Inspect(std::string_view path) override;

 private:
  using Item = std::variant<Record, UnitProblem>;

  SocialFeedSource(const Host& host, FeedSettings settings) : host_(host), settings_(std::move(settings)) {}
  Status ReadWhole(std::string* bytes);
  Status OpenDocument();
  Status OpenGooglePlay();
  Status DecideLayout(bool* lines);
  /// Reads JSON Lines until something is queued or the input ends.
  Status ReadNextLine();
  void Convert(const Json& unit, const UnitContext& ctx, UnitOutcome& out) const;
  void Queue(UnitOutcome&& outcome);
  void Count(const Record& r);

  Host host_;
  FeedSettings settings_;
  std::optional<FeedFormat> forced_;
  size_t max_line_bytes_ = 0;
  size_t max_document_bytes_ = 0;

  FeedFormat format_ = FeedFormat::kJsonl;
  std::string layout_;    // "JSON Lines", "JSON document", "CSV"
  std::string encoding_ = "UTF-8";
  std::string reason_;    // why this format
  std::vector<InspectColumn> columns_;
  std::FILE* file_ = nullptr;
  uint64_t file_size_ = 0;
  std::unique_ptr<LineReader> lines_;
  bool input_done_ = false;
  std::deque<Item> pending_;
  uint64_t record_number_ = 0;

  // What Inspect() reports beyond counts.
  uint64_t replies_ = 0;
  uint64_t skipped_ = 0;
  std::unordered_set<std::string> threads_;
};

}  // namespace cxmap::social
