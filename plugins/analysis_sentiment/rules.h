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
///  - Irony (issue 17): 🙃 or 🙄 anywhere in `text` turns positive lexicon
///    cues around (kIronyScale).
///  - Politeness (issue 17): with a request marker in `text` (please, làm ơn,
///    giúp, 请, 麻烦, รบกวน, ช่วย…) and no other positive cue, a thanks cue
///    weighs kPoliteThanksScale times its weight.
///  - Vietnamese questions may end with particles after the negator ("còn
///    size M ko ạ", "được không vậy shop"): still a question, no bare
///    negation.
/// `group` is the text's lexicon group (LexiconGroup of its language);
/// `text` is the analysed text (empty: the two text-wide rules are off).
void ApplyRules(const TextAnalysis& analysis, std::string_view group, std::vector<Cue>* cues,
                std::string_view text = {});

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
/// Issue 17. An irony emoji (🙃 upside-down face, 🙄 eye roll) in a text
/// turns its positive lexicon cues around: "tuyệt vời, ship 2 tuần mới tới 🙃",
/// "เยี่ยมมากค่ะ ส่งสองอาทิตย์ถึง 🙃", "Oh great, another outage 🙄".
inline constexpr double kIronyScale = -0.5;
/// Issue 17. Thanks that closes a request ("please send the invoice,
/// thanks", "làm ơn gửi hóa đơn giúp mình, cảm ơn", "รบกวนส่ง…ขอบคุณค่ะ",
/// "请…谢谢") is politeness, not praise: it weighs nothing when the text has
/// a request marker and no other positive cue.
inline constexpr double kPoliteThanksScale = 0.0;

}  // namespace cxmap::sentiment
