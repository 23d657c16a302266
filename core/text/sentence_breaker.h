// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cxmap::core {

/// Sentence boundaries by the rules of Unicode UAX #29 (SB1–SB11), with
/// the Sentence_Break classes from ICU's own property data: the positions
/// ICU's root sentence BreakIterator returns, without its per-text setup
/// (opening a UText, resetting the break cache), which cost ~12% of
/// analysing a short text. tests/unit/text/sentence_breaker_test.cpp checks
/// it against ICU on real sentences and on random strings over every class.
/// Stateless and thread-safe.
class SentenceBreaker {
 public:
  /// Appends to `ends` the byte offset after each sentence of `text`, the
  /// last one being text.size() (nothing for an empty text). Returns false,
  /// appending nothing, when `text` is not well-formed UTF-8 (where ICU's
  /// replacement of ill-formed bytes decides): use ICU for those.
  static bool Split(std::string_view text, std::vector<uint32_t>* ends);
};

}  // namespace cxmap::core
