// SPDX-License-Identifier: Apache-2.0
#include "core/text/grapheme.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

// A character break iterator per thread: creating one costs far more than
// iterating a quote with it.
icu::BreakIterator* Characters() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    return U_FAILURE(status) ? nullptr : std::move(b);
  }();
  return it.get();
}

// Byte offset after `max` clusters (text.size() when there are fewer), or
// npos when ICU is unavailable.
size_t EndOfClusters(std::string_view text, size_t max) {
  icu::BreakIterator* it = Characters();
  if (it == nullptr) return std::string_view::npos;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::string_view::npos;
  it->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    return std::string_view::npos;
  }
  size_t end = 0, counted = 0;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE && counted < max;
       b = it->next(), ++counted) {
    end = static_cast<size_t>(b);  // UTF-8 UText: native indexes are byte offsets
  }
  utext_close(ut);
  return end;
}

}  // namespace

std::string GraphemePrefix(std::string_view text, size_t max_graphemes, bool* cut) {
  // No more bytes than clusters asked for: it all fits, no need to look.
  size_t end = text.size() <= max_graphemes ? text.size() : EndOfClusters(text, max_graphemes);
  if (end == std::string_view::npos) {  // no ICU: whole code points
    end = 0;
    for (size_t n = 0; end < text.size() && n < max_graphemes; ++n) utf8::Next(text, &end);
  }
  if (cut != nullptr) *cut = end < text.size();
  return std::string(text.substr(0, end));
}

}  // namespace cxmap::core
