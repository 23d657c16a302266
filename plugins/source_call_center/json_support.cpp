// SPDX-License-Identifier: Apache-2.0
// ParseJson and the small typed getters the JSON readers share.
#include <cmath>

#include "json_readers.h"
#include "text_values.h"

namespace cxmap::callcenter {

namespace {

constexpr size_t kMaxDepth = 256;

/// Offset where brackets nest deeper than kMaxDepth, or npos. nlohmann
/// parses deep nesting fine, but dump() and the readers recurse, so a
/// hostile "[[[[…" must stop here, not on the stack.
size_t TooDeep(std::string_view data) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<nlohmann::json> ParseJson(std::string_view data, uint64_t first_line,
                                        ParseReject* reject) {
  if (size_t at = TooDeep(data); at != std::string_view::npos) {
    uint64_t line = first_line;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i) {
      if (data[i] == '\n') ++line, line_start = i + 1;
    }
    *reject = {line, at - line_start + 1, "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels", ""};
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(data.begin(), data.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past where the parser stopped.
    size_t at = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, data.size());
    uint64_t line = first_line;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i) {
      if (data[i] == '\n') ++line, line_start = i + 1;
    }
    std::string what = e.what();
    size_t last_content = data.find_last_not_of(" \t\r\n");
    bool truncated = what.find("unexpected end of input") != std::string::npos ||
                     last_content == std::string_view::npos || at >= last_content;
    bool bad_utf8 = what.find("UTF-8") != std::string::npos;
    reject->line = line;
    reject->column = at - line_start + 1;
    reject->reason = truncated  ? "JSON ends early (truncated file?)"
                     : bad_utf8 ? "invalid UTF-8 in a JSON string"
                                : "not valid JSON: " + what;
    std::string_view rest = data.substr(std::min(line_start, data.size()));
    std::string_view excerpt = TruncateUtf8(rest.substr(0, rest.find('\n')), 200);
    reject->excerpt = FirstInvalidUtf8(excerpt) == std::string_view::npos ? std::string(excerpt) : "";
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
