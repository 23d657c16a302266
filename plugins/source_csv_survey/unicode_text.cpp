// SPDX-License-Identifier: Apache-2.0
#include "unicode_text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "encoding.h"
#include "icu_status.h"

namespace cxmap::csv {
namespace {

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// Replaces each ill-formed sequence by U+FFFD (via ICU's lenient UTF-8
/// decoding, which does exactly that).
std::string RepairUtf8(std::string_view in) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(in.data(), static_cast<int32_t>(in.size())))
      .toUTF8String(out);
  return out;
}

}  // namespace

std::string_view TrimAscii(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

Status CleanText(std::string_view in, std::string* out) {
  if (IsAscii(in)) {  // the common case for ids, numbers, English text
    out->assign(in);
    return Status::Ok();
  }
  std::string repaired;
  if (!IsValidUtf8(in, false)) {
    repaired = RepairUtf8(in);
    in = repaired;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  CXMAP_RETURN_IF_ERROR(FromIcu(err, "loading NFC data"));
  icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  if (nfc->isNormalizedUTF8(piece, err) && U_SUCCESS(err)) {
    out->assign(in);
    return Status::Ok();
  }
  err = U_ZERO_ERROR;
  out->clear();
  icu::StringByteSink<std::string> sink(out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, err);
  return FromIcu(err, "NFC normalization");
}

std::string FoldCase(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = n;
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string FoldHeader(std::string_view header) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(header.data(), static_cast<int32_t>(header.size())));
  s.toLower();
  if (U_SUCCESS(err)) s = nfd->normalize(s, err);
  icu::UnicodeString folded;
  bool pending_space = false;
  for (int32_t i = 0; i < s.length(); ++i) {
    char16_t c = s.charAt(i);
    if (c >= 0x0300 && c <= 0x036F) continue;  // Latin combining marks only; Thai keeps its own
    if (c == 0x0111) c = u'd';                   // đ has no decomposition
    bool separator = c == 0x00A0 || c == 0x3000 ||
                     (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')));
    if (separator) {
      pending_space = folded.length() > 0;
      continue;
    }
    if (pending_space) folded.append(u' ');
    pending_space = false;
    folded.append(c);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

}  // namespace cxmap::csv
