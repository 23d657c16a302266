// SPDX-License-Identifier: Apache-2.0
// The limits of the filter language (record_filter.h lists them, with
// docs/cli.md), checked on a filter's text before it is parsed and on its
// counts after, and the balanced join that keeps the compiled SQL shallow:
// SQLite's parser stack holds about 100 levels and its expression trees
// 1000, so `a or b or …` written flat or left-deep fails long before the
// limits below.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core {

/// The filter's length and nesting, from the text alone: each `(` and each
/// `not` counts one level (a `not` reaches to the next `and`/`or` or `)` of
/// its level; quoted strings are skipped), so the recursive parser never
/// goes deep on hostile input. InvalidArgument naming the limit and the
/// value found.
Status CheckFilterText(std::string_view text);

/// What a parsed filter holds, for CheckFilterCounts().
struct FilterCounts {
  size_t terms = 0;       ///< conditions; each value of an `in` list counts one
  size_t longest_in = 0;  ///< values of the longest `in` list
  size_t lookups = 0;     ///< PLUGIN.FIELD and answers conditions (an `in` counts one)
};

/// InvalidArgument naming the first limit `counts` passes, and its value.
Status CheckFilterCounts(const FilterCounts& counts);

/// parts[begin, end) (not empty) joined by `op` as a balanced tree of
/// parenthesised pairs, in order: depth log2 of their number.
std::string BalancedJoin(const std::vector<std::string>& parts, size_t begin, size_t end,
                         std::string_view op);

}  // namespace cxmap::core
