// SPDX-License-Identifier: Apache-2.0
// Encoding detection, once per file. ICU's ucsdet cannot tell windows-1258
// or TIS-620/windows-874 at all (it answers ISO-8859-1 and EUC-JP), so the
// legacy candidates are scored here by how plausible their decoded
// characters are for the language each encoding is used for.
#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include <cstdio>
#include <vector>

#include "encoding.h"

namespace cxmap::csv {
namespace {

using Units = std::vector<char16_t>;

/// Decodes `bytes` strictly (stop at the first invalid or unmapped byte);
/// false when the bytes are not valid in `encoding`.
bool DecodeStrict(const char* encoding, std::string_view bytes, Units* out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(encoding, &err);
  if (U_FAILURE(err)) return false;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  out->resize(bytes.size() + 1);
  int32_t n = ucnv_toUChars(cnv, out->data(), static_cast<int32_t>(out->size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &err);
  ucnv_close(cnv);
  if (U_FAILURE(err)) return false;
  out->resize(static_cast<size_t>(n));
  return true;
}

bool IsAsciiLetter(char16_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Typographic punctuation every Windows code page carries: neutral.
bool IsNeutralSymbol(char16_t c) {
  return c == 0x00A0 || c == 0x00B0 || c == 0x00A9 || c == 0x20AC || c == 0x2022 ||
         (c >= 0x2013 && c <= 0x201E) || c == 0x2026;
}

bool IsToneMark(char16_t c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

bool IsVietnameseLetter(char16_t c) {
  static constexpr std::u16string_view kLatin1 = u"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
  if (kLatin1.find(c) != std::u16string_view::npos) return true;
  return c == 0x0102 || c == 0x0103 || c == 0x0110 || c == 0x0111 || c == 0x0128 ||
         c == 0x0129 || c == 0x0168 || c == 0x0169 || c == 0x01A0 || c == 0x01A1 ||
         c == 0x01AF || c == 0x01B0 || (c >= 0x1EA0 && c <= 0x1EF9);
}

/// windows-1258: a word holding non-ASCII letters is Vietnamese-looking when
/// it also has ASCII letters, few non-ASCII ones, and every tone mark
/// follows a letter. Score: share of non-ASCII characters in such words.
double ScoreVietnamese(const Units& u) {
  size_t good = 0, total = 0;
  size_t i = 0;
  while (i < u.size()) {
    char16_t c = u[i];
    bool wordish = IsAsciiLetter(c) || IsVietnameseLetter(c) || IsToneMark(c) || (c >= 0x80 && u_isalpha(c));
    if (!wordish) {
      if (c >= 0x80 && !IsNeutralSymbol(c)) ++total;
      ++i;
      continue;
    }
    size_t ascii = 0, other = 0;
    bool plausible = !IsToneMark(c);
    for (; i < u.size(); ++i) {
      char16_t w = u[i];
      if (IsAsciiLetter(w)) {
        ++ascii;
      } else if (IsVietnameseLetter(w) || IsToneMark(w)) {
        ++other;
      } else if (w >= 0x80 && u_isalpha(w)) {
        ++other;
        plausible = false;
      } else {
        break;
      }
    }
    total += other;
    if (plausible && ascii > 0 && other <= 4) good += other;
  }
  return total == 0 ? 0 : static_cast<double>(good) / total;
}

bool IsThai(char16_t c) { return c >= 0x0E01 && c <= 0x0E5B; }
bool IsThaiMark(char16_t c) {
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

/// windows-874: Thai letters away from ASCII letters, and combining marks
/// that sit on a Thai base.
double ScoreThai(const Units& u) {
  size_t good = 0, total = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    char16_t c = u[i];
    if (c < 0x80 || IsNeutralSymbol(c)) continue;
    ++total;
    if (!IsThai(c)) continue;
    char16_t prev = i > 0 ? u[i - 1] : u' ';
    char16_t next = i + 1 < u.size() ? u[i + 1] : u' ';
    if (IsAsciiLetter(prev) || IsAsciiLetter(next)) continue;
    if (IsThaiMark(c) && !IsThai(prev)) continue;
    ++good;
  }
  return total == 0 ? 0 : static_cast<double>(good) / total;
}

/// GB18030 / Big5, scored on the bytes: characters in the frequent-character
/// block of each standard (GB2312 level 1 rows B0-D7; Big5 level 1
/// A440-C67E) count 1, the rarer level 2 half, punctuation rows nothing,
/// anything else 0 of 1.
double ScoreHan(std::string_view bytes, bool big5) {
  double good = 0;
  size_t total = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    unsigned lead = *p;
    if (lead < 0x80 || p + 1 >= end) {
      ++p;
      continue;
    }
    unsigned trail = p[1];
    if (!big5 && trail >= 0x30 && trail <= 0x39) {  // GB18030 four-byte form: rare in Han text
      ++total;
      p += 4;
      continue;
    }
    p += 2;
    if (big5) {
      if (lead >= 0xA1 && lead <= 0xA3) continue;
      ++total;
      if (lead >= 0xA4 && (lead < 0xC6 || (lead == 0xC6 && trail <= 0x7E))) good += 1;
      else if (lead >= 0xC9 && lead <= 0xF9) good += 0.5;
    } else {
      if (lead >= 0xA1 && lead <= 0xA3 && trail >= 0xA1) continue;
      ++total;
      if (trail < 0xA1) continue;  // GBK extension: rare characters
      if (lead >= 0xB0 && lead <= 0xD7) good += 1;
      else if (lead >= 0xD8 && lead <= 0xF7) good += 0.5;
    }
  }
  return total == 0 ? 0 : good / total;
}

/// UTF-16 without BOM: delimiters and digits are ASCII, so one byte of each
/// such unit is zero, always at the same parity.
EncodingGuess DetectUtf16ByZeros(std::string_view head) {
  size_t zeros[2] = {0, 0};
  size_t n = head.size() & ~size_t{1};
  for (size_t i = 0; i < n; ++i) zeros[i & 1] += head[i] == '\0' ? 1 : 0;
  size_t all = zeros[0] + zeros[1];
  if (n < 4 || all * 20 < n) return {};
  bool le = zeros[1] > zeros[0];
  size_t major = le ? zeros[1] : zeros[0], minor = le ? zeros[0] : zeros[1];
  if (major < minor * 4) return {};
  return {le ? "UTF-16LE" : "UTF-16BE", 0, 0.9,
          std::string(le ? "UTF-16LE" : "UTF-16BE") + " without BOM (zero bytes at " +
              (le ? "odd" : "even") + " offsets)"};
}

struct Candidate {
  const char* name;
  const char* language;
};

std::string Percent(double score) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%.0f%%", score * 100);
  return buf;
}

/// Well-formed multi-byte UTF-8 sequences in `s`, and bytes >= 0x80 that
/// start none (a cut sequence at the very end counts as neither).
void CountUtf8(std::string_view s, size_t* good, size_t* bad) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > s.size()) return;
    if (n > 1 && IsValidUtf8(s.substr(i, n), false)) {
      ++*good;
      i += n;
    } else {
      ++*bad;
      ++i;
    }
  }
}

EncodingGuess ScoreLegacy(std::string_view sample) {
  static constexpr Candidate kCandidates[] = {{"windows-1258", "Vietnamese"},
                                              {"windows-874", "Thai"},
                                              {"GB18030", "Chinese Simplified"},
                                              {"Big5", "Chinese Traditional"}};
  EncodingGuess best{"windows-1252", 0, 0.2,
                     "not UTF-8 and no Vietnamese/Thai/Chinese encoding fits; read as windows-1252"};
  double best_score = 0.5;  // below this no candidate is believable
  Units units;
  for (const Candidate& c : kCandidates) {
    if (!DecodeStrict(c.name, sample, &units)) continue;
    std::string_view name = c.name;
    double score = name == "windows-1258"  ? ScoreVietnamese(units)
                   : name == "windows-874" ? ScoreThai(units)
                                           : ScoreHan(sample, name == "Big5");
    if (score > best_score) {
      best_score = score;
      best = {c.name, 0, score,
              std::string(c.name) + " (" + c.language + " text fits " + Percent(score) +
                  " of non-ASCII characters)"};
    }
  }
  return best;
}

}  // namespace

EncodingGuess DetectEncoding(std::string_view head, bool is_whole_file) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") return {"UTF-8", 3, 1.0, "UTF-8 with BOM"};
  if (head.substr(0, 2) == "\xFF\xFE") return {"UTF-16LE", 2, 1.0, "UTF-16LE with BOM"};
  if (head.substr(0, 2) == "\xFE\xFF") return {"UTF-16BE", 2, 1.0, "UTF-16BE with BOM"};
  EncodingGuess utf16 = DetectUtf16ByZeros(head.substr(0, 4096));
  if (!utf16.name.empty()) return utf16;
  if (IsValidUtf8(head, !is_whole_file)) {
    for (char c : head) {
      if (static_cast<unsigned char>(c) >= 0x80) return {"UTF-8", 0, 1.0, "valid UTF-8"};
    }
    return {"UTF-8", 0, 0.9, "ASCII only (read as UTF-8)"};
  }
  // Legacy code pages: cut the sample at its last line end so no character
  // is split (0x0A is never a trail byte in GBK or Big5).
  std::string_view sample = head;
  if (!is_whole_file) {
    size_t nl = sample.rfind('\n');
    if (nl != std::string_view::npos) sample = sample.substr(0, nl + 1);
  }
  // A UTF-8 export with a few damaged bytes (a bad copy, a cut character)
  // is still UTF-8: the rows holding them are rejected, the rest read
  // right. Legacy code pages give mostly ill-formed sequences.
  size_t good = 0, bad = 0;
  CountUtf8(sample, &good, &bad);
  if (good >= 8 && bad <= 1 + good / 20) {
    return {"UTF-8", 0, 0.8,
            "UTF-8 with " + std::to_string(bad) + " ill-formed byte(s) (rows holding them are rejected)"};
  }
  return ScoreLegacy(sample);
}

}  // namespace cxmap::csv
