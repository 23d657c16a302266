// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cxmap::social {

using Json = nlohmann::json;

/// The outcome of parsing one JSON text (a JSON Lines line or a whole
/// document).
struct ParsedJson {
  bool ok = false;
  /// The value; after a failure, what was read before it (see ParseJson).
  Json value;
  std::string error;         ///< "syntax error while parsing object - ... (column 45)"
  uint64_t error_line = 0;   ///< 1-based, counted from `first_line`
  bool truncated = false;    ///< the text ended inside a value
};

/// Parses `text` through a SAX handler (nlohmann's exceptions never
/// escape). With `tag_lines` every object gets, when it closes, the line
/// where it opened as a hidden member (see LineOf): a post in a whole
/// document keeps its line, and after a failure `value` still holds the
/// document up to the error, where only objects that closed carry a line
/// (IsComplete), so a truncated page still yields its complete posts.
/// Nesting deeper than 256 levels is an error. Thread-safe.
ParsedJson ParseJson(std::string_view text, uint64_t first_line, bool tag_lines);

/// False for an object that a failed ParseJson(tag_lines = true) left
/// unclosed; true otherwise, and always for non-objects.
bool IsComplete(const Json& j);

/// The line stored by ParseJson(tag_lines = true) in object `j`, else
/// `fallback`.
uint64_t LineOf(const Json& j, uint64_t fallback);
/// True for the hidden line member's key (skip it when iterating).
bool IsLineKey(std::string_view key);

/// Member `key` of object `j`, or nullptr (not an object, or absent).
const Json* Member(const Json& j, std::string_view key);
/// The value at a dotted path ("review.body", "items.0.text": a number
/// indexes an array), or nullptr.
const Json* AtPath(const Json& j, std::string_view path);
/// A scalar as text: strings as they are, integers without a fraction,
/// other numbers in shortest form, booleans as true/false; "" for null,
/// objects, arrays and nullptr.
std::string ScalarText(const Json* v);
/// ScalarText(Member(j, key)).
std::string MemberText(const Json& j, std::string_view key);
/// A number, or a string that holds one; nullopt otherwise.
std::optional<double> NumberOf(const Json* v);
/// Unix ms of a time given as an epoch number or as text (ISO 8601 or
/// epoch digits); nullopt when absent or unreadable.
std::optional<int64_t> TimeOf(const Json* v);

}  // namespace cxmap::social
