// SPDX-License-Identifier: Apache-2.0
#include "core/ml/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>

namespace cxmap::core::ml {
namespace {

// One word iterator per thread: iterating is not thread-safe, and creating
// an iterator per text is several times slower than reusing it.
icu::BreakIterator* ThreadWordIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) bi.reset();
    return bi;
  }();
  return it.get();
}

bool NeedsSegmenting(const icu::UnicodeString& s, int32_t begin, int32_t end) {
  for (int32_t i = begin; i < end;) {
    UChar32 c = s.char32At(i);
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_THAI || script == USCRIPT_HAN) return true;
    i += U16_LENGTH(c);
  }
  return false;
}

void AppendToken(const icu::UnicodeString& token, std::string& out) {
  if (token.isEmpty() || token.startsWith(icu::UnicodeString(u"__label__"))) return;
  if (!out.empty()) out.push_back(' ');
  token.toUTF8String(out);
}

// Splits s[begin, end) at ICU word boundaries, dropping whitespace pieces.
void AppendSegmented(const icu::UnicodeString& s, int32_t begin, int32_t end,
                     std::string& out) {
  icu::BreakIterator* bi = ThreadWordIterator();
  icu::UnicodeString chunk(s, begin, end - begin);
  if (bi == nullptr) {
    AppendToken(chunk, out);
    return;
  }
  bi->setText(chunk);
  int32_t start = bi->first();
  for (int32_t stop = bi->next(); stop != icu::BreakIterator::DONE; stop = bi->next()) {
    AppendToken(icu::UnicodeString(chunk, start, stop - start), out);
    start = stop;
  }
}

}  // namespace

std::string DefaultTokenize(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  s.toLower(icu::Locale::getRoot());
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  const int32_t n = s.length();
  int32_t i = 0;
  while (i < n) {
    while (i < n && u_isUWhiteSpace(s.char32At(i))) i += U16_LENGTH(s.char32At(i));
    int32_t begin = i;
    while (i < n && !u_isUWhiteSpace(s.char32At(i))) i += U16_LENGTH(s.char32At(i));
    if (begin == i) continue;
    if (NeedsSegmenting(s, begin, i)) {
      AppendSegmented(s, begin, i, out);
    } else {
      AppendToken(icu::UnicodeString(s, begin, i - begin), out);
    }
  }
  return out;
}

Tokenizer DefaultTokenizer() { return [](std::string_view t) { return DefaultTokenize(t); }; }

}  // namespace cxmap::core::ml
