// SPDX-License-Identifier: Apache-2.0
// Format names and SniffFeed: which platform wrote this file?
#include "feed_format.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string>

#include "text_decode.h"

namespace cxmap::social {
namespace {

constexpr std::array<std::pair<FeedFormat, std::string_view>, 6> kNames = {{
    {FeedFormat::kTwitter, "twitter"},
    {FeedFormat::kFacebook, "facebook"},
    {FeedFormat::kGooglePlay, "google_play"},
    {FeedFormat::kAppStore, "app_store"},
    {FeedFormat::kReddit, "reddit"},
    {FeedFormat::kJsonl, "jsonl"},
}};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// True when `"key"` appears in `text` as an object key (followed by
/// optional blanks and a colon). A head cut mid-document is fine.
bool HasKey(std::string_view text, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (size_t at = text.find(quoted); at != std::string_view::npos;
       at = text.find(quoted, at + 1)) {
    size_t i = at + quoted.size();
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i < text.size() && text[i] == ':') return true;
  }
  return false;
}

/// True when `"key"` is followed by `: "value"`.
bool HasKeyValue(std::string_view text, std::string_view key, std::string_view value) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (size_t at = text.find(quoted); at != std::string_view::npos;
       at = text.find(quoted, at + 1)) {
    size_t i = at + quoted.size();
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (text.substr(i, value.size() + 2) == "\"" + std::string(value) + "\"") return true;
  }
  return false;
}

/// How many of `keys` occur as keys in `text`, and which (for the reason).
int CountKeys(std::string_view text, std::initializer_list<std::string_view> keys,
              std::string* found) {
  int n = 0;
  for (std::string_view k : keys) {
    if (!HasKey(text, k)) continue;
    ++n;
    *found += (found->empty() ? "" : ", ") + std::string(k);
  }
  return n;
}

SniffResult SniffJson(std::string_view text) {
  std::string layout = FirstLineIsCompleteJson(text) ? "JSON Lines" : "JSON document";
  std::string keys;
  if (HasKeyValue(text, "type", "customerReviews") || HasKey(text, "im:rating")) {
    CountKeys(text, {"customerReviews", "im:rating", "reviewerNickname", "territory", "feed"}, &keys);
    if (keys.empty()) keys = "type customerReviews";
    return {0.97, "app_store", layout + " with App Store review keys (" + keys + ")"};
  }
  if (HasKeyValue(text, "kind", "Listing") || HasKeyValue(text, "kind", "t1") ||
      CountKeys(text, {"subreddit", "created_utc", "link_id"}, &keys) >= 2) {
    keys.clear();
    CountKeys(text, {"kind", "subreddit", "created_utc", "link_id", "parent_id", "body"}, &keys);
    return {0.96, "reddit", layout + " with Reddit keys (" + keys + ")"};
  }
  keys.clear();
  int tw = CountKeys(text, {"author_id", "conversation_id", "edit_history_tweet_ids",
                            "referenced_tweets", "public_metrics", "__twarc"},
                     &keys);
  if (tw >= 1 && HasKey(text, "text") && (HasKey(text, "data") || HasKey(text, "includes"))) {
    return {0.97, "twitter", layout + " with X API v2 keys (data, text, " + keys + ")"};
  }
  keys.clear();
  if (HasKey(text, "created_time") &&
      CountKeys(text, {"message", "from", "paging", "parent", "permalink_url"}, &keys) >= 1) {
    return {0.96, "facebook", layout + " with Facebook Graph keys (created_time, " + keys + ")"};
  }
  if (HasKey(text, "errors") && HasKey(text, "title") && HasKey(text, "detail")) {
    return {0.6, "twitter", layout + " holding only API error objects (errors, title, detail)"};
  }
  // Other JSON (a call transcript, a config) is claimed only weakly, so
  // any source that knows it wins; with a "text" member the default
  // mapping can at least read it.
  if (HasKey(text, "text")) {
    return {layout == "JSON Lines" ? 0.5 : 0.3, "jsonl",
            layout + " without a known platform's keys, with \"text\": read through the `fields` mapping"};
  }
  return {0.05, "jsonl",
          layout + " without a known platform's keys or a \"text\" member (set format=jsonl and fields)"};
}

}  // namespace

std::string_view FormatName(FeedFormat format) {
  for (const auto& [f, name] : kNames) {
    if (f == format) return name;
  }
  return "jsonl";
}

std::optional<FeedFormat> ParseFormat(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

Channel FormatChannel(FeedFormat format) {
  return format == FeedFormat::kGooglePlay || format == FeedFormat::kAppStore ? Channel::kReview
                                                                              : Channel::kSocial;
}

std::string_view FormatUnit(FeedFormat format) {
  return FormatChannel(format) == Channel::kReview ? "reviews" : "posts";
}

bool FirstLineIsCompleteJson(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (true) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (!blank) return nlohmann::json::accept(line);
    if (end == std::string_view::npos) return false;
    text.remove_prefix(end + 1);
  }
}

SniffResult SniffFeed(std::string_view /*path*/, std::string_view head) {
  if (head.empty()) return {0, "", "empty input"};
  DecodedText decoded = DecodeExport(head.substr(0, size_t{64} << 10), false);
  std::string_view text = decoded.utf8;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {0, "", "only blank space"};
  text.remove_prefix(first);
  std::string_view header = text.substr(0, text.find('\n'));
  if (header.substr(0, 12) == "Package Name" && header.find("Star Rating") != std::string_view::npos) {
    return {0.99, "google_play",
            "Play Console review CSV header (Package Name ... Star Rating), " + decoded.reason};
  }
  if (text.front() != '{' && text.front() != '[') return {0, "", "neither JSON nor a Play Console CSV"};
  if (decoded.encoding != "UTF-8") return {0, "", "JSON must be UTF-8, this is " + decoded.encoding};
  return SniffJson(text);
}

}  // namespace cxmap::social
