// SPDX-License-Identifier: Apache-2.0
// Facebook Graph API comment (and post) pages -> posts.
#include <string>

#include "feed_converters.h"
#include "text_decode.h"

namespace cxmap::social {
namespace {

/// One comment (or post), then its nested reply page, if the export asked
/// for one (fields=comments{...}). `parent` and `thread` come from the
/// enclosing comment; a top-level comment starts its own thread.
void ConvertComment(const Json& c, const std::string& parent, const std::string& thread,
                    const UnitContext& ctx, UnitOutcome& out) {
  if (Unfinished(c, ctx)) return;
  uint64_t line = LineOf(c, ctx.line);
  if (!c.is_object()) {
    out.problems.push_back({line, "a comment in data[] is not an object", SafeExcerpt(ctx.raw)});
    return;
  }
  std::string id = MemberText(c, "id");
  std::string own_thread = thread.empty() ? id : thread;
  const Json* message = Member(c, "message");
  if (message != nullptr && message->is_string() && !message->get_ref<const std::string&>().empty()) {
    Record r = NewPost(ctx.settings, FeedFormat::kFacebook, line);
    SetExternalId(r, FeedFormat::kFacebook, id);
    SetPostText(r, "", message->get_ref<const std::string&>());
    r.time_unix_ms = TimeOf(Member(c, "created_time"));
    if (const Json* from = Member(c, "from"); from != nullptr && from->is_object()) {
      std::string from_id = MemberText(*from, "id");
      // Graph ids of page comments start with the page's id ("<page>_<n>"):
      // a comment whose author is that page is the brand answering.
      size_t underscore = id.find('_');
      if (!from_id.empty() && underscore != std::string::npos && id.compare(0, underscore, from_id) == 0) {
        r.speaker_role = SpeakerRole::kBrand;
      }
      SetAuthor(r, ctx.settings, std::move(from_id), MemberText(*from, "name"), "");
    }
    std::string explicit_parent = ScalarText(AtPath(c, "parent.id"));
    AddAttribute(r, "parent_id", explicit_parent.empty() ? parent : explicit_parent);
    AddAttribute(r, "thread_id", own_thread);
    AddAttribute(r, "like_count", MemberText(c, "like_count"));
    AddAttribute(r, "comment_count", MemberText(c, "comment_count"));
    AddAttribute(r, "permalink", MemberText(c, "permalink_url"));
    out.posts.push_back(std::move(r));
  } else {
    ++out.skipped;  // a sticker or photo without words, or a field the token may not read
  }
  const Json* replies = AtPath(c, "comments.data");
  if (replies != nullptr && replies->is_array()) {
    for (const Json& reply : *replies) ConvertComment(reply, id, own_thread, ctx, out);
  }
}

}  // namespace

void ConvertFacebook(const Json& unit, const UnitContext& ctx, UnitOutcome& out) {
  if (const Json* error = Member(unit, "error"); error != nullptr && error->is_object()) {
    out.problems.push_back({ctx.line,
                            "Facebook Graph error: " + MemberText(*error, "message") + " (" +
                                MemberText(*error, "type") + " " + MemberText(*error, "code") + ")",
                            SafeExcerpt(ctx.raw)});
    return;
  }
  const Json* data = Member(unit, "data");
  if (data != nullptr && data->is_array()) {
    for (const Json& c : *data) ConvertComment(c, "", "", ctx, out);
    return;
  }
  if (unit.is_object() && (Member(unit, "message") != nullptr || Member(unit, "created_time") != nullptr)) {
    ConvertComment(unit, "", "", ctx, out);
    return;
  }
  out.problems.push_back({ctx.line, "not a Facebook Graph page ({data: [...]}) or comment object",
                          SafeExcerpt(ctx.raw)});
}

}  // namespace cxmap::social
