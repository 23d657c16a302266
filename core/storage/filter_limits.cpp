// SPDX-License-Identifier: Apache-2.0
#include "core/storage/filter_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/storage/record_filter.h"
#include "core/util/ascii.h"

namespace cxmap::core {

namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// The word at text[i] if it is a whole word there, lower case ("" if not).
std::string WordAt(std::string_view text, size_t i) {
  if (i > 0 && IsWordChar(text[i - 1])) return "";
  size_t end = i;
  while (end < text.size() && IsWordChar(text[end])) ++end;
  return end - i <= 3 ? AsciiLower(text.substr(i, end - i)) : "";
}

}  // namespace

Status CheckFilterText(std::string_view text) {
  if (text.size() > kFilterMaxBytes) {
    return Status::InvalidArgument(fmt::format(
        "--where: the filter is {} bytes; the limit is {} bytes", text.size(), kFilterMaxBytes));
  }
  std::vector<int> nots{0};  // pending `not`s per parenthesis level
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '(') {
      nots.push_back(0);
      ++depth;
    } else if (c == ')') {
      if (nots.size() > 1) {
        depth -= 1 + nots.back();
        nots.pop_back();
      }
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      const std::string word = WordAt(text, i);
      if (word == "not") {
        ++nots.back();
        ++depth;
      } else if (word == "and" || word == "or") {
        depth -= nots.back();
        nots.back() = 0;
      }
      while (i + 1 < text.size() && IsWordChar(text[i + 1])) ++i;
    }
    deepest = std::max(deepest, depth);
  }
  if (deepest > kFilterMaxDepth) {
    return Status::InvalidArgument(
        fmt::format("--where: nested {} levels deep; the limit is {} (each '(' and"
                    " each 'not' inside another counts one level)",
                    deepest, kFilterMaxDepth));
  }
  return Status::Ok();
}

Status CheckFilterCounts(const FilterCounts& c) {
  const size_t terms = c.terms, longest_in = c.longest_in;
  if (c.lookups > kFilterMaxLookups) {
    return Status::InvalidArgument(fmt::format(
        "--where: {} conditions on plugin results or answers (PLUGIN.FIELD, answers.QUESTION);"
        " the limit is {} (an 'in (…)' list counts one)",
        c.lookups, kFilterMaxLookups));
  }
  if (longest_in > kFilterMaxInValues) {
    return Status::InvalidArgument(
        fmt::format("--where: an 'in (…)' list has {} values; the limit is {} values per list",
                    longest_in, kFilterMaxInValues));
  }
  if (terms > kFilterMaxTerms) {
    return Status::InvalidArgument(fmt::format(
        "--where: {} conditions; the limit is {} (each value of an 'in (…)' list counts one)",
        terms, kFilterMaxTerms));
  }
  return Status::Ok();
}

std::string BalancedJoin(const std::vector<std::string>& parts, size_t begin, size_t end,
                         std::string_view op) {
  if (end - begin == 1) return parts[begin];
  const size_t mid = begin + (end - begin) / 2;
  return fmt::format("({} {} {})", BalancedJoin(parts, begin, mid, op), op,
                     BalancedJoin(parts, mid, end, op));
}

}  // namespace cxmap::core
