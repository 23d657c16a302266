// SPDX-License-Identifier: Apache-2.0
// The filter language of `cxmap query --where` and `cxmap journey --where`,
// parsed with Boost.Spirit X3 and compiled to a parameterised SQL condition
// over the `facts` view: values are always bound, never spliced into SQL.
//
//   lang = vi and stage = purchase and sentiment < 0
//   touchpoint in (delivery, returns_refunds) or not (nps >= 9)
//   text contains "giao hàng" and time >= 2024-01-01
//   attribute("queue") = billing
//
// Fields: lang (alias language; `zh` also matches zh-Hans and zh-Hant),
// channel, sub_channel, segment, source, touchpoint, stage, owner,
// sentiment (the score in [-1, 1]; `sentiment = negative` compares the
// label), nps, csat, ces, rating, time (ISO date or date-time, UTC), text,
// id, attribute("key"), mapped (true/false), PLUGIN.FIELD (any analysis
// plugin's record-level result, e.g. analysis_pii_flags.has_email = true),
// answers.QUESTION or answer("question id") (a closed answer of the
// response: its number for ratings and numbers, else its text; any ticked
// option of a multiple-choice question). Operators: = == != <> < <= >
// >=, `in (...)`, `contains` (text, case-insensitive for ASCII), and, or,
// not, parentheses; `and` binds tighter than `or`. A value is a quoted
// string, a number or a bare word (letters, digits, _ . : -).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core {

using SqlValue = std::variant<int64_t, double, std::string>;

/// The limits of a filter (docs/cli.md, "Filters"); past one, CompileFilter
/// says which and its value (InvalidArgument), and no SQL is built.
inline constexpr size_t kFilterMaxBytes = 16 * 1024;
/// Nesting: each `(` and each `not` inside another counts one level.
inline constexpr int kFilterMaxDepth = 16;
/// Conditions (FIELD OP VALUE); each value of an `in (…)` list counts one.
inline constexpr size_t kFilterMaxTerms = 1000;
/// Values in one `in (…)` list.
inline constexpr size_t kFilterMaxInValues = 1000;
/// Conditions on PLUGIN.FIELD or answers (an `in (…)` counts one): each is
/// a subquery over a view, which SQLite expands where it is used.
inline constexpr size_t kFilterMaxLookups = 64;

/// A compiled filter: `sql` is a condition with `?` placeholders, one per
/// entry of `binds`, in order. Empty `sql` means "no filter".
struct SqlFilter {
  std::string sql;
  std::vector<SqlValue> binds;
};

/// Parses and compiles `where`. Errors say the position (1-based column)
/// and what was expected, which field/value is wrong, or which limit above
/// was passed; they never contain SQL.
Result<SqlFilter> CompileFilter(std::string_view where);

/// What a user may type for the values of a field (stage, touchpoint):
/// each key is an id or a label in lower case (ASCII), mapped to the id
/// stored. `valid` lists them for messages ("purchase (Purchase), …").
struct FilterVocabulary {
  struct Field {
    std::map<std::string, std::string> by_name;
    std::string valid;
  };
  std::map<std::string, Field> fields;
};

/// `where` with every value of a vocabulary field compared by = != or
/// `in` replaced by its id, so `stage = Purchase` and
/// `touchpoint = "customer support"` find what the map prints. A value the
/// vocabulary does not know is an error (InvalidArgument) naming the valid
/// ones. Syntax errors are left for CompileFilter to report; the text
/// comes back unchanged when nothing needs resolving.
Result<std::string> ResolveFilterValues(std::string_view where, const FilterVocabulary& vocabulary);

/// Parses an ISO-8601 date or date-time ("2024-03-01", "2024-03-01T08:30",
/// "2024-03-01 08:30:15", optional "Z") as UTC milliseconds since the epoch.
Result<int64_t> ParseIsoTimeMs(std::string_view text);

}  // namespace cxmap::core
