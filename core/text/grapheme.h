// SPDX-License-Identifier: Apache-2.0
// Cutting text for display by what a reader counts as characters: ICU's
// extended grapheme clusters, so that a Thai vowel or tone mark, a
// Vietnamese letter written with combining marks or an emoji sequence is
// never split from its base, and a cut never falls inside a UTF-8 sequence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cxmap::core {

/// At most `max_graphemes` whole grapheme clusters from the start of
/// `text` (valid UTF-8 expected; ill-formed input is cut at a code-point
/// boundary). `*cut` (optional) says whether anything was left out.
std::string GraphemePrefix(std::string_view text, size_t max_graphemes, bool* cut = nullptr);

}  // namespace cxmap::core
