// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/record.h"

namespace cxmap::journey {

/// What a node of a cue expression tests.
enum class ExprKind {
  kAny,        ///< any("a", "b"): one of the phrases occurs in the text (args = phrases)
  kColumn,     ///< column("Q5"): the record answers survey question Q5 (args = {name})
  kChannel,    ///< channel == "call" (args = {value})
  kAttribute,  ///< attribute("queue") == "billing" (args = {key, value})
  kLanguage,   ///< language == "vi": the record's tag starts with it (args = {value})
  kTrue,       ///< true
  kNot,
  kAnd,
  kOr,
};

/// A parsed cue expression. Precedence: not > and > or; parentheses group.
/// Comparisons are `==` or `!=` (negated) and ignore ASCII case.
struct Expr {
  ExprKind kind = ExprKind::kTrue;
  bool negated = false;            ///< `!=` instead of `==`
  std::vector<std::string> args;   ///< see ExprKind
  std::vector<Expr> children;      ///< kNot: 1, kAnd/kOr: 2
  int list = -1;                   ///< kAny: index of its compiled phrase list (CueIndex)
};

/// Where and why a cue expression failed to parse. Line and column are
/// 1-based within the expression text; the column counts code points.
struct ExprError {
  size_t offset = 0;
  size_t line = 1, column = 1;
  std::string expected;  ///< e.g. "')'", "a quoted string", "'and', 'or' or the end"
  std::string found;     ///< the text at the error (up to 12 code points) or "end"
};

/// Parses `text` with Boost.Spirit X3. Returns the tree, or the error in
/// `*error`. Never throws; safe to call from any thread.
std::optional<Expr> ParseCueExpression(std::string_view text, ExprError* error);

/// What an expression is evaluated against: one record, and which compiled
/// phrase lists matched in the scope (the record or one of its sentences).
struct ExprContext {
  const RecordView* record = nullptr;        ///< null: record tests are false
  std::string_view language;                 ///< the record's tag, else the detected one
  const std::vector<bool>* lists = nullptr;  ///< lists[i]: phrase list i matched
  bool asks = false;  ///< the scope asks a question (see Journey::question_stage)
  bool offers_alternatives = false;  ///< it names "A or B" (Journey::alternative_stage)
};

/// Evaluates `e`. Thread-safe (reads only).
bool Evaluate(const Expr& e, const ExprContext& context);

/// Calls `fn(Expr&)` for every kAny node, in source order (to compile lists).
template <typename Fn>
void ForEachAny(Expr& e, Fn&& fn) {
  if (e.kind == ExprKind::kAny) fn(e);
  for (Expr& c : e.children) ForEachAny(c, fn);
}

}  // namespace cxmap::journey
