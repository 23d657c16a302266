// SPDX-License-Identifier: Apache-2.0
#include "stakeholder_identity.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace cxmap::stakeholder {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The folded key without a trailing "(1-5)"-style note.
std::string KeyForm(const FoldFn& fold, std::string_view key) {
  std::string k = fold(key);
  size_t bracket = k.find_first_of("([");
  if (bracket != std::string::npos && bracket > 0) k.resize(bracket);
  return std::string(TrimSpaces(k));
}

}  // namespace

IdentityReader::IdentityReader(FoldFn fold) : fold_(std::move(fold)) {
  // Other sources keep a column under its header text; these are the
  // headers an internal survey uses for who answered.
  const std::pair<Key, std::string_view> aliases[] = {
      {Key::kName, "name"}, {Key::kName, "full name"}, {Key::kName, "stakeholder"},
      {Key::kName, "stakeholder name"}, {Key::kName, "họ tên"}, {Key::kName, "họ và tên"},
      {Key::kName, "tên"}, {Key::kName, "ชื่อ"}, {Key::kName, "ชื่อ-นามสกุล"},
      {Key::kName, "姓名"}, {Key::kName, "名字"},
      {Key::kDepartment, "department"}, {Key::kDepartment, "dept"}, {Key::kDepartment, "team"},
      {Key::kDepartment, "division"}, {Key::kDepartment, "phòng ban"},
      {Key::kDepartment, "bộ phận"}, {Key::kDepartment, "phòng"}, {Key::kDepartment, "đơn vị"},
      {Key::kDepartment, "แผนก"}, {Key::kDepartment, "ฝ่าย"}, {Key::kDepartment, "หน่วยงาน"},
      {Key::kDepartment, "部门"}, {Key::kDepartment, "单位"},
      {Key::kRole, "role"}, {Key::kRole, "title"}, {Key::kRole, "job title"},
      {Key::kRole, "position"}, {Key::kRole, "vai trò"}, {Key::kRole, "chức vụ"},
      {Key::kRole, "chức danh"}, {Key::kRole, "vị trí"}, {Key::kRole, "บทบาท"},
      {Key::kRole, "ตำแหน่ง"}, {Key::kRole, "角色"}, {Key::kRole, "职位"}, {Key::kRole, "职务"},
      {Key::kSupport, "support"}, {Key::kSupport, "support score"},
      {Key::kSupport, "support level"}, {Key::kSupport, "mức ủng hộ"},
      {Key::kSupport, "mức độ ủng hộ"}, {Key::kSupport, "การสนับสนุน"},
      {Key::kSupport, "ระดับการสนับสนุน"}, {Key::kSupport, "支持度"},
      {Key::kSupport, "支持程度"},
      {Key::kInfluence, "influence"}, {Key::kInfluence, "influence score"},
      {Key::kInfluence, "influence level"}, {Key::kInfluence, "power"},
      {Key::kInfluence, "mức ảnh hưởng"}, {Key::kInfluence, "mức độ ảnh hưởng"},
      {Key::kInfluence, "tầm ảnh hưởng"}, {Key::kInfluence, "อิทธิพล"},
      {Key::kInfluence, "ระดับอิทธิพล"}, {Key::kInfluence, "影响力"},
      {Key::kInfluence, "影响程度"},
  };
  for (const auto& [key, alias] : aliases) keys_.emplace(KeyForm(fold_, alias), key);
}

Identity IdentityReader::Read(const RecordView& record) const {
  Identity id;
  const cxmap_record& raw = record.raw();
  for (size_t i = 0; i < raw.attribute_count; ++i) {
    std::string_view key = FromC(raw.attributes[i].key);
    std::string value(TrimSpaces(FromC(raw.attributes[i].value)));
    if (key == "kind") {
      id.from_list = id.from_list || value == "stakeholder";
      continue;
    }
    if (key == "question" || key == "question_text" || key == "respondent_id") continue;
    auto it = keys_.find(KeyForm(fold_, key));
    if (it == keys_.end()) continue;
    // The first attribute of each kind wins, as the first column does.
    switch (it->second) {
      case Key::kName: if (id.name.empty()) id.name = value; break;
      case Key::kDepartment: if (id.department.empty()) id.department = value; break;
      case Key::kRole: if (id.role.empty()) id.role = value; break;
      case Key::kSupport: if (!id.support_text && !value.empty()) id.support_text = value; break;
      case Key::kInfluence: if (!id.influence_text && !value.empty()) id.influence_text = value; break;
    }
  }
  return id;
}

std::optional<double> ParseScoreCell(std::string_view cell) {
  std::string text(TrimSpaces(cell));
  if (text.size() > 2 && text.substr(text.size() - 2) == "/5") text.resize(text.size() - 2);
  for (char& c : text) c = c == ',' ? '.' : c;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(v) || v < 1 || v > 5) return std::nullopt;
  return v;
}

std::optional<Score> ExplicitScore(std::string_view what, const std::optional<std::string>& cell,
                                   std::string* why) {
  if (!cell) return std::nullopt;
  auto v = ParseScoreCell(*cell);
  if (!v) {
    size_t cut = std::min<size_t>(cell->size(), 40);
    while (cut < cell->size() && cut > 0 && (static_cast<unsigned char>((*cell)[cut]) & 0xC0) == 0x80) {
      --cut;  // never split a UTF-8 sequence
    }
    *why = std::string(what) + " '" + cell->substr(0, cut) + "' is not a number in 1–5";
    return std::nullopt;
  }
  return Score{*v, Basis::kExplicit, "explicit"};
}

}  // namespace cxmap::stakeholder
