// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
#include <vector>

#include "cxmap/text.h"
#include "scorer.h"

namespace cxmap::sentiment {

/// Issue 17, round 2: rules that read what a sentence does rather than
/// which opinion words it holds, so that they carry over to feedback
/// written by others. Pure functions of their inputs; thread-safe.
/// `group` is the text's lexicon group ("vi", "th", "zh", "en").

/// A waited-for duration is a complaint even with no opinion word: a wait
/// verb with a duration ("waited 40 minutes", "đợi 2 tiếng", "รอตั้ง 2
/// ชั่วโมง", "等了两个小时"), or a duration followed by a "so late" marker
/// ("3 ngày mới giao", "两个小时才到", "took 3 weeks"). A duration that is
/// called short ("only 10 minutes", "chỉ 5 phút", "แค่ 10 นาที", "只等了五分钟",
/// "两天内") is praise instead (kQuickPraise), and so is a duration followed
/// by "done" ("5 phút là xong", "两分钟搞定"). Appends at most one cue per
/// sentence, spanning the duration; keeps `cues` sorted by position.
void AppendWaitComplaints(const TextAnalysis& analysis, std::string_view text,
                          std::string_view group, std::vector<Cue>* cues);

/// Issue 17, round 3: a complaint with no opinion word that says something
/// is stuck: "still not" before what should have happened (还没到, 仍未退款,
/// "vẫn chưa nhận được", "van chua giao", "ยังไม่ได้รับ", "still no refund",
/// "yet to"), or a count of attempts above one (交了三遍, 第三次, "gọi 3
/// lần", "lần thứ 3", "โทรไปสามครั้ง", "ครั้งที่ 3", "third time", "5 times";
/// 老是, 反复). Not in a sentence with praise, nor a count in a question.
/// Appends at most one kStuckComplaint cue per sentence, spanning the
/// marker; call after ApplyRules (so no negator of the marker flips it).
void AppendStuckComplaints(const TextAnalysis& analysis, std::string_view text,
                           std::string_view group, std::vector<Cue>* cues);

/// Issue 17, round 3: whether tokens [first_token, first_token + count)
/// only ask: every sentence a question (not "why…"), and no opinion cue
/// left at kAskedOpinion or more after the question rules (a bare negator
/// there is the question's particle: "có … ko", and does not count). Such a
/// text or sentence is neutral whatever the bundled model reads into it
/// ("คอมโบนี้ใช้กับสั่งกลับบ้านได้ไหม", "may lanh nay co kem ong dong ko
/// shop", "退货需要自己付运费吗？") unless its verdict is sure already
/// (|score| >= kAskedSureScore: a rhetorical question). Not English, where a question to a
/// brand is mostly a complaint (airline tweets).
bool AsksOnly(const TextAnalysis& analysis, const std::vector<Cue>& cues, size_t first_token,
              size_t token_count, std::string_view group);

/// Whether `sentence` asks: a "?" or a question form of its language
/// (Vietnamese "có … không", "bao giờ"; Thai ไหม, หรือเปล่า; Chinese 吗, 请问;
/// English "does/is/can …" at the start).
bool SentenceIsQuestion(const TextAnalysis& analysis, uint32_t sentence, std::string_view group);

/// Whether the clause holding `token` asks (the clause and the mark that
/// closes it: in "很好吃?，新鲜好吃" only 很好吃 asks).
bool ClauseIsQuestion(const TextAnalysis& analysis, size_t token, std::string_view group);

/// Positive words in a question or a wish are not praise:
///  - in a clause that asks ("is the battery good?", "pin có bền không?",
///    "อร่อยไหม", "好用吗"), positive lexicon cues weigh kQuestionPraiseScale;
///  - after a wish or a suggestion in vi/th/zh ("mong shop giao nhanh hơn",
///    "อยากให้ส่งเร็วกว่านี้", "希望下次快一点"; English has its own rule),
///    within kWishWindow tokens of its sentence, they weigh kForeignWishScale.
/// Call after ApplyRules.
///  - negative cues in a plain question (not "why…", "tại sao…", "ทำไม…",
///    "为什么…") weigh kQuestionComplaintScale ("does the card have an
///    annual fee?" asks);
///  - a bare negator (rules.h) up to kNegationReach tokens before a negative
///    cue of its clause negates it ("never had a single issue", "ไม่ต้อง
///    เล่าซ้ำ"): kFarNegationScale times its flipped weight;
///  - praise in scare quotes ("fresh" bread, ship "hỏa tốc", 可真"特快"), and
///    any praise in a text that also complains and holds 🙂 or 👏, marks
///    irony: then every positive cue of the text weighs kIronyMarkScale;
///  - laughter (lol, 555, 哈哈) in a text that complains weighs 0, and so
///    does a negative request opener (麻烦…, รบกวน…);
///  - a bare negator that says "no need" (ไม่ต้อง, 不用, "ko phải", "no
///    fuss", "without") is no complaint.
/// `text` is the analysed text. Call after ApplyRules.
void ApplyContextRules(const TextAnalysis& analysis, std::string_view group, std::vector<Cue>* cues,
                       std::string_view text);

inline constexpr double kWaitComplaint = -1.5;
inline constexpr double kStuckComplaint = -1.5;
inline constexpr double kAskedOpinion = 1.0;
/// A text's verdict at least this far from 0 is not made neutral by AsksOnly.
inline constexpr double kAskedSureScore = 0.45;
/// A duration called short or something done within it ("only 5 minutes",
/// "5 phút là xong", "ห้านาทีเสร็จ", "两分钟搞定") is praise.
inline constexpr double kQuickPraise = 2.0;
inline constexpr double kQuestionPraiseScale = 0.0;
inline constexpr double kQuestionComplaintScale = 0.25;
inline constexpr size_t kNegationReach = 4;
inline constexpr double kFarNegationScale = 0.75 * 0.33;
inline constexpr double kIronyMarkScale = -0.5;
inline constexpr double kForeignWishScale = -0.3;
inline constexpr size_t kWishWindow = 6;

}  // namespace cxmap::sentiment
