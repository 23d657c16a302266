// icu_words: read UTF-8 lines on stdin, write each line's word segments joined by
// U+007C '|' (ICU dictionary word break iterator, Thai locale). Whitespace segments
// are dropped. Used by derive_wisesight.py to count Thai words, so the derived
// entries align with the ICU word breaks the core matcher uses as its baseline.
// Build: g++ -O2 -o icu_words icu_words.cpp $(pkg-config --cflags --libs icu-uc)
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>
#include <iostream>
#include <memory>
#include <string>

int main() {
  std::ios::sync_with_stdio(false);
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createWordInstance(icu::Locale("th"), st));
  if (U_FAILURE(st)) { std::cerr << "ICU: " << u_errorName(st) << "\n"; return 1; }
  std::string line;
  while (std::getline(std::cin, line)) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(line);
    bi->setText(u);
    std::string out;
    int32_t s = bi->first();
    for (int32_t e = bi->next(); e != icu::BreakIterator::DONE; s = e, e = bi->next()) {
      icu::UnicodeString w = u.tempSubStringBetween(s, e);
      bool space = true;
      for (int32_t i = 0; i < w.length(); ++i)
        if (!u_isUWhiteSpace(w.charAt(i))) { space = false; break; }
      if (space) continue;
      if (!out.empty()) out += '|';
      w.toUTF8String(out);
    }
    std::cout << out << '\n';
  }
  return 0;
}
