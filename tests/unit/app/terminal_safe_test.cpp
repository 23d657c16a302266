// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/app/commands.h"

namespace cxmap::core {
namespace {

TEST(TerminalSafe, ControlCharactersBecomeVisibleAndTextStaysAsWritten) {
  EXPECT_EQ(TerminalSafe("Giao hàng chậm 😡 ส่งช้า 物流慢"), "Giao hàng chậm 😡 ส่งช้า 物流慢");
  EXPECT_EQ(TerminalSafe("ok\x1b[31mred\x07"), "ok\\x1b[31mred\\x07");
  EXPECT_EQ(TerminalSafe("a\tb\nc\rd\x7f"), "a\\tb\\nc\\x0dd\\x7f");
  EXPECT_EQ(TerminalSafe("csi \xC2\x9B" "2J"), "csi \\u{9b}2J");  // U+009B, the 8-bit CSI
  EXPECT_EQ(TerminalSafe("\xC2\xA0nbsp"), "\xC2\xA0nbsp");        // U+00A0 is printable
}

TEST(TerminalSafe, MessagesKeepTheirIndentedLinesButDataCannotStartALine) {
  // cxmap's own long messages continue on lines indented by two spaces.
  EXPECT_EQ(TerminalSafeMessage("bad file\n  records before it are kept"),
            "bad file\n  records before it are kept");
  // A feedback text or plugin message cannot print a line of its own.
  EXPECT_EQ(TerminalSafeMessage("x\ncxmap: error: forged"), "x\\ncxmap: error: forged");
  EXPECT_EQ(TerminalSafeMessage("\x1b[2Jgone\r"), "\\x1b[2Jgone\\x0d");
  EXPECT_EQ(TerminalSafeMessage("ทุกอย่างดีมาก 很好"), "ทุกอย่างดีมาก 很好");
}

}  // namespace
}  // namespace cxmap::core
