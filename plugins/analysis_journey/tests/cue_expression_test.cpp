// SPDX-License-Identifier: Apache-2.0
#include "cue_expression.h"

#include <gtest/gtest.h>

namespace cxmap::journey {
namespace {

Expr Parse(std::string_view text) {
  ExprError error;
  auto e = ParseCueExpression(text, &error);
  EXPECT_TRUE(e.has_value()) << text << ": " << error.line << ":" << error.column << " expected "
                             << error.expected << ", found " << error.found;
  return e.value_or(Expr{});
}

ExprError Fail(std::string_view text) {
  ExprError error;
  EXPECT_FALSE(ParseCueExpression(text, &error).has_value()) << text;
  return error;
}

TEST(CueExpression, ParsesTheIssueExample) {
  Expr e = Parse(R"(any("giao hàng", "delivery", "配送", "จัดส่ง") and not any("nhanh chóng"))");
  ASSERT_EQ(e.kind, ExprKind::kAnd);
  ASSERT_EQ(e.children[0].kind, ExprKind::kAny);
  EXPECT_EQ(e.children[0].args,
            (std::vector<std::string>{"giao hàng", "delivery", "配送", "จัดส่ง"}));
  ASSERT_EQ(e.children[1].kind, ExprKind::kNot);
  EXPECT_EQ(e.children[1].children[0].args, std::vector<std::string>{"nhanh chóng"});
}

TEST(CueExpression, AndBindsTighterThanOrAndParenthesesGroup) {
  Expr e = Parse(R"(column("Q5") or channel == "call" and attribute("queue") != "billing")");
  ASSERT_EQ(e.kind, ExprKind::kOr);
  EXPECT_EQ(e.children[0].kind, ExprKind::kColumn);
  ASSERT_EQ(e.children[1].kind, ExprKind::kAnd);
  EXPECT_EQ(e.children[1].children[0].kind, ExprKind::kChannel);
  const Expr& attr = e.children[1].children[1];
  EXPECT_EQ(attr.kind, ExprKind::kAttribute);
  EXPECT_TRUE(attr.negated);
  EXPECT_EQ(attr.args, (std::vector<std::string>{"queue", "billing"}));

  Expr g = Parse(R"((column("Q5") or channel == "call") and language == "vi")");
  ASSERT_EQ(g.kind, ExprKind::kAnd);
  EXPECT_EQ(g.children[0].kind, ExprKind::kOr);
  EXPECT_EQ(Parse(R"(not not true)").children[0].kind, ExprKind::kNot);
}

TEST(CueExpression, StringsKeepEscapesAndUtf8) {
  Expr e = Parse(R"(any("say \"hi\"", "a\\b", "門市"))");
  EXPECT_EQ(e.args, (std::vector<std::string>{"say \"hi\"", "a\\b", "門市"}));
}

// A keyword ends at the first byte that is not an ASCII letter, digit or
// '_': "and_" is a name, not `and`; in "andé" the keyword is followed by a
// letter no condition starts with, and the error points at it (the test of
// that byte no longer goes through isalnum(), undefined for a negative char).
TEST(CueExpression, AKeywordEndsAtTheFirstByteThatIsNoAsciiNameCharacter) {
  EXPECT_EQ(Parse("true and true").kind, ExprKind::kAnd);
  EXPECT_EQ(Fail("true and_ true").column, 6u);  // after `true`: and, or or the end
  EXPECT_EQ(Fail("true andé true").column, 9u);  // after `and`: a condition
  EXPECT_EQ(Fail("true and\xC3 true").column, 9u);
  EXPECT_EQ(Fail("notđ true").column, 4u);
}

TEST(CueExpression, ErrorsGiveLineColumnAndWhatWasExpected) {
  ExprError e = Fail(R"(any("a", ) and true)");
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 10u);
  EXPECT_EQ(e.expected, "a quoted string");
  EXPECT_EQ(e.found, "') and true'");

  e = Fail("any(\"a\")\n  and anything");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 7u);
  EXPECT_NE(e.expected.find("a condition"), std::string::npos) << e.expected;

  e = Fail(R"(channel = "call")");
  EXPECT_EQ(e.column, 9u);
  EXPECT_EQ(e.expected, "'==' or '!='");

  e = Fail(R"(any("giao hàng" "x"))");  // column counts code points, not bytes
  EXPECT_EQ(e.column, 17u);
  EXPECT_EQ(e.expected, "')'");

  e = Fail(R"(column("Q5") column("Q6"))");
  EXPECT_EQ(e.column, 14u);
  EXPECT_EQ(e.expected, "'and', 'or' or the end of the expression");

  e = Fail(R"(any("unterminated))");
  EXPECT_EQ(e.expected, "'\"' (the end of the string)");
  EXPECT_EQ(e.found, "end");

  e = Fail("");
  EXPECT_EQ(e.found, "end");
  e = Fail("(true");
  EXPECT_EQ(e.expected, "')'");
}

TEST(CueExpression, DeepNestingIsRefusedNotACrash) {
  ExprError e = Fail(std::string(100, '(') + "true" + std::string(100, ')'));
  EXPECT_EQ(e.column, 33u);
  EXPECT_EQ(e.expected, "at most 32 nested parentheses");
  std::string chain = "true";
  for (int i = 0; i < 600; ++i) chain += " and true";
  EXPECT_EQ(Fail(chain).expected, "at most 512 and/or/not operators");
  EXPECT_TRUE(ParseCueExpression(std::string(20, '(') + "true" + std::string(20, ')'), &e));
}

TEST(CueExpression, EvaluatesAgainstARecordAndMatchedLists) {
  cxmap::Record r;
  r.channel = Channel::kCall;
  r.attributes = {{"queue", "Billing"}, {"question", "Q5"}};
  std::vector<cxmap_kv> kv;
  cxmap_record c = ToC(r, kv);
  RecordView view(&c);
  std::vector<bool> lists = {true, false};
  ExprContext ctx{&view, "vi", &lists};
  auto eval = [&](std::string_view text) {
    Expr e = Parse(text);
    int next = 0;
    ForEachAny(e, [&](Expr& any) { any.list = next++; });
    return Evaluate(e, ctx);
  };
  EXPECT_TRUE(eval(R"(channel == "CALL" and attribute("queue") == "billing")"));
  EXPECT_FALSE(eval(R"(channel != "call")"));
  EXPECT_TRUE(eval(R"(attribute("missing") != "x")"));
  EXPECT_TRUE(eval(R"(column("Q5") and language == "vi")"));
  EXPECT_FALSE(eval(R"(column("Q6") or language == "v")"));
  EXPECT_TRUE(eval(R"(any("a") and not any("b"))"));
  EXPECT_FALSE(eval(R"(any("a") and any("b"))"));
}

}  // namespace
}  // namespace cxmap::journey
