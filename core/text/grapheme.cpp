// SPDX-License-Identifier: Apache-2.0
#include "core/text/grapheme.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
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

// Columns of the cluster starting at text[begin].
size_t ClusterWidth(std::string_view text, size_t begin, size_t end) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(begin);
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(end), c);
  if (c < 0) return 1;  // ill-formed: one replacement character
  if (u_iscntrl(c)) return 0;
  const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
  if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
  // An emoji variation selector (U+FE0F) in the cluster asks for a picture.
  if (std::string_view(text.data() + begin, end - begin).find("\xEF\xB8\x8F") != std::string_view::npos &&
      u_hasBinaryProperty(c, UCHAR_EMOJI)) {
    return 2;
  }
  return 1;
}

// Calls fn(begin, end) for each cluster; false from fn stops. Whole code
// points when ICU is unavailable.
template <typename Fn>
void ForEachCluster(std::string_view text, Fn&& fn) {
  icu::BreakIterator* it = Characters();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = it == nullptr ? nullptr
                            : utext_openUTF8(nullptr, text.data(),
                                             static_cast<int64_t>(text.size()), &status);
  if (ut != nullptr && U_SUCCESS(status)) it->setText(ut, status);
  if (ut == nullptr || U_FAILURE(status)) {
    if (ut != nullptr) utext_close(ut);
    for (size_t b = 0, e = 0; b < text.size(); b = e) {
      e = b;
      utf8::Next(text, &e);
      if (!fn(b, e)) return;
    }
    return;
  }
  size_t begin = 0;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    const auto end = static_cast<size_t>(b);
    if (!fn(begin, end)) break;
    begin = end;
  }
  utext_close(ut);
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  ForEachCluster(text, [&](size_t b, size_t e) {
    width += ClusterWidth(text, b, e);
    return true;
  });
  return width;
}

std::string FitColumns(std::string_view text, size_t width) {
  const size_t full = DisplayWidth(text);
  std::string out;
  size_t used = 0;
  if (full <= width) {
    out = text;
    used = full;
  } else if (width > 0) {
    // Room for the ellipsis (one column) after whole clusters.
    ForEachCluster(text, [&](size_t b, size_t e) {
      const size_t w = ClusterWidth(text, b, e);
      if (used + w > width - 1) return false;
      out.append(text.substr(b, e - b));
      used += w;
      return true;
    });
    out += "…";
    ++used;
  }
  out.append(width > used ? width - used : 0, ' ');
  return out;
}

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
