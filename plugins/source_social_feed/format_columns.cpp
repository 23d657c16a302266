// SPDX-License-Identifier: Apache-2.0
// JsonFormatColumns: the input fields each JSON format reads, for `cxmap inspect`.
#include <initializer_list>
#include <utility>

#include "feed_converters.h"

namespace cxmap::social {
namespace {

using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

std::vector<InspectColumn> Columns(Fields fields) {
  std::vector<InspectColumn> out;
  for (const auto& [name, role] : fields) {
    out.push_back({static_cast<uint32_t>(out.size()), std::string(name), std::string(role), ""});
  }
  return out;
}

}  // namespace

std::vector<InspectColumn> JsonFormatColumns(FeedFormat format, const FieldMapping& m) {
  switch (format) {
    case FeedFormat::kTwitter:
      return Columns({{"data.id", "id"},
                      {"data.text (note_tweet.text when longer)", "text"},
                      {"data.created_at", "time"},
                      {"data.lang", "language"},
                      {"data.author_id", "respondent"},
                      {"includes.users.name, .username -> author_name, author_handle", "attribute"},
                      {"data.referenced_tweets replied_to -> parent_id", "attribute"},
                      {"data.conversation_id -> thread_id", "attribute"},
                      {"data.public_metrics.*", "attribute"}});
    case FeedFormat::kFacebook:
      return Columns({{"id", "id"},
                      {"message", "text"},
                      {"created_time", "time"},
                      {"from.id", "respondent"},
                      {"from.name -> author_name", "attribute"},
                      {"parent.id, or the enclosing comment -> parent_id", "attribute"},
                      {"top-level comment id -> thread_id", "attribute"}});
    case FeedFormat::kAppStore:
      return Columns({{"data.id | entry.id.label", "id"},
                      {"attributes.rating | entry.im:rating.label", "rating"},
                      {"attributes.title + body | entry.title + content", "text"},
                      {"attributes.createdDate | entry.updated", "time"},
                      {"attributes.reviewerNickname | entry.author.name -> author_name", "attribute"},
                      {"attributes.territory, entry.im:version", "attribute"}});
    case FeedFormat::kReddit:
      return Columns({{"name (t1_/t3_ + id)", "id"},
                      {"body | title + selftext", "text"},
                      {"created_utc", "time"},
                      {"author", "respondent"},
                      {"parent_id", "attribute"},
                      {"link_id -> thread_id", "attribute"},
                      {"subreddit, score, permalink", "attribute"}});
    case FeedFormat::kJsonl: {
      std::vector<InspectColumn> out;
      auto add = [&](const std::string& path, std::string_view role) {
        if (!path.empty()) out.push_back({static_cast<uint32_t>(out.size()), path, std::string(role), ""});
      };
      add(m.text, "text");
      add(m.title, "text");
      add(m.id, "id");
      add(m.time, "time");
      add(m.rating, "rating");
      add(m.language, "language");
      add(m.author, "respondent");
      add(m.parent.empty() ? "" : m.parent + " -> parent_id", "attribute");
      add(m.thread.empty() ? "" : m.thread + " -> thread_id", "attribute");
      return out;
    }
    case FeedFormat::kGooglePlay:
      break;  // from the file's own header (ConvertGooglePlay)
  }
  return {};
}

}  // namespace cxmap::social
