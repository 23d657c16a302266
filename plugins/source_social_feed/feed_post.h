// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cxmap/record.h"
#include "feed_format.h"

namespace cxmap::social {

/// JSON paths of the generic `jsonl` format (the `fields` option).
struct FieldMapping {
  std::string text = "text";  ///< required: the post's text
  std::string id, time, rating, language, author, parent, thread, title;
};

/// Settings shared by every converter, from the plugin's options.
struct FeedSettings {
  std::string file;         ///< the input path, stored as provenance
  std::string sub_channel;  ///< empty: the platform's name
  std::string language;     ///< BCP 47 tag for posts that carry none
  bool drop_pii = false;    ///< leave out author ids, names and handles
  FieldMapping mapping;
  /// The brand's own accounts (ids, handles without '@', names), lower
  /// case: their posts and replies are the brand's voice, not feedback.
  std::vector<std::string> brand_accounts;
};

/// The `brand_accounts` option: comma-separated, trimmed, '@' and 'u/'
/// dropped, ASCII lower case.
std::vector<std::string> ParseBrandAccounts(std::string_view option);

/// An account as compared with brand_accounts: trimmed, without '@' or
/// 'u/', ASCII lower case.
std::string NormalizeAccount(std::string_view account);

/// A unit (line or document) that could not be read, or a part of one.
struct UnitProblem {
  uint64_t line = 0;
  std::string reason;
  std::string excerpt;
};

/// What converting one unit produced, in input order.
struct UnitOutcome {
  std::vector<Record> posts;
  std::vector<UnitProblem> problems;
  uint64_t skipped = 0;  ///< entries that are not posts (deleted, app metadata, "more" stubs)
};

/// A new record for a post of `format` found at `line`: channel, platform
/// sub-channel, file and default language set.
Record NewPost(const FeedSettings& settings, FeedFormat format, uint64_t line);

/// Sets the record's text to `title` and `body` joined by a line break
/// (either may be empty), in NFC, and stores `title` as attribute "title".
/// Hashtags, mentions and URLs found in the whole text go to attributes
/// "hashtags", "mentions", "urls" (space-separated, each with its sign).
/// The text keeps them and every emoji as written. Returns false when the
/// text is not valid UTF-8 (nothing is set then).
bool SetPostText(Record& r, std::string_view title, std::string_view body);

/// Appends attribute `key` unless `value` is empty.
void AddAttribute(Record& r, std::string_view key, std::string value);

/// The author: `id` becomes the respondent, `name` and `handle` the
/// attributes "author_name" and "author_handle"; all three are dropped
/// when settings.drop_pii is set. An author among settings.brand_accounts
/// makes the post the brand's (speaker_role brand), with or without PII.
void SetAuthor(Record& r, const FeedSettings& settings, std::string id, std::string name,
               std::string handle);

/// The record's `prefix:id` external id ("twitter:1377650090978992134"),
/// so a post seen in two overlapping exports is stored once; an empty `id`
/// leaves it empty (the host then hashes the content).
void SetExternalId(Record& r, FeedFormat format, std::string_view id);

/// Sets the rating when `stars` is a whole number of stars in 1..5;
/// returns false (rating left unset) otherwise.
bool SetStarRating(Record& r, double stars);

}  // namespace cxmap::social
