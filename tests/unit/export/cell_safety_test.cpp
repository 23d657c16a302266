// SPDX-License-Identifier: Apache-2.0
#include "core/export/cell_safety.h"

#include <gtest/gtest.h>

namespace cxmap::core {
namespace {

TEST(CellSafety, NeutralisesEveryFormulaStart) {
  for (const char* cell : {"=1+1", "+1", "-2 stars", "@SUM(A1)", "\tx", "\rx",
                           "=HYPERLINK(\"http://x\")"}) {
    EXPECT_TRUE(LooksLikeFormula(cell)) << cell;
    EXPECT_EQ(NeutraliseFormula(cell), std::string("'") + cell);
  }
}

TEST(CellSafety, LeavesOrdinaryTextAlone) {
  for (const char* cell : {"", "ok", " =not first", "giao hàng chậm", "快递太慢", "'quoted",
                           "สินค้าดี"}) {
    EXPECT_FALSE(LooksLikeFormula(cell)) << cell;
    EXPECT_EQ(NeutraliseFormula(cell), cell);
  }
}

}  // namespace
}  // namespace cxmap::core
