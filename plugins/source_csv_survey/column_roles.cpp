// SPDX-License-Identifier: Apache-2.0
#include "column_roles.h"

#include <algorithm>
#include <array>

#include "unicode_text.h"
#include "value_parsers.h"

namespace cxmap::csv {
namespace {

/// Where a language puts the head of a noun phrase: English and Chinese
/// last ("comment date" is a date), Vietnamese and Thai first ("ngày góp ý"
/// is a date).
enum class Head { kLast, kFirst };

struct Term {
  Role role;
  std::string_view text;  // already folded (see FoldHeader); a test checks it
  Head head;
  bool exact_only = false;  // too short or too vague to match inside a header
};

constexpr Head L = Head::kLast, F = Head::kFirst;

// Order matters only for ties; single-valued roles before text.
constexpr Term kVocabulary[] = {
    {Role::kId, "id", L}, {Role::kId, "response id", L}, {Role::kId, "responseid", L},
    {Role::kId, "record id", L}, {Role::kId, "submission id", L}, {Role::kId, "ticket id", L},
    {Role::kId, "ma", F, true}, {Role::kId, "ma phan hoi", F}, {Role::kId, "stt", F, true},
    {Role::kId, "รหัส", F}, {Role::kId, "编号", L}, {Role::kId, "編號", L}, {Role::kId, "序号", L},
    {Role::kTime, "date", L}, {Role::kTime, "time", L}, {Role::kTime, "timestamp", L},
    {Role::kTime, "datetime", L}, {Role::kTime, "submitted at", L}, {Role::kTime, "created at", L},
    {Role::kTime, "submitted", L, true}, {Role::kTime, "ngay", F}, {Role::kTime, "thoi gian", F},
    {Role::kTime, "วันที่", F}, {Role::kTime, "เวลา", F}, {Role::kTime, "日期", L},
    {Role::kTime, "时间", L}, {Role::kTime, "時間", L},
    {Role::kNps, "nps", L}, {Role::kNps, "net promoter", L}, {Role::kNps, "recommend", L},
    {Role::kNps, "gioi thieu", F}, {Role::kNps, "แนะนำ", F}, {Role::kNps, "推荐", L},
    {Role::kNps, "推薦", L},
    {Role::kCsat, "csat", L}, {Role::kCsat, "satisfaction", L}, {Role::kCsat, "satisfied", L},
    {Role::kCsat, "hai long", F}, {Role::kCsat, "พึงพอใจ", F}, {Role::kCsat, "满意度", L},
    {Role::kCsat, "滿意度", L},
    {Role::kCes, "ces", L}, {Role::kCes, "customer effort", L}, {Role::kCes, "effort", L},
    {Role::kCes, "de dang", F}, {Role::kCes, "ความง่าย", F}, {Role::kCes, "费力", L},
    {Role::kCes, "費力", L},
    {Role::kRating, "rating", L}, {Role::kRating, "stars", L}, {Role::kRating, "score", L, true},
    {Role::kRating, "so sao", F}, {Role::kRating, "diem", F, true}, {Role::kRating, "คะแนน", F},
    {Role::kRating, "评分", L}, {Role::kRating, "評分", L}, {Role::kRating, "星级", L},
    {Role::kChannel, "channel", L}, {Role::kChannel, "source", L, true}, {Role::kChannel, "kenh", F},
    {Role::kChannel, "ช่องทาง", F}, {Role::kChannel, "渠道", L}, {Role::kChannel, "通路", L},
    {Role::kLanguage, "language", L}, {Role::kLanguage, "lang", L}, {Role::kLanguage, "locale", L},
    {Role::kLanguage, "ngon ngu", F}, {Role::kLanguage, "ภาษา", F}, {Role::kLanguage, "语言", L},
    {Role::kLanguage, "語言", L},
    {Role::kSegment, "segment", L}, {Role::kSegment, "persona", L}, {Role::kSegment, "tier", L},
    {Role::kSegment, "phan khuc", F}, {Role::kSegment, "nhom khach hang", F},
    {Role::kSegment, "กลุ่ม", F}, {Role::kSegment, "客群", L}, {Role::kSegment, "分群", L},
    {Role::kRespondent, "respondent", L}, {Role::kRespondent, "respondent id", L},
    {Role::kRespondent, "customer", L}, {Role::kRespondent, "customer id", L},
    {Role::kRespondent, "email", L}, {Role::kRespondent, "email address", L},
    {Role::kRespondent, "user id", L}, {Role::kRespondent, "khach hang", F},
    {Role::kRespondent, "ma khach hang", F}, {Role::kRespondent, "ลูกค้า", F},
    {Role::kRespondent, "อีเมล", F}, {Role::kRespondent, "客户", L}, {Role::kRespondent, "客戶", L},
    {Role::kRespondent, "邮箱", L},
    {Role::kText, "comment", L}, {Role::kText, "comments", L}, {Role::kText, "feedback", L},
    {Role::kText, "text", L}, {Role::kText, "verbatim", L}, {Role::kText, "remarks", L},
    {Role::kText, "review", L}, {Role::kText, "suggestion", L}, {Role::kText, "suggestions", L},
    {Role::kText, "opinion", L}, {Role::kText, "message", L}, {Role::kText, "why", L},
    {Role::kText, "nhan xet", F}, {Role::kText, "gop y", F}, {Role::kText, "y kien", F},
    {Role::kText, "binh luan", F}, {Role::kText, "phan hoi", F}, {Role::kText, "ly do", F},
    {Role::kText, "noi dung", F}, {Role::kText, "ความคิดเห็น", F}, {Role::kText, "ข้อเสนอแนะ", F},
    {Role::kText, "คำติชม", F}, {Role::kText, "เหตุผล", F}, {Role::kText, "评论", L},
    {Role::kText, "意见", L}, {Role::kText, "評論", L}, {Role::kText, "意見", L},
    {Role::kText, "留言", L}, {Role::kText, "反馈", L}, {Role::kText, "反饋", L},
    {Role::kText, "建议", L}, {Role::kText, "建議", L}, {Role::kText, "原因", L},
};

constexpr std::array kSingleRoles = {Role::kId,      Role::kTime,     Role::kNps,
                                     Role::kCsat,    Role::kCes,      Role::kRating,
                                     Role::kChannel, Role::kLanguage, Role::kSegment,
                                     Role::kRespondent};

bool IsScoreRole(Role r) {
  return r == Role::kNps || r == Role::kCsat || r == Role::kCes || r == Role::kRating;
}

/// Position of `term` in `folded` as a whole word (ASCII terms) or as a
/// substring (Thai and Chinese have no spaces); npos if absent.
size_t FindTerm(std::string_view folded, std::string_view term) {
  bool ascii = static_cast<unsigned char>(term[0]) < 0x80;
  for (size_t pos = folded.find(term); pos != std::string_view::npos;
       pos = folded.find(term, pos + 1)) {
    if (!ascii) return pos;
    size_t end = pos + term.size();
    bool left = pos == 0 || folded[pos - 1] == ' ';
    bool right = end == folded.size() || folded[end] == ' ';
    if (left && right) return pos;
  }
  return std::string_view::npos;
}

bool MostlyNumeric(const std::vector<std::vector<std::string>>& samples, size_t column) {
  size_t filled = 0, numeric = 0;
  for (const auto& row : samples) {
    if (column >= row.size() || TrimAscii(row[column]).empty()) continue;
    ++filled;
    numeric += ParseNumber(row[column]) ? 1 : 0;
  }
  return filled == 0 || numeric * 5 >= filled * 4;
}

/// The unassigned column that reads most like free text in the sample:
/// mostly non-numeric, words with spaces, longest on average. For headers
/// the vocabulary does not know ("What should we change?").
std::optional<size_t> GuessTextColumn(const std::vector<Role>& roles,
                                      const std::vector<std::vector<std::string>>& samples) {
  std::optional<size_t> best;
  double best_length = 10;  // shorter cells are codes and labels, not comments
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i] != Role::kAttribute) continue;
    size_t filled = 0, numeric = 0, bytes = 0, with_space = 0;
    for (const auto& row : samples) {
      if (i >= row.size()) continue;
      std::string_view cell = TrimAscii(row[i]);
      if (cell.empty()) continue;
      ++filled;
      bytes += cell.size();
      numeric += ParseNumber(cell) ? 1 : 0;
      with_space += cell.find(' ') != std::string_view::npos ? 1 : 0;
    }
    if (filled == 0 || numeric * 5 > filled || with_space == 0) continue;
    double length = static_cast<double>(bytes) / filled;
    if (length > best_length) {
      best_length = length;
      best = i;
    }
  }
  return best;
}

Result<size_t> ResolveColumn(std::string_view option, std::string_view ref,
                             const std::vector<std::string>& headers) {
  ref = TrimAscii(ref);
  if (!ref.empty() && std::all_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t n = std::stoul(std::string(ref));
    if (n >= 1 && n <= headers.size()) return n - 1;
  }
  std::string folded = FoldHeader(ref);
  for (size_t i = 0; i < headers.size(); ++i) {
    if (FoldHeader(headers[i]) == folded) return i;
  }
  std::string list;
  for (const auto& h : headers) list += (list.empty() ? "" : ", ") + h;
  return Status::InvalidArgument(std::string(option) + ": no column '" + std::string(ref) +
                                 "' (columns: " + list + ")");
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAttribute: return "attribute";
    case Role::kText: return "text";
    case Role::kId: return "id";
    case Role::kTime: return "time";
    case Role::kNps: return "nps";
    case Role::kCsat: return "csat";
    case Role::kCes: return "ces";
    case Role::kRating: return "rating";
    case Role::kChannel: return "channel";
    case Role::kLanguage: return "language";
    case Role::kSegment: return "segment";
    case Role::kRespondent: return "respondent";
  }
  return "attribute";
}

std::vector<Role> SuggestRoles(std::string_view header) {
  std::string folded = FoldHeader(header);
  std::vector<Role> out;
  auto add = [&out](Role r) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  };
  if (folded.empty()) return out;
  for (const Term& t : kVocabulary) {
    if (t.text == folded) add(t.role);
  }
  std::vector<std::pair<double, Role>> inside;  // (headness, role)
  for (const Term& t : kVocabulary) {
    if (t.exact_only) continue;
    size_t pos = FindTerm(folded, t.text);
    if (pos == std::string_view::npos) continue;
    double size = static_cast<double>(folded.size());
    double headness = t.head == Head::kLast ? (pos + t.text.size()) / size : 1 - pos / size;
    inside.emplace_back(headness, t.role);
  }
  std::stable_sort(inside.begin(), inside.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [headness, role] : inside) add(role);
  return out;
}

std::optional<size_t> ColumnRoles::Find(Role role) const {
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i] == role) return i;
  }
  return std::nullopt;
}

std::vector<size_t> ColumnRoles::TextColumns() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i] == Role::kText) out.push_back(i);
  }
  return out;
}

Result<ColumnRoles> AssignRoles(const std::vector<std::string>& headers,
                                const std::vector<std::vector<std::string>>& samples,
                                const OptionValues& options,
                                const std::vector<std::optional<Role>>& hints) {
  ColumnRoles out{std::vector<Role>(headers.size(), Role::kAttribute)};
  std::vector<bool> explicit_column(headers.size(), false);
  std::string text_list = options.GetString("text_columns");
  bool explicit_text = !TrimAscii(text_list).empty();
  for (size_t start = 0; explicit_text && start <= text_list.size();) {
    size_t comma = std::min(text_list.find(',', start), text_list.size());
    std::string_view ref = std::string_view(text_list).substr(start, comma - start);
    start = comma + 1;
    if (TrimAscii(ref).empty()) continue;
    auto column = ResolveColumn("text_columns", ref, headers);
    if (!column.ok()) return column.status();
    out.roles[*column] = Role::kText;
    explicit_column[*column] = true;
  }
  std::vector<bool> taken(static_cast<size_t>(Role::kRespondent) + 1, false);
  for (Role role : kSingleRoles) {
    std::string option = std::string(RoleName(role)) + "_column";
    std::string ref = options.GetString(option);
    if (TrimAscii(ref).empty()) continue;
    auto column = ResolveColumn(option, ref, headers);
    if (!column.ok()) return column.status();
    out.roles[*column] = role;
    explicit_column[*column] = true;
    taken[static_cast<size_t>(role)] = true;
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (explicit_column[i]) continue;
    if (i < hints.size() && hints[i]) {
      Role r = *hints[i];
      bool single = r != Role::kAttribute && r != Role::kText;
      if ((single && taken[static_cast<size_t>(r)]) || (r == Role::kText && explicit_text)) {
        r = Role::kAttribute;
      }
      out.roles[i] = r;
      if (single) taken[static_cast<size_t>(r)] = true;
      continue;
    }
    for (Role r : SuggestRoles(headers[i])) {
      if (r == Role::kText) {
        if (explicit_text) continue;
      } else if (taken[static_cast<size_t>(r)] || (IsScoreRole(r) && !MostlyNumeric(samples, i))) {
        continue;
      }
      out.roles[i] = r;
      if (r != Role::kText) taken[static_cast<size_t>(r)] = true;
      break;
    }
  }
  if (!hints.empty()) return out;
  if (out.TextColumns().empty() && !explicit_text) {
    if (auto guess = GuessTextColumn(out.roles, samples)) out.roles[*guess] = Role::kText;
  }
  if (out.TextColumns().empty()) {
    std::string list;
    for (const auto& h : headers) list += (list.empty() ? "'" : ", '") + h + "'";
    return Status::NotSupported("no free-text column found among " + list +
                                "; name it with the option text_columns=<header or number>");
  }
  return out;
}

}  // namespace cxmap::csv
