// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for analysis_journey's cue-expression parser (Spirit X3):
// arbitrary bytes are parsed; a parsed tree is evaluated; an error must
// point inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "cue_expression.h"

using cxmap::journey::Expr;
using cxmap::journey::ExprError;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ExprError error;
  std::optional<Expr> e = cxmap::journey::ParseCueExpression(text, &error);
  if (!e) {
    // The reported position is inside the text (or at its end), 1-based.
    if (error.offset > size || error.line < 1 || error.column < 1 || error.expected.empty()) std::abort();
    return 0;
  }
  int lists = 0;
  cxmap::journey::ForEachAny(*e, [&](Expr& any) {
    if (any.args.empty()) std::abort();  // any() needs at least one phrase
    any.list = lists++;
  });
  std::vector<bool> matched(static_cast<size_t>(lists), size % 2 == 1);
  cxmap::journey::ExprContext context{nullptr, "vi", &matched};
  (void)cxmap::journey::Evaluate(*e, context);
  // Parsing is a pure function of the text.
  ExprError again;
  if (!cxmap::journey::ParseCueExpression(text, &again)) std::abort();
  return 0;
}
