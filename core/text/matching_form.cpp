// SPDX-License-Identifier: Apache-2.0
#include "core/text/matching_form.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>

#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

bool IsThaiToneMark(char32_t c) { return c >= 0x0E48 && c <= 0x0E4B; }

bool IsAscii(std::string_view s) {
  unsigned char any = 0;
  for (char c : s) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

// Thai and CJK ideographs have no case: u_tolower would return them as is.
bool HasNoCase(char32_t c) { return utf8::IsThai(c) || (c >= 0x3400 && c <= 0x9FFF); }

bool IsThaiConsonant(char32_t c) { return c >= 0x0E01 && c <= 0x0E2E; }

// Typographic apostrophes match as ASCII ', so "won’t" is one token
// ("won't", a negator) and not "won" + "t" (a +2.7 cue).
char32_t FoldApostrophe(char32_t c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC ? char32_t('\'') : c;
}

// Whether `c` after a run of `run` copies of itself is elongation to drop.
// `next` is the character after `c` (0 at the end).
bool IsElongation(char32_t c, char32_t prev, int run, char32_t next) {
  if (utf8::IsDigit(c)) return false;
  if (utf8::IsThai(c)) {
    if (c != prev) return false;
    // A doubled Thai consonant is usually two words or a real spelling
    // (มาก|กว่า, ปากกา, ธรรม): keep exactly two. Three or more is
    // elongation (มากกกก): the whole run collapses to one.
    if (IsThaiConsonant(c)) return run >= 2 || next == c;
    return true;  // a repeated vowel or tone mark is never a spelling
  }
  if (c == prev) return run >= 2 && u_isalpha(static_cast<UChar32>(c));
  // "quáaaa": a plain vowel repeating the accented one before it.
  // Not 'u': "ưu" (cứu, lưu) is a real spelling.
  return c < 0x80 && c != 'u' && utf8::IsAsciiAlpha(c) && prev >= 0x80 &&
         Folder::Get().FoldChar(prev) == c;
}

}  // namespace

void MatchingForm::Build(std::string_view text) {
  source_size_ = static_cast<uint32_t>(text.size());
  UErrorCode status = U_ZERO_ERROR;
  // The NFKC singleton is owned by ICU and safe to share across threads.
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  // ASCII is NFKC already: skip ICU's check for the many all-ASCII texts.
  if (IsAscii(text) || (U_SUCCESS(status) && nfkc->isNormalizedUTF8(piece, status) && U_SUCCESS(status))) {
    FixUp(text, true);  // the common case: no copy, offsets are identities
    return;
  }
  status = U_ZERO_ERROR;
  nfkc_.clear();
  icu::Edits edits;
  icu::StringByteSink<std::string> sink(&nfkc_, static_cast<int32_t>(text.size()));
  if (nfkc != nullptr) nfkc->normalizeUTF8(0, piece, sink, &edits, status);
  if (nfkc == nullptr || U_FAILURE(status)) {
    FixUp(text, true);
    return;
  }
  // Map each NFKC byte to the start of the source span it came from.
  nfkc_src_.assign(nfkc_.size() + 1, source_size_);
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(status)) {
    for (int32_t k = 0; k < it.newLength(); ++k) {
      int32_t src = it.sourceIndex() + (it.hasChange() ? 0 : k);
      nfkc_src_[it.destinationIndex() + k] = static_cast<uint32_t>(src);
    }
  }
  FixUp(nfkc_, false);
}

void MatchingForm::Emit(char32_t cp, uint32_t source) {
  // out_ has room (see FixUp): write the bytes without capacity checks.
  char* p = out_.data() + size_;
  size_t len;
  if (cp < 0x80) {
    p[0] = static_cast<char>(cp), len = 1;
  } else {
    latin_diacritic_ |= (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
                        (cp >= 0x300 && cp <= 0x36F);
    if (cp < 0x800) {
      p[0] = static_cast<char>(0xC0 | (cp >> 6));
      p[1] = static_cast<char>(0x80 | (cp & 0x3F)), len = 2;
    } else if (cp < 0x10000) {
      p[0] = static_cast<char>(0xE0 | (cp >> 12));
      p[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      p[2] = static_cast<char>(0x80 | (cp & 0x3F)), len = 3;
    } else {  // as utf8::Append, also past U+10FFFF
      p[0] = static_cast<char>(0xF0 | (cp >> 18));
      p[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      p[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      p[3] = static_cast<char>(0x80 | (cp & 0x3F)), len = 4;
    }
  }
  if (!same_offsets_) std::fill(src_.begin() + size_, src_.begin() + size_ + len, source);
  size_ += len;
}

void MatchingForm::StopSameOffsets(size_t done) {
  // Until now every output character had its source's bytes and position:
  // each byte maps to the start of its character.
  same_offsets_ = false;
  src_.resize(out_.size() + 1);  // as out_: room for the worst case, trimmed at the end
  for (size_t k = 0; k < done; ++k) {
    src_[k] = k > 0 && (static_cast<unsigned char>(out_[k]) & 0xC0) == 0x80 ? src_[k - 1] : uint32_t(k);
  }
}

void MatchingForm::FixUp(std::string_view in, bool identity) {
  // Worst case: an invalid byte becomes U+FFFD (3 bytes); lower-casing grows
  // a character by at most one byte. Trimmed to size_ at the end.
  out_.resize(3 * in.size());
  size_ = 0;
  latin_diacritic_ = false;
  // Most texts keep every character's length and position (lower-casing
  // ASCII or Vietnamese does): then offsets are the identity and src_ is
  // not written at all.
  same_offsets_ = identity;
  // src_ (when written) is sized like out_ and written by index.
  if (!identity) src_.resize(out_.size() + 1);
  const Folder& folder = Folder::Get();
  char32_t prev = 0;
  int run = 0;
  for (size_t i = 0; i < in.size();) {
    uint32_t source = identity ? static_cast<uint32_t>(i) : nfkc_src_[i];
    size_t before = size_;
    unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {  // ASCII: IsElongation and Emit below, for one byte
      char32_t c = b >= 'A' && b <= 'Z' ? b + 32 : b;
      ++i;
      bool drop = utf8::IsAsciiAlpha(c) &&
                  (c == prev ? run >= 2 : c != 'u' && prev >= 0x80 && folder.FoldChar(prev) == c);
      if (drop) {
        ++run;
      } else {
        run = c == prev ? run + 1 : 1;
        prev = c;
        if (!same_offsets_) src_[size_] = source;
        out_[size_++] = static_cast<char>(c);
      }
      if (same_offsets_ && size_ != i) {  // dropped: map the bytes
        StopSameOffsets(before);
        if (!drop) src_[before] = source;
      }
      continue;
    }
    size_t at = i;
    char32_t c = utf8::Next(in, &i);
    bool emit = true;
    if (c == 0x0E4D) {  // NIKHAHIT: recompose SARA AM, maybe across a tone mark
      size_t j = i;
      char32_t n1 = j < in.size() ? utf8::Next(in, &j) : 0;
      char32_t tone = 0;
      if (IsThaiToneMark(n1) && j < in.size()) tone = n1, n1 = utf8::Next(in, &j);
      if (n1 == 0x0E32) {
        if (same_offsets_) StopSameOffsets(before);
        if (tone != 0) Emit(tone, source);
        Emit(0x0E33, source);
        i = j;
        prev = 0x0E33, run = 1;
        continue;
      }
    }
    // Thai and Han characters come out as they went in: their 3 bytes (the
    // only encoding of a code point past U+07FF) are copied, not re-encoded.
    bool no_case = HasNoCase(c), copy = no_case && i - at == 3;
    if (!no_case) c = FoldApostrophe(folder.LowerChar(c));
    char32_t next = 0;
    if (c == prev && utf8::IsThai(c) && i < in.size()) {
      size_t j = i;
      next = utf8::Next(in, &j);
    }
    if (IsElongation(c, prev, run, next)) {
      ++run;
      emit = false;
    } else {
      run = c == prev ? run + 1 : 1;
      prev = c;
      if (copy) {
        std::memcpy(out_.data() + size_, in.data() + at, 3);
        if (!same_offsets_) std::fill(src_.begin() + size_, src_.begin() + size_ + 3, source);
        size_ += 3;
      } else {
        Emit(c, source);
      }
    }
    if (same_offsets_ && size_ != i) {  // dropped or resized: map the bytes
      StopSameOffsets(before);
      if (emit) std::fill(src_.begin() + before, src_.begin() + size_, source);
    }
  }
  out_.resize(size_);
  if (!same_offsets_) {
    src_[size_] = source_size_;
    src_.resize(size_ + 1);
  }
}

}  // namespace cxmap::core
