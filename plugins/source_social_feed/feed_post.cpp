// SPDX-License-Identifier: Apache-2.0
#include "feed_post.h"

#include <algorithm>
#include <cctype>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <cmath>

#include "text_decode.h"
#include "text_entities.h"

namespace cxmap::social {
namespace {

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// `in` in NFC (Vietnamese typed with combining tone marks becomes the
/// precomposed form every other record uses). `in` must be valid UTF-8;
/// on an ICU failure the text is kept as it is, which is still valid.
std::string Nfc(std::string_view in) {
  if (IsAscii(in)) return std::string(in);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  if (U_FAILURE(err) || (nfc->isNormalizedUTF8(piece, err) && U_SUCCESS(err))) {
    return std::string(in);
  }
  err = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, err);
  return U_SUCCESS(err) ? out : std::string(in);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string NormalizeAccount(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '@') s.remove_prefix(1);
  if (s.substr(0, 2) == "u/") s.remove_prefix(2);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Record NewPost(const FeedSettings& settings, FeedFormat format, uint64_t line) {
  Record r;
  r.channel = FormatChannel(format);
  r.sub_channel = settings.sub_channel.empty() ? std::string(FormatName(format)) : settings.sub_channel;
  r.language = settings.language;
  r.file = settings.file;
  r.line = line;
  return r;
}

bool SetPostText(Record& r, std::string_view title, std::string_view body) {
  title = Trim(title);
  body = Trim(body);
  if (!IsValidUtf8(title) || !IsValidUtf8(body)) return false;
  std::string text;
  if (!title.empty() && !body.empty()) {
    text = Nfc(std::string(title) + "\n" + std::string(body));
  } else {
    text = Nfc(title.empty() ? body : title);
  }
  if (!title.empty()) AddAttribute(r, "title", Nfc(title));
  TextEntities entities = ExtractEntities(text);
  AddAttribute(r, "hashtags", JoinSpaced(entities.hashtags));
  AddAttribute(r, "mentions", JoinSpaced(entities.mentions));
  AddAttribute(r, "urls", JoinSpaced(entities.urls));
  r.text = std::move(text);
  return true;
}

void AddAttribute(Record& r, std::string_view key, std::string value) {
  if (value.empty()) return;
  r.attributes.emplace_back(std::string(key), std::move(value));
}

std::vector<std::string> ParseBrandAccounts(std::string_view option) {
  std::vector<std::string> out;
  for (size_t pos = 0; pos <= option.size();) {
    size_t end = std::min(option.find(',', pos), option.size());
    std::string one = NormalizeAccount(option.substr(pos, end - pos));
    if (!one.empty()) out.push_back(std::move(one));
    pos = end + 1;
  }
  return out;
}

void SetAuthor(Record& r, const FeedSettings& settings, std::string id, std::string name,
               std::string handle) {
  for (const std::string* who : {&id, &name, &handle}) {
    std::string key = NormalizeAccount(*who);
    if (key.empty()) continue;
    for (const std::string& brand : settings.brand_accounts) {
      if (key == brand) r.speaker_role = SpeakerRole::kBrand;
    }
  }
  if (settings.drop_pii) return;
  r.respondent = std::move(id);
  AddAttribute(r, "author_name", std::move(name));
  AddAttribute(r, "author_handle", std::move(handle));
}

void SetExternalId(Record& r, FeedFormat format, std::string_view id) {
  if (id.empty()) {
    r.external_id.clear();
    return;
  }
  r.external_id = std::string(FormatName(format)) + ":" + std::string(id);
}

bool SetStarRating(Record& r, double stars) {
  if (!std::isfinite(stars) || stars < 1 || stars > 5 || stars != std::floor(stars)) return false;
  r.rating = stars;
  return true;
}

}  // namespace cxmap::social
