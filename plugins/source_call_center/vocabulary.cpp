// SPDX-License-Identifier: Apache-2.0
#include "vocabulary.h"

#include <algorithm>
#include <utility>

#include "cxmap/support/speaker_roles.h"
#include "text_values.h"

namespace cxmap::callcenter {
namespace {

// The role words live in the SDK (cxmap/support/speaker_roles.h), shared
// with source_csv_survey's transcript columns.

constexpr std::pair<std::string_view, MetaKey> kMetaWords[] = {
    {"call id", MetaKey::kCallId}, {"callid", MetaKey::kCallId},
    {"contact id", MetaKey::kCallId}, {"contactid", MetaKey::kCallId},
    {"interaction id", MetaKey::kCallId}, {"conversation id", MetaKey::kCallId},
    {"ticket", MetaKey::kCallId}, {"uniqueid", MetaKey::kCallId}, {"id", MetaKey::kCallId},
    {"agent", MetaKey::kAgent}, {"agent name", MetaKey::kAgent}, {"agent id", MetaKey::kAgent},
    {"customer", MetaKey::kCustomer}, {"customer name", MetaKey::kCustomer},
    {"caller", MetaKey::kCustomer}, {"caller id", MetaKey::kPhone}, {"ani", MetaKey::kPhone},
    {"phone", MetaKey::kPhone}, {"from", MetaKey::kPhone}, {"queue", MetaKey::kQueue},
    {"skill", MetaKey::kQueue}, {"department", MetaKey::kQueue}, {"start", MetaKey::kStart},
    {"start time", MetaKey::kStart}, {"started", MetaKey::kStart}, {"date", MetaKey::kStart},
    {"call start", MetaKey::kStart}, {"end", MetaKey::kEnd}, {"end time", MetaKey::kEnd},
    {"duration", MetaKey::kDuration}, {"call duration", MetaKey::kDuration},
    {"talk time", MetaKey::kDuration}, {"hold", MetaKey::kHold}, {"hold time", MetaKey::kHold},
    {"disposition", MetaKey::kDisposition}, {"resolution", MetaKey::kDisposition},
    {"outcome", MetaKey::kDisposition}, {"wrap up", MetaKey::kDisposition},
    {"wrap-up", MetaKey::kDisposition}, {"csat", MetaKey::kCsat},
    {"satisfaction", MetaKey::kCsat}, {"language", MetaKey::kLanguage}, {"lang", MetaKey::kLanguage},
    {"channel", MetaKey::kChannel}, {"direction", MetaKey::kDirection},
    // Vietnamese
    {"mã cuộc gọi", MetaKey::kCallId}, {"nhân viên", MetaKey::kAgent},
    {"khách hàng", MetaKey::kCustomer}, {"số điện thoại", MetaKey::kPhone},
    {"hàng đợi", MetaKey::kQueue}, {"bắt đầu", MetaKey::kStart}, {"thời gian", MetaKey::kStart},
    {"thời lượng", MetaKey::kDuration}, {"thời gian chờ", MetaKey::kHold},
    {"kết quả", MetaKey::kDisposition}, {"mức độ hài lòng", MetaKey::kCsat},
    // Thai
    {"รหัสการโทร", MetaKey::kCallId}, {"พนักงาน", MetaKey::kAgent}, {"ลูกค้า", MetaKey::kCustomer},
    {"คิว", MetaKey::kQueue}, {"เวลาเริ่ม", MetaKey::kStart}, {"ระยะเวลา", MetaKey::kDuration},
    {"เวลาพักสาย", MetaKey::kHold}, {"ผลการโทร", MetaKey::kDisposition},
    {"ความพึงพอใจ", MetaKey::kCsat},
    // Chinese
    {"通话id", MetaKey::kCallId}, {"通話id", MetaKey::kCallId}, {"通话编号", MetaKey::kCallId},
    {"开始时间", MetaKey::kStart}, {"開始時間", MetaKey::kStart}, {"队列", MetaKey::kQueue},
    {"隊列", MetaKey::kQueue}, {"技能组", MetaKey::kQueue}, {"技能組", MetaKey::kQueue},
    {"保持时长", MetaKey::kHold}, {"保持時長", MetaKey::kHold}, {"处理结果", MetaKey::kDisposition},
    {"處理結果", MetaKey::kDisposition}, {"滿意度", MetaKey::kCsat},
    {"通話編號", MetaKey::kCallId}, {"坐席", MetaKey::kAgent}, {"客服", MetaKey::kAgent},
    {"客户", MetaKey::kCustomer}, {"客戶", MetaKey::kCustomer}, {"通话时长", MetaKey::kDuration},
    {"通話時長", MetaKey::kDuration}, {"满意度", MetaKey::kCsat},
};

// How many bytes of `label` (blanks trimmed) fold to the first `folded`
// bytes of its FoldLabel(). Folding changes byte counts (case folding,
// NFC, runs of blanks made one), so the boundary is found by folding
// longer and longer prefixes, a character at a time; a prefix of ASCII
// without tabs or repeated blanks (the usual "Agent", "KH") folds byte for
// byte and needs no ICU. Taking the name from the end instead, by the
// folded rest's length, cut a name like "Khác(h  …" inside a character.
size_t WrittenLength(std::string_view label, size_t folded) {
  bool bytewise = folded <= label.size();
  for (size_t i = 0; bytewise && i < folded; ++i) {
    const auto c = static_cast<unsigned char>(label[i]);
    bytewise = c < 0x80 && c != '\t' && !(c == ' ' && i > 0 && label[i - 1] == ' ');
  }
  if (bytewise) return folded;
  for (size_t end = 1; end <= label.size(); ++end) {
    if (end < label.size() && (static_cast<unsigned char>(label[end]) & 0xC0) == 0x80) continue;
    if (FoldLabel(label.substr(0, end)).size() >= folded) return end;
  }
  return label.size();
}

}  // namespace

SpeakerLabel ClassifySpeaker(std::string_view label) {
  std::string folded = FoldLabel(label);
  SpeakerLabel out;
  auto [role, best] = support::MatchSpeakerRole(folded);
  out.known = best > 0;
  switch (role) {
    case SpeakerRole::kCustomer: out.role = Role::kCustomer; break;
    case SpeakerRole::kAgent: out.role = Role::kAgent; break;
    case SpeakerRole::kSystem: out.role = Role::kSystem; break;
    default: out.role = Role::kUnknown; break;
  }
  if (!out.known) return out;
  // The name as written (not folded): what follows the role word.
  std::string_view trimmed = TrimBlanks(label);
  std::string_view name = trimmed.substr(WrittenLength(trimmed, best));
  while (!name.empty() && std::string_view("(-#_[ \t").find(name.front()) != std::string_view::npos) {
    name.remove_prefix(1);
  }
  while (!name.empty() && std::string_view(")] \t").find(name.back()) != std::string_view::npos) {
    name.remove_suffix(1);
  }
  out.name = std::string(name);
  return out;
}

std::optional<MetaKey> ClassifyMetaKey(std::string_view key) {
  std::string folded = FoldLabel(key);
  std::replace(folded.begin(), folded.end(), '_', ' ');
  // Words are stored with blanks: "call_id" folds to "call id" above.
  for (const auto& [word, meta] : kMetaWords) {
    if (folded == word) return meta;
  }
  return std::nullopt;
}

std::string AttributeKey(std::string_view key) {
  std::string folded = FoldLabel(key);
  std::string out;
  for (char c : folded) {
    auto b = static_cast<unsigned char>(c);
    bool keep = b >= 0x80 || std::isalnum(b);
    if (keep) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

}  // namespace cxmap::callcenter
