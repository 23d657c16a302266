// SPDX-License-Identifier: Apache-2.0
// The parsed form of a `--where` filter (docs/cli.md, "Filters"): the
// syntax tree the X3 grammar builds, shared by the SQL compiler
// (record_filter.cpp) and the label resolver (filter_resolve.cpp).
// Internal to core/storage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core::filter {

struct Literal {
  bool quoted = false;
  std::string text;
};

enum class Kind { kCompare, kIn, kContains, kNot, kAnd, kOr };

struct Node {
  Kind kind = Kind::kCompare;
  std::string field;
  std::string attribute_key;  // for attribute("key")
  std::string op;
  std::vector<Literal> values;
  std::vector<Node> children;
};

/// True when `where` holds nothing but white space (no filter).
bool IsBlank(std::string_view where);

/// Parses `where` into `root`. InvalidArgument "--where: at column N (at
/// 'text'): expected …" on a syntax error. The limits (filter_limits.h)
/// are the caller's to check, before (text) and after (terms).
Status Parse(std::string_view where, Node* root);

}  // namespace cxmap::core::filter
