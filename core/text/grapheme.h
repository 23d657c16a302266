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

/// The columns `text` takes on a terminal, by grapheme cluster: 2 when its
/// first code point is East Asian Wide or Fullwidth (Chinese, Japanese,
/// Korean, full-width forms) or an emoji shown as a picture, 0 for a
/// control character, else 1 — so a Thai or Vietnamese letter with its
/// marks counts once. (wcswidth() would need a UTF-8 locale and counts
/// code points, not clusters.)
size_t DisplayWidth(std::string_view text);

/// `text` in exactly `width` columns: cut at a cluster boundary with "…"
/// when it is wider, padded with spaces on the right when narrower. Tables
/// on the terminal line up in every script with it; fmt's padding counts
/// code points.
std::string FitColumns(std::string_view text, size_t width);

}  // namespace cxmap::core
