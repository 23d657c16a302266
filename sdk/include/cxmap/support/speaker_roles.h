// SPDX-License-Identifier: Apache-2.0
// Speaker labels of call-centre and chat transcripts ("Agent:", "Khách
// hàng:", "ลูกค้า:", "客服小王:") and the split of a text into speaker turns:
// shared by every source that meets a conversation (a transcript file, a
// transcript column of a CSV export), so one vocabulary decides who speaks.
//
// Header-only and without ICU: callers pass labels already case-folded
// (Unicode fold + NFC; both built-in sources fold with ICU). The words come
// from the labels contact-centre tools print (Genesys, Five9, Amazon
// Connect, Zendesk Talk, Vietnamese and Thai CRM exports), abbreviations
// too (KH = khách hàng, NV = nhân viên).
#pragma once

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cxmap/record.h"
#include "cxmap/support/utf8.h"

namespace cxmap::support {

/// Folded role words; the longest match wins, so "customer service" (an
/// agent) beats "customer".
inline constexpr std::pair<std::string_view, SpeakerRole> kSpeakerRoleWords[] = {
    {"customer service", SpeakerRole::kAgent}, {"customer care", SpeakerRole::kAgent},
    {"customer support", SpeakerRole::kAgent}, {"customer", SpeakerRole::kCustomer},
    {"caller", SpeakerRole::kCustomer}, {"client", SpeakerRole::kCustomer}, {"cust", SpeakerRole::kCustomer},
    {"consumer", SpeakerRole::kCustomer}, {"end user", SpeakerRole::kCustomer}, {"user", SpeakerRole::kCustomer},
    {"agent", SpeakerRole::kAgent}, {"rep", SpeakerRole::kAgent}, {"representative", SpeakerRole::kAgent},
    {"advisor", SpeakerRole::kAgent}, {"adviser", SpeakerRole::kAgent}, {"csr", SpeakerRole::kAgent},
    {"operator", SpeakerRole::kAgent}, {"support", SpeakerRole::kAgent}, {"staff", SpeakerRole::kAgent},
    {"supervisor", SpeakerRole::kAgent}, {"system", SpeakerRole::kSystem}, {"ivr", SpeakerRole::kSystem},
    {"bot", SpeakerRole::kSystem}, {"virtual agent", SpeakerRole::kSystem}, {"automated message", SpeakerRole::kSystem},
    // Vietnamese
    {"khách hàng", SpeakerRole::kCustomer}, {"khách", SpeakerRole::kCustomer}, {"kh", SpeakerRole::kCustomer},
    {"người gọi", SpeakerRole::kCustomer}, {"chăm sóc khách hàng", SpeakerRole::kAgent}, {"cskh", SpeakerRole::kAgent},
    {"nhân viên", SpeakerRole::kAgent}, {"nv", SpeakerRole::kAgent}, {"tổng đài viên", SpeakerRole::kAgent},
    {"điện thoại viên", SpeakerRole::kAgent}, {"đtv", SpeakerRole::kAgent}, {"tđv", SpeakerRole::kAgent},
    {"tư vấn viên", SpeakerRole::kAgent}, {"tvv", SpeakerRole::kAgent}, {"hệ thống", SpeakerRole::kSystem},
    {"tổng đài tự động", SpeakerRole::kSystem},
    // Thai
    {"ลูกค้า", SpeakerRole::kCustomer}, {"ผู้โทร", SpeakerRole::kCustomer}, {"พนักงาน", SpeakerRole::kAgent},
    {"เจ้าหน้าที่", SpeakerRole::kAgent}, {"โอเปอเรเตอร์", SpeakerRole::kAgent}, {"ระบบ", SpeakerRole::kSystem},
    {"ระบบอัตโนมัติ", SpeakerRole::kSystem},
    // Chinese, simplified and traditional
    {"客户", SpeakerRole::kCustomer}, {"客戶", SpeakerRole::kCustomer}, {"顾客", SpeakerRole::kCustomer},
    {"顧客", SpeakerRole::kCustomer}, {"来电人", SpeakerRole::kCustomer}, {"來電人", SpeakerRole::kCustomer},
    {"用户", SpeakerRole::kCustomer}, {"用戶", SpeakerRole::kCustomer}, {"客服", SpeakerRole::kAgent},
    {"客服人员", SpeakerRole::kAgent}, {"客服人員", SpeakerRole::kAgent}, {"坐席", SpeakerRole::kAgent},
    {"座席", SpeakerRole::kAgent}, {"专员", SpeakerRole::kAgent}, {"專員", SpeakerRole::kAgent},
    {"接线员", SpeakerRole::kAgent}, {"接線員", SpeakerRole::kAgent}, {"话务员", SpeakerRole::kAgent},
    {"話務員", SpeakerRole::kAgent}, {"系统", SpeakerRole::kSystem}, {"系統", SpeakerRole::kSystem},
    {"机器人", SpeakerRole::kSystem}, {"機器人", SpeakerRole::kSystem}, {"语音导航", SpeakerRole::kSystem},
    {"語音導航", SpeakerRole::kSystem},
};

/// Whether the text `s` starts with a letter that continues a Latin word:
/// an ASCII letter, a Latin letter with a diacritic (U+00C0-U+024F but
/// × and ÷, U+1E00-U+1EFF), or a combining mark (U+0300-U+036F,
/// U+1DC0-U+1DFF: one NFC leaves apart when no precomposed letter has
/// it, as H with a breve above), so that "Khánh" (a name) or "Khác" is
/// not the abbreviation KH followed by a name.
inline bool ContinuesLatinWord(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return std::isalpha(c) != 0;
  size_t subpart = 0;
  const size_t length = Utf8SequenceAt(s, 0, &subpart);  // 0: ill-formed or cut off
  auto cont = [&](size_t i) { return static_cast<unsigned char>(s[i]) & 0x3Fu; };
  if (length == 2) {
    const unsigned cp = ((c & 0x1Fu) << 6) | cont(1);
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x300 && cp <= 0x36F);
  }
  if (length == 3) {
    const unsigned cp = ((c & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    return (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x1DC0 && cp <= 0x1DFF);
  }
  return false;
}

/// The role word that starts the folded label `folded`, and its length in
/// bytes; length 0 when none does. A Latin role word must end at a word
/// boundary ("agent lan", "agent2", not "agentur" nor "khánh"); Thai and
/// Chinese write a name straight after the word ("客服小王").
inline std::pair<SpeakerRole, size_t> MatchSpeakerRole(std::string_view folded) {
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  std::pair<SpeakerRole, size_t> best{SpeakerRole::kUnknown, 0};
  for (const auto& [word, role] : kSpeakerRoleWords) {
    if (word.size() <= best.second || folded.compare(0, word.size(), word) != 0) continue;
    if (word_char(word.back()) && ContinuesLatinWord(folded.substr(word.size()))) continue;
    best = {role, word.size()};
  }
  return best;
}

/// One turn of a conversation written in a single text.
struct SpeakerTurn {
  SpeakerRole role = SpeakerRole::kUnknown;
  std::string speaker;       ///< the label as written ("Agent (Lan)")
  std::string text;          ///< the turn's lines, joined with '\n'
};

/// Splits `text` into turns when it is a conversation: lines "LABEL: text"
/// (ASCII ':' or full-width '：', label at most 40 bytes) whose label starts
/// with a role word; lines without a label continue the turn before. It is
/// a conversation only when the first non-blank line is such a turn and at
/// least two turns are found; otherwise the result is empty and the text is
/// one customer's words. `fold` case-folds a label (std::string(std::string_view)).
template <typename Fold>
std::vector<SpeakerTurn> SplitSpeakerTurns(std::string_view text, Fold&& fold) {
  std::vector<SpeakerTurn> turns;
  bool started = false;
  for (size_t pos = 0; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    line.remove_prefix(first);
    size_t colon = line.find(':');
    size_t wide = line.find("\xEF\xBC\x9A");  // U+FF1A FULLWIDTH COLON
    size_t width = 1;
    if (wide != std::string_view::npos && (colon == std::string_view::npos || wide < colon)) {
      colon = wide;
      width = 3;
    }
    SpeakerRole role = SpeakerRole::kUnknown;
    bool labelled = false;
    if (colon != std::string_view::npos && colon > 0 && colon <= 40) {
      std::string_view label = line.substr(0, colon);
      while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.remove_suffix(1);
      auto [r, length] = MatchSpeakerRole(fold(label));
      labelled = length > 0;
      role = r;
      if (labelled) {
        std::string_view rest = line.substr(colon + width);
        size_t start = rest.find_first_not_of(" \t");
        rest = start == std::string_view::npos ? std::string_view() : rest.substr(start);
        turns.push_back({role, std::string(label), std::string(rest)});
        started = true;
        continue;
      }
    }
    if (!started) return {};  // prose before any label: not a conversation
    if (!turns.back().text.empty()) turns.back().text += '\n';
    turns.back().text.append(line);
  }
  if (turns.size() < 2) return {};
  return turns;
}

}  // namespace cxmap::support
