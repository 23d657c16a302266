// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
#include <vector>

#include "cxmap/text.h"
#include "scorer.h"

namespace cxmap::sentiment {

/// Rules the plugin applies on top of the host's lexicon matcher, to the
/// cues of one text (sorted by position). Each was kept because it raised
/// pos-vs-neg accuracy on the dev split of every labelled set (README).
///  - Bare negation: a negator that negates no cue ("không nhận được hàng",
///    "没有餐具", "never received") weighs kBareNegation itself: in feedback,
///    saying that something did not happen or is not there is a complaint.
///    Not in a sentence with a question mark, nor, in Vietnamese, when the
///    negator ends its clause ("shop có giao không" asks a question); in
///    Chinese a clause-final 没有 ("一份也没有") is still a complaint.
///  - Negated negative cues ("không tệ", "not bad", "no cancelled flight")
///    keep a third of the matcher's flipped weight: faint praise at most,
///    and often part of a complaint ("no delay this time… but").
///  - English wishes ("would be perfect", "could be more helpful",
///    "should've told us"): a positive cue within kWishReach tokens after
///    would / could / should / wish, in its sentence and not negated, names
///    what did not happen: it weighs kWishScale times its weight.
///  - English sarcastic thanks ("thanks for losing my luggage", "thx for
///    not responding"): a thanks whose "for" is followed within
///    kThanksReach tokens by a negative cue or a negator weighs
///    kSarcasticThanksScale times its weight.
/// Pure function of its inputs; thread-safe.
/// `group` is the text's lexicon group (LexiconGroup of its language).
void ApplyRules(const TextAnalysis& analysis, std::string_view group, std::vector<Cue>* cues);

/// Emphatic questions ("??", "?!", "？！", "cost $75????") are
/// exasperation in feedback, in every language: on the train splits 171 of
/// 175 polar English rows with "??" are negative, 112 of 118 in waimai, 58
/// of 68 in AIVIVN. Appends one cue of weight kEmphaticQuestion per run of
/// adjacent ?/! marks holding at least one "?" and two marks, with `text`
/// (the analysed text) as its span. Call before ApplyRules; keeps `cues`
/// sorted by position.
void AppendEmphaticQuestions(const TextAnalysis& analysis, std::string_view text,
                             std::vector<Cue>* cues);

inline constexpr double kBareNegation = -0.8;
inline constexpr double kNegatedNegativeScale = 0.33;
inline constexpr double kWishScale = -0.3;
inline constexpr size_t kWishReach = 3;
inline constexpr double kSarcasticThanksScale = -0.5;
inline constexpr size_t kThanksReach = 6;
inline constexpr double kEmphaticQuestion = -1.0;

}  // namespace cxmap::sentiment
