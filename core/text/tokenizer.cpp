// SPDX-License-Identifier: Apache-2.0
#include "core/text/tokenizer.h"

#include <unicode/uchar.h>

#include "core/text/chinese_segmenter.h"
#include "core/text/emoji.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

// ASCII White_Space is U+0009..000D and U+0020, and Thai and Han code
// points are never White_Space (tokenizer_test.cpp checks ICU's data): they
// skip the property lookup.
bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  if (utf8::IsThai(c) || utf8::IsHan(c)) return false;
  return c == 0xA0 || u_isUWhiteSpace(static_cast<UChar32>(c));
}
bool IsEmoticonStart(char c) {
  return c == ':' || c == ';' || c == '=' || c == '^' || c == 't' || c == '-' || c == '<' ||
         c == '>' || c == '@';
}
// Format characters (ZWJ outside emoji, ZWSP) glue nothing: drop them.
bool IsIgnorable(char32_t c) { return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFE0F || c == 0xFEFF; }

}  // namespace

void Tokenizer::Tokenize(std::string_view m, bool thai_laughter, std::vector<RawToken>* out) {
  bool at_token_start = true;  // previous code point was not a letter/digit
  for (size_t i = 0; i < m.size();) {
    size_t n = EmojiScanner::EmojiAt(m, i);
    if (n > 0) {
      out->push_back({uint32_t(i), uint32_t(i + n), TokenKind::kEmoji});
      i += n, at_token_start = true;
      continue;
    }
    if (at_token_start && IsEmoticonStart(m[i]) && (n = EmojiScanner::EmoticonAt(m, i)) > 0) {
      out->push_back({uint32_t(i), uint32_t(i + n), TokenKind::kEmoticon});
      i += n;
      continue;
    }
    size_t j = i;
    char32_t c = utf8::Next(m, &j);
    if (IsSpace(c) || IsIgnorable(c)) {
      i = j, at_token_start = true;
    } else if (utf8::IsThai(c) && c != 0x0E3F && !(c >= 0x0E50 && c <= 0x0E59)) {
      i = ScanThai(m, i, out), at_token_start = false;
    } else if (utf8::IsHan(c)) {
      i = ScanHan(m, i, out), at_token_start = true;
    } else if (utf8::IsLatin(c) || utf8::IsDigit(c) || u_isalnum(static_cast<UChar32>(c))) {
      size_t start = out->size();
      size_t next = ScanLatin(m, i, out);
      at_token_start = false;
      if (next == i || out->size() == start) {
        // A letter or digit ScanLatin does not take (Thai digits ๐-๙, other
        // scripts): one token for the code point, so the scan always moves on.
        out->resize(start);  // ScanLatin may have left an empty token
        out->push_back({uint32_t(i), uint32_t(j), u_isdigit(static_cast<UChar32>(c))
                                                      ? TokenKind::kNumber
                                                      : TokenKind::kWord});
        i = j;
        continue;
      }
      i = next;
      RawToken& t = (*out)[start];
      if (t.kind == TokenKind::kNumber && thai_laughter &&
          EmojiScanner::IsThaiLaughter(m.substr(t.begin, t.end - t.begin))) {
        t.kind = TokenKind::kLaughter;
      }
    } else {
      // Punctuation: a run of the same mark is one token ("!!!", "...").
      while (j < m.size() && m[j] == m[i] && static_cast<unsigned char>(m[i]) < 0x80) ++j;
      out->push_back({uint32_t(i), uint32_t(j), TokenKind::kPunct});
      i = j, at_token_start = true;
    }
  }
}

size_t Tokenizer::ScanThai(std::string_view m, size_t i, std::vector<RawToken>* out) {
  // Thai is E0 B8 80..BF (U+0E00..0E3F) and E0 B9 80..BF (U+0E40..0E7F):
  // read from the bytes. The run stops at ฿ (E0 B8 BF) and Thai digits
  // (E0 B9 90..99), as the main loop does.
  auto byte = [&](size_t k) { return static_cast<unsigned char>(m[k]); };
  size_t end = i;
  while (end + 3 <= m.size() && byte(end) == 0xE0 && (byte(end + 1) | 1) == 0xB9 && (byte(end + 2) & 0xC0) == 0x80) {
    char32_t c = 0x0E00 | (char32_t(byte(end + 1) & 1) << 6) | (byte(end + 2) & 0x3F);
    if (c == 0x0E3F || (c >= 0x0E50 && c <= 0x0E59)) break;
    end += 3;
  }
  breaks_.clear();
  thai_.Segment(m.substr(i, end - i), &breaks_);
  size_t begin = i;
  for (size_t b : breaks_) {
    out->push_back({uint32_t(begin), uint32_t(i + b), TokenKind::kWord});
    begin = i + b;
  }
  return end;
}

size_t Tokenizer::ScanHan(std::string_view m, size_t i, std::vector<RawToken>* out) {
  // Fold to Simplified (1:1 per character) so Traditional text uses the same
  // dictionary; remember where each character came from.
  const Folder& folder = Folder::Get();
  simplified_.clear();
  han_offsets_.clear();
  size_t end = i;
  std::vector<uint32_t>& simplified_starts = simplified_starts_;
  simplified_starts.clear();
  while (end < m.size()) {
    size_t k = end;
    char32_t c = utf8::Next(m, &k);
    if (!utf8::IsHan(c)) break;
    han_offsets_.push_back(uint32_t(end));
    simplified_starts.push_back(uint32_t(simplified_.size()));
    utf8::Append(folder.FoldChar(c), &simplified_);
    end = k;
  }
  han_offsets_.push_back(uint32_t(end));
  simplified_starts.push_back(uint32_t(simplified_.size()));
  breaks_.clear();
  ChineseSegmenter::Get().Segment(simplified_, &breaks_, &scratch_, domain_words_);
  size_t char_index = 0, begin_char = 0;
  for (size_t b : breaks_) {
    while (simplified_starts[char_index] < b) ++char_index;
    RawToken t{han_offsets_[begin_char], han_offsets_[char_index], TokenKind::kWord};
    std::string_view word(simplified_.data() + simplified_starts[begin_char], b - simplified_starts[begin_char]);
    if (word.size() >= 6 && (word.find_first_not_of("\xE5\x93\x88") == std::string_view::npos ||
                             word == "\xE5\x91\xB5\xE5\x91\xB5")) {  // 哈哈…, 呵呵
      t.kind = TokenKind::kLaughter;
    }
    out->push_back(t);
    begin_char = char_index;
  }
  return end;
}

size_t Tokenizer::ScanLatin(std::string_view m, size_t i, std::vector<RawToken>* out) {
  bool digits_only = true;
  size_t end = i;
  while (end < m.size()) {
    size_t k = end;
    char32_t c = utf8::Next(m, &k);
    bool inner = (c == '\'' || c == '.' || c == ',') && k < m.size() &&
                 (digits_only ? utf8::IsDigit(static_cast<unsigned char>(m[k])) : c == '\'' && utf8::IsAsciiAlpha(static_cast<unsigned char>(m[k])));
    if (!(utf8::IsLatin(c) || utf8::IsDigit(c) || inner ||
          (c >= 0x80 && !utf8::IsThai(c) && !utf8::IsHan(c) && u_isalnum(static_cast<UChar32>(c))))) {
      break;
    }
    if (!utf8::IsDigit(c) && !inner) digits_only = false;
    end = k;
  }
  TokenKind kind = digits_only ? TokenKind::kNumber : TokenKind::kWord;
  // Laughter words start with l, k or h ("lol", "kkk", "haha"): skip the
  // fold for any word whose first byte is another ASCII letter.
  unsigned char first = static_cast<unsigned char>(m[i]) | 0x20;
  bool may_laugh = m[i] & 0x80 || first == 'l' || first == 'k' || first == 'h';
  if (kind == TokenKind::kWord && may_laugh) {
    folded_.clear();
    Folder::Get().FoldAppend(m.substr(i, end - i), &folded_);
    if (EmojiScanner::IsLaughterWord(folded_)) kind = TokenKind::kLaughter;
  }
  out->push_back({uint32_t(i), uint32_t(end), kind});
  return end;
}

}  // namespace cxmap::core
