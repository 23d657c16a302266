// SPDX-License-Identifier: Apache-2.0
// Generic JSON Lines through a field mapping -> posts.
#include <array>
#include <string>

#include "feed_converters.h"
#include "text_decode.h"

namespace cxmap::social {
namespace {

void ConvertObject(const Json& obj, const UnitContext& ctx, UnitOutcome& out) {
  const FieldMapping& m = ctx.settings.mapping;
  if (Unfinished(obj, ctx)) return;
  uint64_t line = LineOf(obj, ctx.line);
  if (!obj.is_object()) {
    out.problems.push_back({line, "expected a JSON object", SafeExcerpt(ctx.raw)});
    return;
  }
  const Json* text = AtPath(obj, m.text);
  std::string title = m.title.empty() ? "" : ScalarText(AtPath(obj, m.title));
  if ((text == nullptr || !text->is_string()) && title.empty()) {
    out.problems.push_back({line, "no text at '" + m.text + "' (set the fields option, e.g. fields=text:review.body)",
                            SafeExcerpt(ctx.raw)});
    return;
  }
  Record r = NewPost(ctx.settings, FeedFormat::kJsonl, line);
  if (!m.rating.empty()) {
    const Json* stars = AtPath(obj, m.rating);
    auto value = NumberOf(stars);
    if (stars != nullptr && !stars->is_null() && !(value && SetStarRating(r, *value))) {
      out.problems.push_back({line, "rating '" + ScalarText(stars) + "' at '" + m.rating + "' is not 1-5 stars",
                              SafeExcerpt(ctx.raw)});
      return;
    }
  }
  if (!m.id.empty()) SetExternalId(r, FeedFormat::kJsonl, ScalarText(AtPath(obj, m.id)));
  SetPostText(r, title, ScalarText(text));
  if (!m.time.empty()) r.time_unix_ms = TimeOf(AtPath(obj, m.time));
  if (!m.language.empty()) {
    std::string lang = ScalarText(AtPath(obj, m.language));
    if (!lang.empty()) r.language = lang;
  }
  if (!m.author.empty()) SetAuthor(r, ctx.settings, ScalarText(AtPath(obj, m.author)), "", "");
  if (!m.parent.empty()) AddAttribute(r, "parent_id", ScalarText(AtPath(obj, m.parent)));
  if (!m.thread.empty()) AddAttribute(r, "thread_id", ScalarText(AtPath(obj, m.thread)));
  out.posts.push_back(std::move(r));
}

}  // namespace

void ConvertMapped(const Json& unit, const UnitContext& ctx, UnitOutcome& out) {
  if (unit.is_array()) {
    for (const Json& obj : unit) ConvertObject(obj, ctx, out);
  } else {
    ConvertObject(unit, ctx, out);
  }
}

Result<FieldMapping> ParseFieldMapping(std::string_view spec) {
  FieldMapping m;
  while (!spec.empty()) {
    size_t comma = spec.find(',');
    std::string_view pair = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    if (pair.empty()) continue;
    size_t colon = pair.find(':');
    if (colon == std::string_view::npos || colon + 1 == pair.size()) {
      return Status::InvalidArgument("fields: '" + std::string(pair) + "' is not role:path");
    }
    std::string_view role = pair.substr(0, colon);
    std::string path(pair.substr(colon + 1));
    const std::array<std::pair<std::string_view, std::string*>, 9> roles = {{
        {"text", &m.text}, {"id", &m.id}, {"time", &m.time}, {"rating", &m.rating},
        {"language", &m.language}, {"author", &m.author}, {"parent", &m.parent},
        {"thread", &m.thread}, {"title", &m.title},
    }};
    bool known = false;
    for (const auto& [name, field] : roles) {
      if (name == role) {
        *field = path;
        known = true;
      }
    }
    if (!known) {
      return Status::InvalidArgument("fields: unknown role '" + std::string(role) +
                                     "' (use text, id, time, rating, language, author, parent, thread, title)");
    }
  }
  return m;
}

}  // namespace cxmap::social
