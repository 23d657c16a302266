// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/record_convert.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/plugin_host/abi_sizes.h"
#include "cxmap/strings.h"

namespace cxmap::core {

namespace {

Status Score(const cxmap_record& in, uint32_t bit, double value, double lo, double hi,
             const char* name, std::optional<double>* out) {
  if (!(in.score_mask & bit)) return Status::Ok();
  if (!std::isfinite(value) || value < lo || value > hi) {
    return Status::InvalidArgument(fmt::format("{} {} is outside {}..{}", name, value, lo, hi));
  }
  *out = value;
  return Status::Ok();
}

Status Text(cxmap_str s, const char* what, std::string* out) {
  std::string_view v = FromC(s);
  if (!IsValidUtf8(v)) return Status::InvalidArgument(fmt::format("{} is not valid UTF-8", what));
  out->assign(v);
  return Status::Ok();
}

// The answer sizes as ABI 1.3 defined them: the smallest a plugin may hand.
constexpr size_t kAnswerSizeV1_3 = offsetof(cxmap_answer, scale_max) + sizeof(double);
// More closed answers than any survey has on one response: a corrupt count.
constexpr size_t kMaxAnswers = 100000;

Status CopyAnswer(const cxmap_answer& given, Answer* out) {
  cxmap_answer in;
  if (!WidenAbiStruct(given, kAnswerSizeV1_3, &in)) {
    return Status::InvalidArgument("answer struct smaller than ABI 1.3 defines");
  }
  CXMAP_RETURN_IF_ERROR(Text(in.question, "answer question", &out->question));
  if (out->question.empty()) return Status::InvalidArgument("an answer without a question id");
  CXMAP_RETURN_IF_ERROR(Text(in.question_text, "answer question text", &out->question_text));
  CXMAP_RETURN_IF_ERROR(Text(in.value, "answer value", &out->value));
  if (in.kind < CXMAP_ANSWER_CHOICE || in.kind > CXMAP_ANSWER_DATE) {
    return Status::InvalidArgument(
        fmt::format("answer to {}: unknown kind code {}", out->question, in.kind));
  }
  out->kind = static_cast<AnswerKind>(in.kind);
  out->number.reset();
  out->scale.reset();
  if (in.flags & CXMAP_ANSWER_HAS_NUMBER) {
    if (!std::isfinite(in.number)) {
      return Status::InvalidArgument(fmt::format("answer to {}: number is not finite", out->question));
    }
    out->number = in.number;
  }
  if (in.flags & CXMAP_ANSWER_HAS_SCALE) {
    if (!std::isfinite(in.scale_min) || !std::isfinite(in.scale_max) || in.scale_min >= in.scale_max) {
      return Status::InvalidArgument(fmt::format("answer to {}: scale {}..{} is not a range",
                                                 out->question, in.scale_min, in.scale_max));
    }
    out->scale = std::make_pair(in.scale_min, in.scale_max);
  }
  return Status::Ok();
}

// Text is normalised to NFC once, here, for every source: a plugin that
// looks for "hàng" must find it whether the export wrote it composed or
// decomposed (macOS and some Thai keyboards write NFD). The quick check
// makes the common case (already NFC) a scan without copying.
Status ToNfc(std::string* text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return Status::Internal("ICU NFC normaliser unavailable");
  bool ascii = std::all_of(text->begin(), text->end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) return Status::Ok();
  // Checked on the UTF-8 bytes: no UTF-16 copy for the common, NFC case.
  if (nfc->isNormalizedUTF8(*text, err) || U_FAILURE(err)) return Status::Ok();
  err = U_ZERO_ERROR;
  icu::UnicodeString normal = nfc->normalize(icu::UnicodeString::fromUTF8(*text), err);
  if (U_FAILURE(err)) return Status::Ok();  // keep the text as it came
  text->clear();
  normal.toUTF8String(*text);
  return Status::Ok();
}

}  // namespace

Status CopyRecordFromPlugin(const cxmap_record& given, Record* out) {
  cxmap_record in;
  if (!WidenAbiStruct(given, kRecordSizeV1_0, &in)) {
    return Status::InvalidArgument("record struct smaller than ABI 1.0 defines");
  }
  CXMAP_RETURN_IF_ERROR(Text(in.text, "text", &out->text));
  CXMAP_RETURN_IF_ERROR(Text(in.external_id, "external id", &out->external_id));
  CXMAP_RETURN_IF_ERROR(Text(in.sub_channel, "sub-channel", &out->sub_channel));
  CXMAP_RETURN_IF_ERROR(Text(in.language, "language", &out->language));
  CXMAP_RETURN_IF_ERROR(Text(in.respondent, "respondent", &out->respondent));
  CXMAP_RETURN_IF_ERROR(Text(in.segment, "segment", &out->segment));
  CXMAP_RETURN_IF_ERROR(Text(in.file, "file name", &out->file));
  if (in.channel < CXMAP_CHANNEL_OTHER || in.channel > CXMAP_CHANNEL_REVIEW) {
    return Status::InvalidArgument(fmt::format("unknown channel code {}", in.channel));
  }
  out->channel = static_cast<Channel>(in.channel);
  CXMAP_RETURN_IF_ERROR(Score(in, CXMAP_SCORE_NPS, in.nps, 0, 10, "NPS", &out->nps));
  CXMAP_RETURN_IF_ERROR(Score(in, CXMAP_SCORE_CSAT, in.csat, 1, 5, "CSAT", &out->csat));
  CXMAP_RETURN_IF_ERROR(Score(in, CXMAP_SCORE_CES, in.ces, 1, 7, "CES", &out->ces));
  CXMAP_RETURN_IF_ERROR(Score(in, CXMAP_SCORE_RATING, in.rating, 1, 5, "rating", &out->rating));
  if (in.score_mask & CXMAP_HAS_TIME) out->time_unix_ms = in.time_unix_ms;
  out->attributes.clear();
  for (size_t i = 0; i < in.attribute_count; ++i) {
    std::string k, v;
    CXMAP_RETURN_IF_ERROR(Text(in.attributes[i].key, "attribute name", &k));
    CXMAP_RETURN_IF_ERROR(Text(in.attributes[i].value, "attribute value", &v));
    out->attributes.emplace_back(std::move(k), std::move(v));
  }
  out->line = in.line;
  out->record_number = in.record_number;
  CXMAP_RETURN_IF_ERROR(ToNfc(&out->text));
  // ABI 1.3: zeroed by WidenAbiStruct for older sources (own response,
  // customer voice, no answers).
  CXMAP_RETURN_IF_ERROR(Text(in.response_id, "response id", &out->response_id));
  if (in.speaker_role < CXMAP_SPEAKER_CUSTOMER || in.speaker_role > CXMAP_SPEAKER_UNKNOWN) {
    return Status::InvalidArgument(fmt::format("unknown speaker role code {}", in.speaker_role));
  }
  out->speaker_role = static_cast<SpeakerRole>(in.speaker_role);
  if (given.struct_size < offsetof(cxmap_record, speaker_role) + sizeof(int32_t)) {
    // A 1.0-1.2 source that marked speakers the old way, in attributes.
    for (const auto& [k, v] : out->attributes) {
      if (k != "speaker_role") continue;
      if (auto role = ParseSpeakerRole(v); role && *role != SpeakerRole::kCustomer) out->speaker_role = *role;
    }
  }
  out->answers.clear();
  if (in.answer_count == 0) return Status::Ok();
  if (in.answers == nullptr) return Status::InvalidArgument("answer_count without answers");
  if (in.answer_count > kMaxAnswers) {
    return Status::InvalidArgument(
        fmt::format("{} answers on one record (at most {})", in.answer_count, kMaxAnswers));
  }
  // Step by the plugin's own struct size, so an array built by a later
  // minor version (a longer cxmap_answer) is read correctly here.
  const size_t stride = in.answers[0].struct_size;
  if (stride < kAnswerSizeV1_3) return Status::InvalidArgument("answer struct smaller than ABI 1.3 defines");
  out->answers.resize(in.answer_count);
  const auto* base = reinterpret_cast<const unsigned char*>(in.answers);
  for (size_t i = 0; i < in.answer_count; ++i) {
    const auto* a = reinterpret_cast<const cxmap_answer*>(base + i * stride);
    CXMAP_RETURN_IF_ERROR(CopyAnswer(*a, &out->answers[i]));
  }
  return Status::Ok();
}

Inspection SafeInspection(Inspection in) {
  // Bounds as the terminal and JSON show them: a format or role is a word,
  // a column name a header cell, a question or detail a sentence or two.
  in.format = SafeExcerpt(in.format, 64);
  in.encoding = SafeExcerpt(in.encoding, 64);
  in.delimiter = SafeExcerpt(in.delimiter, 16);
  in.unit = in.unit.empty() ? "responses" : SafeExcerpt(in.unit, 32);
  for (InspectColumn& c : in.columns) {
    c.name = SafeExcerpt(c.name, 1000);
    c.role = SafeExcerpt(c.role, 64);
    c.question = SafeExcerpt(c.question, 2000);
  }
  for (auto& [k, v] : in.details) {
    k = SafeExcerpt(k, 200);
    v = SafeExcerpt(v, 2000);
  }
  return in;
}

Status CheckPieces(const std::string& plugin, const std::string& path,
                   const std::vector<Piece>& pieces, uint32_t parts) {
  std::error_code ec;
  const uint64_t file_size = std::filesystem::file_size(path, ec);
  uint64_t total = 0;
  for (const Piece& p : pieces) {
    if (ec || p.bytes > file_size - total) {
      return Status::Internal(fmt::format("{}: split() gave pieces of more bytes than {} holds",
                                          plugin, path));
    }
    total += p.bytes;
    const bool printable = std::all_of(p.token.begin(), p.token.end(),
                                       [](char c) { return c >= 0x20 && c < 0x7f; });
    if (p.token.empty() || p.token.size() > CXMAP_PIECE_TOKEN_CAPACITY || !printable) {
      return Status::Internal(fmt::format(
          "{}: split() gave a piece token that is empty, longer than {} bytes or not printable "
          "ASCII",
          plugin, CXMAP_PIECE_TOKEN_CAPACITY));
    }
  }
  if (pieces.size() > parts) {
    return Status::Internal(fmt::format("{}: split() gave {} pieces where at most {} were asked for",
                                        plugin, pieces.size(), parts));
  }
  return Status::Ok();
}

}  // namespace cxmap::core
