// SPDX-License-Identifier: Apache-2.0
#include "review_line.h"

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace cxmap_samples {
namespace {

using nlohmann::json;

// A JSON scalar as text: strings as they are, numbers printed (ids are
// sometimes numbers in exports); anything else is empty.
std::string ScalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return {};
}

const json* Find(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

cxmap::Status ParseRating(const json& v, std::optional<double>& out) {
  double r = 0;
  if (v.is_number()) {
    r = v.get<double>();
  } else if (v.is_string()) {
    // Some scrapers write "4" or "4.0"; anything else is not a rating.
    const std::string s = v.get<std::string>();
    char* end = nullptr;
    r = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) {
      return cxmap::Status::InvalidArgument("rating \"" + s + "\" is not a number");
    }
  } else {
    return cxmap::Status::InvalidArgument("rating is neither a number nor a string");
  }
  if (!(r >= 1 && r <= 5) || std::floor(r) != r) {
    return cxmap::Status::InvalidArgument("rating " + v.dump() + " is not a whole number in 1..5");
  }
  out = r;
  return cxmap::Status::Ok();
}

}  // namespace

cxmap::Status ParseReviewLine(std::string_view line, const ReviewLineOptions& options,
                              cxmap::Record& out) {
  if (!IsValidUtf8(line)) return cxmap::Status::InvalidArgument("line is not valid UTF-8");
  // nlohmann reports where a document is broken only through its exception,
  // so the one try/catch turns it into a Status right here.
  json doc;
  try {
    doc = json::parse(line);
  } catch (const json::parse_error& e) {
    return cxmap::Status::InvalidArgument("not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  if (!doc.is_object()) return cxmap::Status::InvalidArgument("line is JSON but not an object");

  const json* text = Find(doc, options.text_field);
  if (text == nullptr || !text->is_string()) {
    return cxmap::Status::InvalidArgument("no string field \"" + options.text_field + "\"");
  }
  out.text = text->get<std::string>();
  if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return cxmap::Status::InvalidArgument("field \"" + options.text_field + "\" is empty");
  }

  out.rating.reset();
  if (const json* r = Find(doc, "rating")) CXMAP_RETURN_IF_ERROR(ParseRating(*r, out.rating));

  out.time_unix_ms.reset();
  if (const json* d = Find(doc, "date")) {
    std::string date = ScalarText(*d);
    out.time_unix_ms = ParseIsoDate(date);
    if (!out.time_unix_ms) {
      return cxmap::Status::InvalidArgument("date " + d->dump() + " is not ISO 8601");
    }
  }

  out.external_id.clear();
  if (const json* id = Find(doc, "id")) out.external_id = ScalarText(*id);
  out.language.clear();
  if (const json* lang = Find(doc, "lang")) {
    out.language = ScalarText(*lang);
    for (char& c : out.language) c = c == '_' ? '-' : c;  // zh_TW -> zh-TW (BCP 47)
  }
  out.respondent.clear();
  if (const json* author = Find(doc, "author"); author != nullptr && options.keep_author) {
    out.respondent = ScalarText(*author);
  }
  out.attributes.clear();
  if (const json* title = Find(doc, "title"); title != nullptr && title->is_string()) {
    if (!title->get_ref<const std::string&>().empty()) {
      out.attributes.emplace_back("title", title->get<std::string>());
    }
  }
  out.channel = cxmap::Channel::kReview;
  out.sub_channel = options.sub_channel;
  out.segment.clear();
  out.nps.reset();
  out.csat.reset();
  out.ces.reset();
  return cxmap::Status::Ok();
}

}  // namespace cxmap_samples
