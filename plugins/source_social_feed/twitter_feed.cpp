// SPDX-License-Identifier: Apache-2.0
// X API v2 pages and filtered-stream lines -> posts.
#include <map>
#include <string>
#include <utility>

#include "feed_converters.h"
#include "text_decode.h"

namespace cxmap::social {
namespace {

struct User {
  std::string name, username;
};

/// includes.users by id: the only place a v2 response names a tweet's author.
std::map<std::string, User, std::less<>> UsersOf(const Json& unit) {
  std::map<std::string, User, std::less<>> users;
  const Json* list = AtPath(unit, "includes.users");
  if (list == nullptr || !list->is_array()) return users;
  for (const Json& u : *list) {
    std::string id = MemberText(u, "id");
    if (!id.empty()) users[id] = {MemberText(u, "name"), MemberText(u, "username")};
  }
  return users;
}

/// X's "lang" has pseudo-codes for tweets without language: und, zxx and
/// q-codes (qme media only, qht hashtags only...). Those are not BCP 47.
bool IsRealLanguage(std::string_view lang) {
  if (lang.empty() || lang == "und" || lang == "zxx") return false;
  return !(lang.size() == 3 && lang[0] == 'q');
}

/// "X API error: Not Found Error: Could not find tweet with id: [1]." from
/// an {errors: [...]} unit (the stream writes them on their own lines).
std::string ErrorText(const Json& unit) {
  std::string text;
  const Json* errors = Member(unit, "errors");
  if (errors == nullptr || !errors->is_array()) return text;
  for (const Json& e : *errors) {
    std::string one = MemberText(e, "title");
    std::string detail = MemberText(e, "detail");
    if (detail.empty()) detail = MemberText(e, "message");
    if (!detail.empty()) one += (one.empty() ? "" : ": ") + detail;
    if (!one.empty()) text += (text.empty() ? "" : "; ") + one;
  }
  return text;
}

void ConvertTweet(const Json& tweet, const std::map<std::string, User, std::less<>>& users,
                  const UnitContext& ctx, UnitOutcome& out) {
  if (Unfinished(tweet, ctx)) return;
  uint64_t line = LineOf(tweet, ctx.line);
  if (!tweet.is_object()) {
    out.problems.push_back({line, "a tweet in data[] is not an object", SafeExcerpt(ctx.raw)});
    return;
  }
  std::string id = MemberText(tweet, "id");
  // Tweets over 280 characters carry their full text in note_tweet.
  const Json* text = AtPath(tweet, "note_tweet.text");
  if (text == nullptr || !text->is_string()) text = Member(tweet, "text");
  if (text == nullptr || !text->is_string()) {
    out.problems.push_back({line, "tweet " + id + " has no text", SafeExcerpt(ctx.raw)});
    return;
  }
  Record r = NewPost(ctx.settings, FeedFormat::kTwitter, line);
  SetExternalId(r, FeedFormat::kTwitter, id);
  SetPostText(r, "", text->get_ref<const std::string&>());
  std::string lang = MemberText(tweet, "lang");
  if (IsRealLanguage(lang)) r.language = lang;
  AddAttribute(r, "platform_lang", lang);
  r.time_unix_ms = TimeOf(Member(tweet, "created_at"));
  std::string author = MemberText(tweet, "author_id");
  auto user = users.find(author);
  SetAuthor(r, ctx.settings, author, user == users.end() ? "" : user->second.name,
            user == users.end() || user->second.username.empty() ? "" : "@" + user->second.username);
  if (const Json* refs = Member(tweet, "referenced_tweets"); refs != nullptr && refs->is_array()) {
    for (const Json& ref : *refs) {
      std::string type = MemberText(ref, "type");
      std::string ref_id = MemberText(ref, "id");
      if (type == "replied_to") AddAttribute(r, "parent_id", ref_id);
      if (type == "quoted") AddAttribute(r, "quoted_id", ref_id);
      if (type == "retweeted") AddAttribute(r, "retweet_of", ref_id);
    }
  }
  AddAttribute(r, "thread_id", MemberText(tweet, "conversation_id"));
  if (!ctx.settings.drop_pii) AddAttribute(r, "in_reply_to_user", MemberText(tweet, "in_reply_to_user_id"));
  if (const Json* metrics = Member(tweet, "public_metrics"); metrics != nullptr && metrics->is_object()) {
    for (const auto& [key, value] : metrics->items()) {
      if (!IsLineKey(key)) AddAttribute(r, key, ScalarText(&value));
    }
  }
  out.posts.push_back(std::move(r));
}

}  // namespace

void ConvertTwitter(const Json& unit, const UnitContext& ctx, UnitOutcome& out) {
  if (!unit.is_object()) {
    out.problems.push_back({ctx.line, "expected a JSON object (an X API v2 page or stream line)",
                            SafeExcerpt(ctx.raw)});
    return;
  }
  const Json* data = Member(unit, "data");
  if (data == nullptr || data->is_null()) {
    std::string errors = ErrorText(unit);
    out.problems.push_back({ctx.line,
                            errors.empty() ? "no \"data\" member: not an X API v2 tweet page or stream line"
                                           : "X API error: " + errors,
                            SafeExcerpt(ctx.raw)});
    return;
  }
  auto users = UsersOf(unit);
  if (data->is_object()) {
    ConvertTweet(*data, users, ctx, out);
  } else if (data->is_array()) {
    for (const Json& tweet : *data) ConvertTweet(tweet, users, ctx, out);
  } else {
    out.problems.push_back({ctx.line, "\"data\" is neither a tweet nor a list of tweets", SafeExcerpt(ctx.raw)});
  }
}

}  // namespace cxmap::social
