// SPDX-License-Identifier: Apache-2.0
// App Store Connect customerReviews and the iTunes RSS review feed -> reviews.
#include <map>
#include <string>

#include "feed_converters.h"
#include "text_decode.h"

namespace cxmap::social {
namespace {

/// The RSS feed wraps every value as {"label": "..."}.
std::string Label(const Json& entry, std::string_view path) {
  return ScalarText(AtPath(entry, std::string(path) + ".label"));
}

void AddRating(Record& r, const Json* stars, const std::string& id, uint64_t line,
               const UnitContext& ctx, UnitOutcome& out, bool* ok) {
  auto value = NumberOf(stars);
  *ok = value && SetStarRating(r, *value);
  if (!*ok) {
    out.problems.push_back({line, "review " + id + ": rating '" + ScalarText(stars) + "' is not 1-5 stars",
                            SafeExcerpt(ctx.raw)});
  }
}

/// Developer responses sent along with ?include=response, by response id.
std::map<std::string, std::string, std::less<>> Responses(const Json& unit) {
  std::map<std::string, std::string, std::less<>> out;
  const Json* included = Member(unit, "included");
  if (included == nullptr || !included->is_array()) return out;
  for (const Json& inc : *included) {
    if (MemberText(inc, "type") != "customerReviewResponses") continue;
    out[MemberText(inc, "id")] = ScalarText(AtPath(inc, "attributes.responseBody"));
  }
  return out;
}

void ConvertConnectReview(const Json& item, const std::map<std::string, std::string, std::less<>>& responses,
                          const UnitContext& ctx, UnitOutcome& out) {
  if (Unfinished(item, ctx)) return;
  uint64_t line = LineOf(item, ctx.line);
  const Json* attrs = Member(item, "attributes");
  if (attrs == nullptr || !attrs->is_object()) {
    out.problems.push_back({line, "a customer review without attributes", SafeExcerpt(ctx.raw)});
    return;
  }
  std::string id = MemberText(item, "id");
  Record r = NewPost(ctx.settings, FeedFormat::kAppStore, line);
  bool ok = false;
  AddRating(r, Member(*attrs, "rating"), id, line, ctx, out, &ok);
  if (!ok) return;
  SetExternalId(r, FeedFormat::kAppStore, id);
  SetPostText(r, MemberText(*attrs, "title"), MemberText(*attrs, "body"));
  r.time_unix_ms = TimeOf(Member(*attrs, "createdDate"));
  SetAuthor(r, ctx.settings, "", MemberText(*attrs, "reviewerNickname"), "");
  AddAttribute(r, "territory", MemberText(*attrs, "territory"));
  std::string response_id = ScalarText(AtPath(item, "relationships.response.data.id"));
  if (auto it = responses.find(response_id); !response_id.empty() && it != responses.end()) {
    AddAttribute(r, "developer_reply", it->second);
  }
  out.posts.push_back(std::move(r));
}

void ConvertRssEntry(const Json& entry, const UnitContext& ctx, UnitOutcome& out) {
  if (Unfinished(entry, ctx)) return;
  uint64_t line = LineOf(entry, ctx.line);
  if (Member(entry, "im:rating") == nullptr) {
    ++out.skipped;  // the feed's first entry describes the app itself
    return;
  }
  std::string id = Label(entry, "id");
  Record r = NewPost(ctx.settings, FeedFormat::kAppStore, line);
  bool ok = false;
  AddRating(r, AtPath(entry, "im:rating.label"), id, line, ctx, out, &ok);
  if (!ok) return;
  SetExternalId(r, FeedFormat::kAppStore, id);
  SetPostText(r, Label(entry, "title"), Label(entry, "content"));
  r.time_unix_ms = TimeOf(AtPath(entry, "updated.label"));
  SetAuthor(r, ctx.settings, "", Label(entry, "author.name"), "");
  AddAttribute(r, "app_version", Label(entry, "im:version"));
  AddAttribute(r, "vote_sum", Label(entry, "im:voteSum"));
  AddAttribute(r, "vote_count", Label(entry, "im:voteCount"));
  out.posts.push_back(std::move(r));
}

std::string ErrorText(const Json& errors) {
  std::string text;
  for (const Json& e : errors) {
    std::string one = MemberText(e, "status") + " " + MemberText(e, "code") + ": " + MemberText(e, "detail");
    text += (text.empty() ? "" : "; ") + one;
  }
  return text;
}

}  // namespace

void ConvertAppStore(const Json& unit, const UnitContext& ctx, UnitOutcome& out) {
  if (const Json* feed = Member(unit, "feed"); feed != nullptr && feed->is_object()) {
    const Json* entries = Member(*feed, "entry");
    if (entries != nullptr && entries->is_array()) {
      for (const Json& e : *entries) ConvertRssEntry(e, ctx, out);
    } else if (entries != nullptr && entries->is_object()) {
      ConvertRssEntry(*entries, ctx, out);  // a feed with one entry holds it bare
    }
    return;
  }
  const Json* data = Member(unit, "data");
  if (data == nullptr) {
    const Json* errors = Member(unit, "errors");
    out.problems.push_back({ctx.line,
                            errors != nullptr && errors->is_array()
                                ? "App Store Connect error: " + ErrorText(*errors)
                                : "not App Store Connect customerReviews or an iTunes RSS review feed",
                            SafeExcerpt(ctx.raw)});
    return;
  }
  auto responses = Responses(unit);
  if (data->is_object()) {
    ConvertConnectReview(*data, responses, ctx, out);
  } else if (data->is_array()) {
    for (const Json& item : *data) {
      if (MemberText(item, "type") == "customerReviews" || Member(item, "attributes") != nullptr) {
        ConvertConnectReview(item, responses, ctx, out);
      } else {
        ++out.skipped;
      }
    }
  }
}

}  // namespace cxmap::social
