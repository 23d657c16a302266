// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "cxmap/source_plugin.h"
#include "cxmap/status.h"
#include "feed_post.h"
#include "json_util.h"

namespace cxmap::social {

/// Where the unit being converted came from.
struct UnitContext {
  const FeedSettings& settings;
  uint64_t line;            ///< the JSON Lines line, or the document's first line
  std::string_view raw;     ///< the unit's text, for reject excerpts
  bool partial = false;     ///< a document cut short: skip objects that never closed
};

/// True for an object a cut-short document left unclosed (not a post).
inline bool Unfinished(const Json& j, const UnitContext& ctx) { return ctx.partial && !IsComplete(j); }

/// Each converter turns one parsed unit (a JSON Lines line, or a whole
/// document) of its platform into posts, appending to `out`. A unit that
/// is an API error object, or not shaped like the platform's output at all,
/// becomes a problem with a reason; a post without text is kept when it
/// carries a rating, else counted as skipped. Converters never throw on
/// input (every access is type-checked) and are thread-safe.
///
/// X API v2: a page ({data: [...], includes: {users}}) or a stream line
/// ({data: {...}, includes}); author from includes.users, parent from
/// referenced_tweets (replied_to), thread from conversation_id.
void ConvertTwitter(const Json& unit, const UnitContext& ctx, UnitOutcome& out);
/// Facebook Graph: a page ({data: [...], paging}) or one comment, with
/// nested "comments" pages as replies (parent = the enclosing comment).
void ConvertFacebook(const Json& unit, const UnitContext& ctx, UnitOutcome& out);
/// App Store Connect customerReviews ({data: [...], included}) or the
/// iTunes RSS feed ({feed: {entry: [...]}}, app-metadata entry skipped).
void ConvertAppStore(const Json& unit, const UnitContext& ctx, UnitOutcome& out);
/// Reddit listings (also the [post, comments] pair of a thread page, with
/// nested replies), or Pushshift-style single comment/submission objects.
void ConvertReddit(const Json& unit, const UnitContext& ctx, UnitOutcome& out);
/// Any JSON object (or array of objects) through settings.mapping.
void ConvertMapped(const Json& unit, const UnitContext& ctx, UnitOutcome& out);

/// Parses the `fields` option: comma-separated `role:path` pairs with
/// roles text, id, time, rating, language, author, parent, thread, title
/// ("text:review.body,time:ts,id:uuid,rating:stars"). Unnamed roles keep
/// their defaults (text "text", the others unset). InvalidArgument for an
/// unknown role, a pair without ':' or an empty path.
Result<FieldMapping> ParseFieldMapping(std::string_view spec);

/// The input fields each JSON format reads, with the role each gets
/// (shown by `cxmap inspect`).
std::vector<InspectColumn> JsonFormatColumns(FeedFormat format, const FieldMapping& mapping);

}  // namespace cxmap::social
