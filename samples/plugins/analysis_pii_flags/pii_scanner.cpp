// SPDX-License-Identifier: Apache-2.0
// Hand-written scanners, on purpose: Debian ships no maintained C++ library
// for phone/e-mail/card detection that fits a plugin linking only the SDK
// (libphonenumber is not packaged for C++ there), and std::regex is slow
// (backtracking, allocation per match) on the millions of short texts an
// import brings. Each scanner below is a single linear pass over ASCII
// bytes; UTF-8 text around the matches (Thai, Vietnamese, CJK) is skipped
// byte by byte, which is safe because no ASCII byte occurs inside a
// multi-byte UTF-8 sequence.
#include "pii_scanner.h"

#include <algorithm>
#include <optional>

namespace cxmap_samples {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsLocalChar(char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool IsDomainChar(char c) { return IsAlnum(c) || c == '.' || c == '-'; }
bool IsPhoneSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }

std::string MaskEmail(std::string_view local, std::string_view domain) {
  size_t dot = domain.rfind('.');
  return std::string(1, local[0]) + "***@" + domain[0] + "***" + std::string(domain.substr(dot));
}

// Keeps the first `keep_head` and last `keep_tail` digits; separators stay.
std::string MaskDigits(std::string_view span, size_t keep_head, size_t keep_tail) {
  size_t total = std::count_if(span.begin(), span.end(), IsDigit);
  std::string out(span);
  size_t seen = 0;
  for (char& c : out) {
    if (!IsDigit(c)) continue;
    if (seen >= keep_head && seen + keep_tail < total) c = '*';
    ++seen;
  }
  return out;
}

void ScanEmails(std::string_view t, std::vector<PiiMatch>& out) {
  for (size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    size_t left = at;
    while (left > 0 && IsLocalChar(t[left - 1])) --left;
    while (left < at && t[left] == '.') ++left;
    size_t right = at + 1;
    while (right < t.size() && IsDomainChar(t[right])) ++right;
    while (right > at + 1 && (t[right - 1] == '.' || t[right - 1] == '-')) --right;  // "…@x.com."
    std::string_view local = t.substr(left, at - left);
    std::string_view domain = t.substr(at + 1, right - at - 1);
    size_t dot = domain.rfind('.');
    if (local.empty() || dot == std::string_view::npos || dot == 0 ||
        domain.find("..") != std::string_view::npos || domain.size() - dot - 1 < 2 ||
        !std::all_of(domain.begin() + dot + 1, domain.end(), IsAlpha)) {
      continue;
    }
    out.push_back({PiiKind::kEmail, {}, left, right, MaskEmail(local, domain)});
    at = right - 1;
  }
}

struct Verdict {
  PiiKind kind;
  std::string_view region;
  size_t keep_head;  // digits left visible at the start (country code or prefix)
};

std::string_view LocalMobileRegion(char second, std::string_view hint) {
  if (second == '3' || second == '5' || second == '7') return "vn";
  if (second == '6') return "th";
  if (hint.substr(0, 2) == "vi") return "vn";
  if (hint.substr(0, 2) == "th") return "th";
  return "vn|th";
}

std::optional<Verdict> ClassifyInternational(std::string_view d) {
  auto national = [&](size_t cc) {
    std::string_view rest = d.substr(cc);
    return !rest.empty() && rest[0] == '0' ? rest.substr(1) : rest;  // "+84 (0)912…"
  };
  if (d.substr(0, 2) == "84" && (national(2).size() == 9 || national(2).size() == 10)) {
    return Verdict{PiiKind::kPhone, "vn", 2};
  }
  if (d.substr(0, 2) == "66" && (national(2).size() == 8 || national(2).size() == 9)) {
    return Verdict{PiiKind::kPhone, "th", 2};
  }
  if (d.substr(0, 2) == "86" && d.size() == 13 && d[2] == '1' && d[3] >= '3') {
    return Verdict{PiiKind::kPhone, "cn", 2};
  }
  if (d.size() >= 8 && d.size() <= 15) return Verdict{PiiKind::kPhone, "intl", 2};
  return std::nullopt;
}

std::optional<Verdict> Classify(std::string_view d, bool plus, const ScanOptions& o) {
  if (o.phones && plus) return ClassifyInternational(d);
  if (o.phones && !plus && d.size() >= 10 && d.substr(0, 2) == "00") {
    auto v = ClassifyInternational(d.substr(2));  // 0084…, 0066…, 0086…
    if (v) v->keep_head = 4;
    return v;
  }
  if (o.cards && d.size() >= 13 && d.size() <= 19 && LuhnValid(d)) {
    return Verdict{PiiKind::kCard, {}, 0};
  }
  if (!o.phones) return std::nullopt;
  if (d.size() == 10 && d[0] == '0' && d[1] >= '3' && d[1] != '4') {
    return Verdict{PiiKind::kPhone, LocalMobileRegion(d[1], o.language_hint), 2};
  }
  if (d.size() == 11 && d.substr(0, 2) == "02") return Verdict{PiiKind::kPhone, "vn", 2};
  if (d.size() == 9 && d.substr(0, 2) == "02") return Verdict{PiiKind::kPhone, "th", 2};
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3') return Verdict{PiiKind::kPhone, "cn", 2};
  return std::nullopt;
}

// Digit groups of one candidate, e.g. "+84 (0) 912-345-678" -> 5 groups.
struct Group {
  size_t begin, end;
};

std::vector<Group> ReadGroups(std::string_view t, size_t pos) {
  std::vector<Group> groups;
  while (pos < t.size() && groups.size() < 12) {
    if (!IsDigit(t[pos])) break;
    size_t begin = pos;
    while (pos < t.size() && IsDigit(t[pos])) ++pos;
    groups.push_back({begin, pos});
    // Up to two separator characters (") ", " (", "-") may join groups.
    size_t next = pos;
    while (next < t.size() && next - pos < 2 && IsPhoneSeparator(t[next])) ++next;
    if (next == pos || next >= t.size() || !IsDigit(t[next])) break;
    pos = next;
  }
  return groups;
}

void ScanDigitRuns(std::string_view t, const ScanOptions& o, const std::vector<PiiMatch>& emails,
                   std::vector<PiiMatch>& out) {
  size_t email = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    while (email < emails.size() && emails[email].end <= i) ++email;
    if (email < emails.size() && emails[email].begin <= i) {
      i = emails[email].end - 1;
      continue;
    }
    bool plus = t[i] == '+' && i + 1 < t.size() && IsDigit(t[i + 1]);
    size_t first = i + (plus ? 1 : 0);
    if (t[i] == '(' && i + 1 < t.size() && IsDigit(t[i + 1])) first = i + 1;
    if (!IsDigit(t[first]) || (i > 0 && (IsAlnum(t[i - 1]) || t[i - 1] == '+'))) continue;

    std::vector<Group> groups = ReadGroups(t, first);
    // The longest run of groups that is a phone or card wins, so "0912 345
    // 678 2 lần" still yields the phone without the trailing "2".
    bool found = false;
    for (size_t k = groups.size(); k > 0 && !found; --k) {
      size_t end = groups[k - 1].end;
      if (end < t.size() && IsAlnum(t[end])) continue;  // "0912345678k" is a code, not a phone
      std::string digits;
      for (size_t g = 0; g < k; ++g) digits.append(t.substr(groups[g].begin, groups[g].end - groups[g].begin));
      auto v = Classify(digits, plus, o);
      if (!v) continue;
      std::string_view span = t.substr(i, end - i);
      std::string masked = v->kind == PiiKind::kCard ? MaskDigits(span, 0, 4)
                                                     : MaskDigits(span, v->keep_head, 2);
      out.push_back({v->kind, v->region, i, end, std::move(masked)});
      i = end - 1;
      found = true;
    }
    if (!found) i = groups.empty() ? i : groups[0].end - 1;
  }
}

}  // namespace

std::string_view PiiKindName(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "email";
    case PiiKind::kPhone: return "phone";
    case PiiKind::kCard: return "card";
  }
  return "unknown";
}

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::vector<PiiMatch> ScanPii(std::string_view text, const ScanOptions& options) {
  std::vector<PiiMatch> emails;
  if (options.emails) ScanEmails(text, emails);
  std::vector<PiiMatch> out;
  if (options.phones || options.cards) ScanDigitRuns(text, options, emails, out);
  out.insert(out.end(), emails.begin(), emails.end());
  std::sort(out.begin(), out.end(), [](const PiiMatch& a, const PiiMatch& b) { return a.begin < b.begin; });
  return out;
}

std::string MaskText(std::string_view text, const std::vector<PiiMatch>& matches) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (const PiiMatch& m : matches) {
    out.append(text.substr(pos, m.begin - pos));
    out.append(m.masked);
    pos = m.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace cxmap_samples
