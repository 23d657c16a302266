// SPDX-License-Identifier: Apache-2.0
// Header recognition for stakeholder lists in en, vi, th and zh.
#include "header_map.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <unordered_map>

namespace cxmap::stakeholders {
namespace {

struct Alias {
  Column column;
  std::string_view text;
};

// Written with diacritics and in both Chinese scripts; FoldHeader() makes
// the diacritic-free Vietnamese spelling match too. Exact matches only
// (after folding), so a survey question such as "How would you rate our
// support?" never reads as the support column.
constexpr Alias kAliases[] = {
    // name
    {Column::kName, "name"}, {Column::kName, "full name"}, {Column::kName, "stakeholder"},
    {Column::kName, "stakeholder name"}, {Column::kName, "họ tên"}, {Column::kName, "họ và tên"},
    {Column::kName, "tên"}, {Column::kName, "bên liên quan"}, {Column::kName, "ชื่อ"},
    {Column::kName, "ชื่อ-นามสกุล"}, {Column::kName, "ชื่อ นามสกุล"},
    {Column::kName, "ผู้มีส่วนได้ส่วนเสีย"}, {Column::kName, "姓名"}, {Column::kName, "名字"},
    {Column::kName, "利益相关者"}, {Column::kName, "利益相關者"}, {Column::kName, "干系人"},
    {Column::kName, "幹系人"},
    // department
    {Column::kDepartment, "department"}, {Column::kDepartment, "dept"},
    {Column::kDepartment, "team"}, {Column::kDepartment, "division"},
    {Column::kDepartment, "business unit"}, {Column::kDepartment, "phòng ban"},
    {Column::kDepartment, "bộ phận"}, {Column::kDepartment, "phòng"},
    {Column::kDepartment, "đơn vị"}, {Column::kDepartment, "แผนก"},
    {Column::kDepartment, "ฝ่าย"}, {Column::kDepartment, "หน่วยงาน"},
    {Column::kDepartment, "部门"}, {Column::kDepartment, "部門"}, {Column::kDepartment, "单位"},
    {Column::kDepartment, "單位"},
    // role
    {Column::kRole, "role"}, {Column::kRole, "title"}, {Column::kRole, "job title"},
    {Column::kRole, "position"}, {Column::kRole, "vai trò"}, {Column::kRole, "chức vụ"},
    {Column::kRole, "chức danh"}, {Column::kRole, "vị trí"}, {Column::kRole, "บทบาท"},
    {Column::kRole, "ตำแหน่ง"}, {Column::kRole, "角色"}, {Column::kRole, "职位"},
    {Column::kRole, "職位"}, {Column::kRole, "职务"}, {Column::kRole, "職務"},
    // support
    {Column::kSupport, "support"}, {Column::kSupport, "support score"},
    {Column::kSupport, "support level"}, {Column::kSupport, "level of support"},
    {Column::kSupport, "mức ủng hộ"}, {Column::kSupport, "mức độ ủng hộ"},
    {Column::kSupport, "ủng hộ"}, {Column::kSupport, "การสนับสนุน"},
    {Column::kSupport, "ระดับการสนับสนุน"}, {Column::kSupport, "สนับสนุน"},
    {Column::kSupport, "支持度"}, {Column::kSupport, "支持程度"}, {Column::kSupport, "支持"},
    // influence
    {Column::kInfluence, "influence"}, {Column::kInfluence, "influence score"},
    {Column::kInfluence, "influence level"}, {Column::kInfluence, "level of influence"},
    {Column::kInfluence, "power"}, {Column::kInfluence, "mức ảnh hưởng"},
    {Column::kInfluence, "mức độ ảnh hưởng"}, {Column::kInfluence, "ảnh hưởng"},
    {Column::kInfluence, "tầm ảnh hưởng"}, {Column::kInfluence, "อิทธิพล"},
    {Column::kInfluence, "ระดับอิทธิพล"}, {Column::kInfluence, "影响力"},
    {Column::kInfluence, "影響力"}, {Column::kInfluence, "影响程度"},
    {Column::kInfluence, "影響程度"},
    // notes
    {Column::kNotes, "notes"}, {Column::kNotes, "note"}, {Column::kNotes, "comments"},
    {Column::kNotes, "comment"}, {Column::kNotes, "remarks"}, {Column::kNotes, "ghi chú"},
    {Column::kNotes, "nhận xét"}, {Column::kNotes, "ý kiến"}, {Column::kNotes, "หมายเหตุ"},
    {Column::kNotes, "ความคิดเห็น"}, {Column::kNotes, "备注"}, {Column::kNotes, "備註"},
    {Column::kNotes, "備注"}, {Column::kNotes, "意见"}, {Column::kNotes, "意見"},
    {Column::kNotes, "评论"}, {Column::kNotes, "評論"},
};

const std::unordered_map<std::string, Column>& AliasTable() {
  // Built once, on first use (thread-safe static); nothing registers at
  // load. An object, not a pointer to a never-freed one: the host unloads
  // this module before exit, and a table reachable only from the unloaded
  // module's memory is reported as a leak by LeakSanitizer (every command
  // that sniffs failed under the CI's ASan build).
  static const std::unordered_map<std::string, Column> table = [] {
    std::unordered_map<std::string, Column> t;
    for (const Alias& a : kAliases) t.emplace(FoldHeader(a.text), a.column);
    return t;
  }();
  return table;
}

bool IsSeparator(UChar32 c) {
  switch (c) {
    case ' ': case '\t': case '_': case '-': case '.': case ':': case '*': case '/':
    case 0x2013: case 0x2014: case 0x3000: case 0xFF1A:
      return true;
    default:
      return u_isspace(c);
  }
}

/// Drops a trailing "(…)" or "[…]" (a scale note such as "(1-5)").
void DropTrailingBrackets(icu::UnicodeString& s) {
  s.trim();
  if (s.isEmpty()) return;
  UChar last = s.charAt(s.length() - 1);
  UChar open = last == ')' ? '(' : last == ']' ? '[' : 0;
  if (open == 0) return;
  int32_t at = s.lastIndexOf(open);
  if (at > 0) s.truncate(at);
}

}  // namespace

std::string_view ColumnName(Column c) {
  constexpr std::string_view kNames[] = {"name", "department", "role", "support", "influence",
                                         "notes"};
  return kNames[static_cast<size_t>(c)];
}

std::string FoldHeader(std::string_view header) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(header);
  icu::UnicodeString raw = icu::UnicodeString::fromUTF8(
      icu::StringPiece(header.data(), static_cast<int32_t>(header.size())));
  icu::UnicodeString decomposed = nfkd->normalize(raw.foldCase(), status);
  if (U_FAILURE(status)) return std::string(header);
  DropTrailingBrackets(decomposed);
  // Marks are removed only after a Latin letter: Vietnamese tones and
  // vowel marks go, Thai vowels and tone marks (also Mn) stay.
  icu::UnicodeString out;
  bool latin_base = false, pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (!latin_base) out.append(c);
      continue;
    }
    if (IsSeparator(c)) {
      pending_space = !out.isEmpty();
      latin_base = false;
      continue;
    }
    if (pending_space) out.append(UChar(' ')), pending_space = false;
    UErrorCode script_status = U_ZERO_ERROR;
    latin_base = uscript_getScript(c, &script_status) == USCRIPT_LATIN;
    out.append(c == 0x0111 ? UChar32('d') : c);  // đ has no decomposition
  }
  // A trailing bare scale ("support 1 5") is a note too.
  while (true) {
    int32_t space = out.lastIndexOf(UChar(' '));
    icu::UnicodeString tail = out.tempSubString(space + 1);
    bool digits = !tail.isEmpty();
    for (int32_t i = 0; i < tail.length(); ++i) digits = digits && u_isdigit(tail.charAt(i));
    if (!digits || space < 0) break;
    out.truncate(space);
  }
  icu::UnicodeString composed = nfc->normalize(out, status);
  std::string utf8;
  (U_FAILURE(status) ? out : composed).toUTF8String(utf8);
  return utf8;
}

std::optional<Column> RecogniseHeader(std::string_view header) {
  const auto& table = AliasTable();
  auto it = table.find(FoldHeader(header));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

std::string HeaderMap::Missing() const {
  std::string out;
  auto add = [&out](std::string_view what) { out += (out.empty() ? "" : ", ") + std::string(what); };
  if (!has(Column::kName)) add("name");
  if (!has(Column::kSupport) && !has(Column::kInfluence)) add("support or influence");
  return out;
}

HeaderMap MapHeader(const std::vector<std::string>& cells) {
  HeaderMap map;
  for (size_t i = 0; i < cells.size(); ++i) {
    auto column = RecogniseHeader(cells[i]);
    if (!column) continue;
    auto& slot = map.index[static_cast<size_t>(*column)];
    if (slot) {
      map.duplicates.push_back(cells[i]);
      continue;
    }
    slot = i;
    ++map.recognised;
  }
  return map;
}

}  // namespace cxmap::stakeholders
