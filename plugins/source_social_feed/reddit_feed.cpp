// SPDX-License-Identifier: Apache-2.0
// Reddit listings and Pushshift-style JSON Lines -> posts.
#include <string>

#include "feed_converters.h"
#include "text_decode.h"

namespace cxmap::social {
namespace {

bool IsGone(std::string_view s) { return s == "[deleted]" || s == "[removed]"; }

void Walk(const Json& v, const UnitContext& ctx, UnitOutcome& out);

/// One comment (t1) or submission (t3), then its replies.
void ConvertThing(const Json& d, std::string_view kind, const UnitContext& ctx, UnitOutcome& out) {
  if (Unfinished(d, ctx)) return;
  uint64_t line = LineOf(d, ctx.line);
  std::string id = MemberText(d, "id");
  std::string name = MemberText(d, "name");
  if (name.empty() && !id.empty()) name = std::string(kind) + "_" + id;
  bool submission = kind == "t3";
  std::string body = MemberText(d, submission ? "selftext" : "body");
  std::string title = submission ? MemberText(d, "title") : "";
  if (IsGone(body)) body.clear();
  if (body.empty() && title.empty()) {
    ++out.skipped;  // deleted or removed: nothing left to read
  } else {
    Record r = NewPost(ctx.settings, FeedFormat::kReddit, line);
    SetExternalId(r, FeedFormat::kReddit, name);
    SetPostText(r, title, body);
    r.time_unix_ms = TimeOf(Member(d, "created_utc"));
    std::string author = MemberText(d, "author");
    if (!IsGone(author)) SetAuthor(r, ctx.settings, author, "", author.empty() ? "" : "u/" + author);
    AddAttribute(r, "parent_id", MemberText(d, "parent_id"));
    std::string link = MemberText(d, "link_id");
    AddAttribute(r, "thread_id", link.empty() && submission ? name : link);
    AddAttribute(r, "subreddit", MemberText(d, "subreddit"));
    AddAttribute(r, "score", MemberText(d, "score"));
    AddAttribute(r, "permalink", MemberText(d, "permalink"));
    out.posts.push_back(std::move(r));
  }
  if (const Json* replies = Member(d, "replies"); replies != nullptr && replies->is_object()) {
    Walk(*replies, ctx, out);  // "" when there are none
  }
}

void Walk(const Json& v, const UnitContext& ctx, UnitOutcome& out) {
  if (v.is_array()) {  // a thread page: [submission listing, comment listing]
    for (const Json& item : v) Walk(item, ctx, out);
    return;
  }
  uint64_t line = LineOf(v, ctx.line);
  std::string kind = MemberText(v, "kind");
  if (kind == "Listing") {
    const Json* children = AtPath(v, "data.children");
    if (children != nullptr && children->is_array()) {
      for (const Json& child : *children) Walk(child, ctx, out);
    }
    return;
  }
  if (kind == "t1" || kind == "t3") {
    const Json* data = Member(v, "data");
    if (data != nullptr && data->is_object()) ConvertThing(*data, kind, ctx, out);
    else out.problems.push_back({line, kind + " without a data object", SafeExcerpt(ctx.raw)});
    return;
  }
  if (!kind.empty()) {
    ++out.skipped;  // "more" stubs (unloaded replies), users, subreddits
    return;
  }
  if (Member(v, "body") != nullptr) return ConvertThing(v, "t1", ctx, out);
  if (Member(v, "selftext") != nullptr || Member(v, "title") != nullptr) {
    return ConvertThing(v, "t3", ctx, out);
  }
  std::string error = MemberText(v, "error");
  out.problems.push_back({line,
                          error.empty() ? "not a Reddit listing, comment or submission"
                                        : "Reddit API error " + error + ": " + MemberText(v, "message"),
                          SafeExcerpt(ctx.raw)});
}

}  // namespace

void ConvertReddit(const Json& unit, const UnitContext& ctx, UnitOutcome& out) { Walk(unit, ctx, out); }

}  // namespace cxmap::social
