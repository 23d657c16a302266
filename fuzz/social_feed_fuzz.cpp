// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for source_social_feed's readers. The first byte picks
// the reader (format), the rest is the input: SniffFeed on the bytes, then
// the format's path over them as a JSON Lines line, a whole JSON document
// (with line tags and recovery after a cut) or a Play Console CSV.
// Besides crashes, ASan and UBSan it checks what the host would refuse:
// every emitted text, id and attribute is valid UTF-8, ratings are whole
// stars in 1..5, and every line number lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "feed_converters.h"
#include "feed_format.h"
#include "google_play_csv.h"
#include "json_util.h"
#include "text_decode.h"
#include "text_entities.h"
#include "time_parse.h"

namespace {

using cxmap::Record;
using namespace cxmap::social;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckOutcome(const UnitOutcome& out, uint64_t lines) {
  for (const Record& r : out.posts) {
    Check(IsValidUtf8(r.text) && IsValidUtf8(r.external_id) && IsValidUtf8(r.respondent) &&
          IsValidUtf8(r.language));
    for (const auto& [k, v] : r.attributes) Check(IsValidUtf8(k) && IsValidUtf8(v) && !v.empty());
    if (r.rating) Check(*r.rating >= 1 && *r.rating <= 5 && *r.rating == static_cast<int>(*r.rating));
    Check(r.line >= 1 && r.line <= lines);
  }
  for (const UnitProblem& p : out.problems) {
    Check(IsValidUtf8(p.excerpt) && IsValidUtf8(p.reason));
    Check(p.line >= 1 && p.line <= lines);
  }
}

void ConvertJson(FeedFormat format, const Json& unit, const UnitContext& ctx, UnitOutcome& out) {
  switch (format) {
    case FeedFormat::kTwitter: return ConvertTwitter(unit, ctx, out);
    case FeedFormat::kFacebook: return ConvertFacebook(unit, ctx, out);
    case FeedFormat::kAppStore: return ConvertAppStore(unit, ctx, out);
    case FeedFormat::kReddit: return ConvertReddit(unit, ctx, out);
    case FeedFormat::kJsonl:
    case FeedFormat::kGooglePlay: return ConvertMapped(unit, ctx, out);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  constexpr FeedFormat kFormats[] = {FeedFormat::kTwitter, FeedFormat::kFacebook, FeedFormat::kGooglePlay,
                                     FeedFormat::kAppStore, FeedFormat::kReddit, FeedFormat::kJsonl};
  FeedFormat format = kFormats[data[0] % 6];
  bool whole_document = (data[0] / 6) % 2 == 1;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  cxmap::SniffResult sniffed = SniffFeed("fuzz.json", input);
  Check(sniffed.confidence >= 0 && sniffed.confidence <= 1);
  Check(sniffed.format.empty() || ParseFormat(sniffed.format).has_value());
  (void)ParseAnyTime(input.substr(0, 64));
  TextEntities entities = ExtractEntities(input);
  for (const auto& tag : entities.hashtags) Check(IsValidUtf8(tag) && tag.size() > 1);

  uint64_t lines = 1;
  for (char c : input) lines += c == '\n' ? 1 : 0;
  FeedSettings settings;
  settings.file = "fuzz";
  settings.mapping.id = "id";
  settings.mapping.rating = "stars";
  settings.mapping.time = "ts";
  UnitOutcome out;
  if (format == FeedFormat::kGooglePlay) {
    DecodedText decoded = DecodeExport(input, true);
    std::vector<cxmap::InspectColumn> columns;
    lines = 1;
    for (char c : decoded.utf8) lines += c == '\n' ? 1 : 0;
    // A lone CR ends a row too; count those as lines for the bound.
    for (char c : decoded.utf8) lines += c == '\r' ? 1 : 0;
    (void)ConvertGooglePlay(decoded.utf8, settings, out, &columns);
    CheckOutcome(out, lines);
    return 0;
  }
  if (!IsValidUtf8(input)) return 0;  // the source rejects such lines before parsing
  ParsedJson tagged = ParseJson(input, 1, whole_document);
  ParsedJson plain = ParseJson(input, 1, false);
  Check(tagged.ok == plain.ok);
  if (!tagged.ok) Check(tagged.error_line >= 1 && tagged.error_line <= lines);
  if (!tagged.ok && !whole_document) return 0;
  UnitContext ctx{settings, 1, input, !tagged.ok};
  ConvertJson(format, tagged.value, ctx, out);
  CheckOutcome(out, lines);
  return 0;
}
