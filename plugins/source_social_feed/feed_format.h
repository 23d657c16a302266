// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

#include "cxmap/record.h"
#include "cxmap/source_plugin.h"

namespace cxmap::social {

/// The export layouts this source reads (the `format` option and
/// Inspection::format use these names).
enum class FeedFormat {
  kTwitter,     ///< X API v2 pages or filtered-stream lines
  kFacebook,    ///< Graph API comment (or post) pages
  kGooglePlay,  ///< Play Console review CSV (UTF-16LE in real exports)
  kAppStore,    ///< App Store Connect customerReviews, or the iTunes RSS JSON feed
  kReddit,      ///< listing JSON, or Pushshift-style comment/submission JSON Lines
  kJsonl,       ///< any other JSON Lines, read through the `fields` mapping
};

/// "twitter", "facebook", "google_play", "app_store", "reddit", "jsonl".
std::string_view FormatName(FeedFormat format);
/// The format named `name`; nullopt for anything else (including "auto").
std::optional<FeedFormat> ParseFormat(std::string_view name);
/// kReview for store reviews, kSocial for the rest.
Channel FormatChannel(FeedFormat format);
/// "reviews" for store reviews, "posts" for the rest (Inspection::unit).
std::string_view FormatUnit(FeedFormat format);

/// Recognises a feed from the first bytes of a file: the Google Play CSV
/// header (in UTF-16 or UTF-8), or JSON whose keys are a platform's
/// signature. Pure function, thread-safe. Confidence 0 with a reason when
/// the input is not a feed.
SniffResult SniffFeed(std::string_view path, std::string_view head);

/// True when the first non-blank line of `text` is one complete JSON value
/// (JSON Lines, or a one-line document), false for a pretty-printed
/// document. `text` may be cut anywhere.
bool FirstLineIsCompleteJson(std::string_view text);

}  // namespace cxmap::social
