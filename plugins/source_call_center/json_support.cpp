// SPDX-License-Identifier: Apache-2.0
// ParseJson and the small typed getters the JSON readers share.
#include <algorithm>
#include <cmath>

#include "cxmap/support/json_problems.h"

#include "json_readers.h"
#include "text_values.h"

namespace cxmap::callcenter {

namespace {

/// nlohmann parses deep nesting fine, but dump() and the readers recurse,
/// so a hostile "[[[[…" must stop here, not on the stack.
constexpr size_t kMaxDepth = 256;

ParseReject AsReject(support::JsonProblem p) {
  return {p.line, p.column, std::move(p.reason), std::move(p.excerpt)};
}

}  // namespace

std::optional<nlohmann::json> ParseJson(std::string_view data, uint64_t first_line,
                                        ParseReject* reject) {
  if (size_t at = support::FirstTooDeep(data, kMaxDepth); at != std::string_view::npos) {
    *reject = AsReject(support::ProblemAt(
        data, at, first_line, "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels"));
    reject->excerpt.clear();  // a wall of brackets says nothing
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(data.begin(), data.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past where the parser stopped.
    const size_t at = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, data.size());
    *reject = AsReject(support::DescribeJsonError(data, at, first_line, e.what()));
    return std::nullopt;
  } catch (const nlohmann::json::exception& e) {
    // out_of_range (a number beyond double) and the like: the whole document.
    *reject = {first_line, 0, std::string("unreadable JSON: ") + e.what(), ""};
    return std::nullopt;
  }
}

std::string JsonString(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number()) return FormatSeconds(it->get<double>());
  return {};
}

std::optional<double> JsonNumber(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (it->is_number()) {
    double v = it->get<double>();
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }
  if (it->is_string()) return ParseNumber(it->get<std::string>());
  return std::nullopt;
}

}  // namespace cxmap::callcenter
