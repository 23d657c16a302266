// SPDX-License-Identifier: Apache-2.0
// Text from data or plugins on its way to a terminal: feedback is
// untrusted, and an ESC, BEL, carriage return or newline in it could
// recolour the screen, move the cursor or print a forged "cxmap: error:"
// line. JSON output never goes through here: it stays exact.
#pragma once

#include <string>
#include <string_view>

namespace cxmap::core {

/// `s` with C0 controls (\n and \t as "\n", "\t", others as "\x1b"), DEL
/// and C1 controls (U+0080..U+009F as "\u{9b}") made visible.
std::string TerminalSafe(std::string_view s);

/// For a log or error message: like TerminalSafe, except that a newline
/// followed by two spaces (how cxmap indents the lines of a long message)
/// is kept.
std::string TerminalSafeMessage(std::string_view s);

}  // namespace cxmap::core
