// SPDX-License-Identifier: Apache-2.0
#include "core/storage/record_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace cxmap::core {
namespace {

std::string S(const SqlValue& v) { return std::get<std::string>(v); }

TEST(RecordFilter, CompilesTheIssueExampleToBoundSql) {
  auto f = CompileFilter("lang = vi and stage = purchase and sentiment < 0");
  ASSERT_TRUE(f.ok()) << f.status().message();
  // A chain of `and` is a balanced tree (SQLite's parser stack is small).
  EXPECT_EQ(f->sql, "(((lang = ? OR lang LIKE ? ESCAPE '\\')) AND ((stage = ?) AND (sentiment < ?)))");
  ASSERT_EQ(f->binds.size(), 4u);
  EXPECT_EQ(S(f->binds[0]), "vi");
  EXPECT_EQ(S(f->binds[1]), "vi-%");
  EXPECT_EQ(S(f->binds[2]), "purchase");
  EXPECT_DOUBLE_EQ(std::get<double>(f->binds[3]), 0.0);
}

TEST(RecordFilter, PluginFieldsAndAnswersAreBoundNeverSpliced) {
  auto f = CompileFilter("analysis_refund.request = true and answers.q5 >= 4");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->sql,
            "(((SELECT x.value FROM results x WHERE x.record = facts.record AND x.plugin = ?"
            " AND x.field = ? AND x.sentence = -1 LIMIT 1) = ?) AND (EXISTS (SELECT 1 FROM answers a"
            " WHERE a.response = facts.response AND a.question = ? AND (coalesce(a.number, a.value)"
            " >= ?))))");
  ASSERT_EQ(f->binds.size(), 5u);
  EXPECT_EQ(S(f->binds[0]), "analysis_refund");
  EXPECT_EQ(S(f->binds[1]), "request");
  EXPECT_EQ(std::get<int64_t>(f->binds[2]), 1);
  EXPECT_EQ(S(f->binds[3]), "q5");
  EXPECT_DOUBLE_EQ(std::get<double>(f->binds[4]), 4.0);

  // A word compares with the answer's text, a number with its number;
  // != means no answer equals it.
  auto word = CompileFilter("answers.q2 != App");
  ASSERT_TRUE(word.ok()) << word.status().message();
  EXPECT_EQ(word->sql,
            "(NOT EXISTS (SELECT 1 FROM answers a WHERE a.response = facts.response AND"
            " a.question = ? AND (a.value = ?)))");

  // A question id with spaces or non-Latin letters, and `in`.
  auto q = CompileFilter("answer(\"Bạn hài lòng không?\") in (\"Rất hài lòng\", 5)");
  ASSERT_TRUE(q.ok()) << q.status().message();
  // One lookup for the list (the question bound once), any value matching.
  ASSERT_EQ(q->binds.size(), 3u);
  EXPECT_EQ(S(q->binds[0]), "Bạn hài lòng không?");
  EXPECT_EQ(S(q->binds[1]), "Rất hài lòng");
  EXPECT_DOUBLE_EQ(std::get<double>(q->binds[2]), 5.0);
  EXPECT_EQ(q->sql,
            "(EXISTS (SELECT 1 FROM answers a WHERE a.response = facts.response AND a.question = ? AND"
            " ((a.value = ?) OR (coalesce(a.number, a.value) = ?))))");
  auto plugin_in = CompileFilter("analysis_x.y in (a, 2, true)");
  ASSERT_TRUE(plugin_in.ok()) << plugin_in.status().message();
  EXPECT_EQ(plugin_in->sql,
            "((SELECT x.value FROM results x WHERE x.record = facts.record AND x.plugin = ?"
            " AND x.field = ? AND x.sentence = -1 LIMIT 1) IN (?, ?, ?))");
  ASSERT_EQ(plugin_in->binds.size(), 5u);
  EXPECT_EQ(S(plugin_in->binds[2]), "a");
  EXPECT_DOUBLE_EQ(std::get<double>(plugin_in->binds[3]), 2.0);
  EXPECT_EQ(std::get<int64_t>(plugin_in->binds[4]), 1);

  // An injection attempt stays a value.
  auto evil = CompileFilter("analysis_x.y = \"'); DROP TABLE records;--\"");
  ASSERT_TRUE(evil.ok());
  EXPECT_EQ(evil->sql.find("DROP"), std::string::npos);
  EXPECT_FALSE(CompileFilter("a.b.c = 1").ok());
}

TEST(RecordFilter, PrecedenceInNotContainsAttributeAndTime) {
  auto f = CompileFilter(
      "touchpoint in (delivery, \"returns_refunds\") or not (nps >= 9) and text contains \"giao hàng\"");
  ASSERT_TRUE(f.ok()) << f.status().message();
  // and binds tighter than or
  EXPECT_EQ(f->sql,
            "(((touchpoint = ?) OR (touchpoint = ?)) OR (((nps >= ?) IS NOT 1) AND "
            "(instr(lower(text), lower(?)) > 0)))");
  EXPECT_EQ(S(f->binds[3]), "giao hàng");
  auto a = CompileFilter("attribute(\"queue\") = billing and time >= 2024-03-01T08:30Z");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->sql, "((json_extract(attributes, ?) = ?) AND (time_ms >= ?))");
  EXPECT_EQ(S(a->binds[0]), "$.\"queue\"");
  EXPECT_EQ(std::get<int64_t>(a->binds[2]), 1709281800000);  // date -u -d 2024-03-01T08:30Z +%s
  auto label = CompileFilter("sentiment = negative and mapped = false");
  ASSERT_TRUE(label.ok());
  EXPECT_EQ(label->sql, "((sentiment_label = ?) AND (touchpoint IS NULL))");
}

TEST(RecordFilter, InjectionAttemptsStayValues) {
  for (const char* evil : {"lang = \"vi' OR 1=1 --\"", "segment = \"x\\\"); DROP TABLE records; --\"",
                           "text contains \"'; DELETE FROM records; --\""}) {
    auto f = CompileFilter(evil);
    ASSERT_TRUE(f.ok()) << evil << ": " << f.status().message();
    EXPECT_EQ(f->sql.find("DROP"), std::string::npos) << f->sql;
    EXPECT_EQ(f->sql.find("DELETE"), std::string::npos) << f->sql;
    EXPECT_EQ(f->sql.find("1=1"), std::string::npos) << f->sql;
  }
  // Unquoted, the SQL text cannot even parse as a value.
  EXPECT_FALSE(CompileFilter("lang = vi; DROP TABLE records").ok());
  EXPECT_FALSE(CompileFilter("attribute(\"a\\\"b\") = 1").ok()) << "no quote inside a JSON path";
}

TEST(RecordFilter, ErrorsSayWhereAndWhat) {
  auto missing = CompileFilter("lang = vi and");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("column 14"), std::string::npos) << missing.status().message();
  EXPECT_NE(missing.status().message().find("expected a condition"), std::string::npos);
  auto op = CompileFilter("nps ~ 3");
  ASSERT_FALSE(op.ok());
  EXPECT_NE(op.status().message().find("column 5"), std::string::npos) << op.status().message();
  EXPECT_NE(op.status().message().find("operator"), std::string::npos) << op.status().message();
  auto field = CompileFilter("colour = red");
  ASSERT_FALSE(field.ok());
  EXPECT_NE(field.status().message().find("unknown field 'colour'"), std::string::npos);
  auto number = CompileFilter("nps >= high");
  ASSERT_FALSE(number.ok());
  EXPECT_NE(number.status().message().find("expects a number"), std::string::npos);
  EXPECT_FALSE(CompileFilter("time > yesterday").ok());
  EXPECT_FALSE(CompileFilter(std::string(40, '(') + "nps > 1" + std::string(40, ')')).ok());
  EXPECT_TRUE(CompileFilter("   ").ok()) << "blank means no filter";
}

std::string Times(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(RecordFilter, NestingCountsParenthesesAndNotsUpToTheLimit) {
  const auto depth = static_cast<size_t>(kFilterMaxDepth);
  EXPECT_TRUE(CompileFilter(Times("not ", depth) + "nps > 1").ok());
  EXPECT_TRUE(CompileFilter(Times("(", depth) + "nps > 1" + Times(")", depth)).ok());
  auto nots = CompileFilter(Times("not ", depth + 1) + "nps > 1");
  ASSERT_FALSE(nots.ok());
  EXPECT_EQ(nots.status().message(),
            "--where: nested 17 levels deep; the limit is 16 (each '(' and each 'not' inside another"
            " counts one level)");
  EXPECT_FALSE(CompileFilter(Times("not (", 9) + "nps > 1" + Times(")", 9)).ok());
  // A `not` ends at the next and/or of its level; words and strings that
  // only contain "not" are not counted.
  EXPECT_TRUE(CompileFilter(Times("not nps > 1 and ", 40) + "nps > 1").ok());
  EXPECT_TRUE(CompileFilter(Times("(", depth) + "segment = notebook and text contains \"not not not\"" +
                            Times(")", depth)).ok());
  // A chain of not compiles to one level: odd IS NOT 1, even IS 1.
  EXPECT_EQ(CompileFilter("not not not nps > 1")->sql, "((nps > ?) IS NOT 1)");
  EXPECT_EQ(CompileFilter("not not nps > 1")->sql, "((nps > ?) IS 1)");
}

TEST(RecordFilter, TermsAndInValuesUpToTheLimitsAndBalancedSql) {
  auto terms = [](size_t n, const std::string& op) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += (i ? " " + op + " " : "") + "nps = " + std::to_string(i % 10);
    return out;
  };
  auto many = CompileFilter(terms(kFilterMaxTerms, "or"));
  ASSERT_TRUE(many.ok()) << many.status().message();
  EXPECT_EQ(many->binds.size(), kFilterMaxTerms);
  // Balanced: about log2(1000) = 10 levels of parentheses, not 1000.
  int deepest = 0, d = 0;
  for (char c : many->sql) deepest = std::max(deepest, d += c == '(' ? 1 : c == ')' ? -1 : 0);
  EXPECT_LE(deepest, 12);
  auto over = CompileFilter(terms(kFilterMaxTerms + 1, "and"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(),
            "--where: 1001 conditions; the limit is 1000 (each value of an 'in (…)' list counts one)");
  std::string list;
  for (size_t i = 0; i <= kFilterMaxInValues; ++i) list += (i ? ", v" : "v") + std::to_string(i);
  auto in = CompileFilter("segment in (" + list + ")");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().message(),
            "--where: an 'in (…)' list has 1001 values; the limit is 1000 values per list");
  std::string lookups;
  for (size_t i = 0; i <= kFilterMaxLookups; ++i) lookups += (i ? " or " : "") + std::string("analysis_x.y = 1");
  auto many_lookups = CompileFilter(lookups);
  ASSERT_FALSE(many_lookups.ok());
  EXPECT_NE(many_lookups.status().message().find("65 conditions on plugin results or answers"),
            std::string::npos)
      << many_lookups.status().message();
  auto long_text = CompileFilter("text contains \"" + std::string(kFilterMaxBytes, 'x') + "\"");
  ASSERT_FALSE(long_text.ok());
  EXPECT_NE(long_text.status().message().find("the limit is 16384 bytes"), std::string::npos);
}

FilterVocabulary Stages() {
  FilterVocabulary v;
  auto& stage = v.fields["stage"];
  stage.by_name = {{"purchase", "purchase"}, {"use", "use"}, {"advocacy", "advocacy"}};
  stage.valid = "purchase (Purchase), use (Use), advocacy (Advocacy)";
  auto& tp = v.fields["touchpoint"];
  tp.by_name = {{"customer_support", "customer_support"}, {"customer support", "customer_support"},
                {"delivery", "delivery"}};
  tp.valid = "customer_support (Customer support), delivery (Delivery)";
  return v;
}

TEST(RecordFilter, LabelsResolveToIdsInAnyCase) {
  auto r = ResolveFilterValues("stage = Purchase", Stages());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "stage = purchase");
  r = ResolveFilterValues(
      "touchpoint in (\"Customer Support\", DELIVERY) and not (stage != USE or nps < 7)", Stages());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "touchpoint in (\"customer_support\", delivery) and not (stage != use or nps < 7)");
  // The rewritten filter compiles to the same SQL as the ids typed by hand.
  auto by_hand = CompileFilter(
      "touchpoint in (customer_support, delivery) and not (stage != use or nps < 7)");
  auto resolved = CompileFilter(*r);
  ASSERT_TRUE(by_hand.ok() && resolved.ok());
  EXPECT_EQ(by_hand->sql, resolved->sql);
  EXPECT_EQ(by_hand->binds, resolved->binds);
}

TEST(RecordFilter, AnIdThatNeedsQuotesGetsThem) {
  FilterVocabulary v;
  v.fields["stage"].by_name = {{"aftersales", "after sales"}, {"after sales", "after sales"}};
  auto r = ResolveFilterValues("stage = Aftersales", v);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "stage = \"after sales\"");
  EXPECT_TRUE(CompileFilter(*r).ok());
}

TEST(RecordFilter, UnknownLabelsAreErrorsListingTheValidOnes) {
  auto r = ResolveFilterValues("stage = Buying", Stages());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no stage 'Buying'"), std::string::npos);
  EXPECT_NE(r.status().message().find("purchase (Purchase)"), std::string::npos);
}

TEST(RecordFilter, ResolvingLeavesEverythingElseAsWritten) {
  // Untouched: other fields, other operators, syntax errors (CompileFilter
  // reports those), and an empty vocabulary.
  for (const char* where : {"lang = vi and sentiment < 0", "stage contains pur",
                            "text contains \"stage = Buying\"", "stage =", "",
                            "attribute(\"queue\") = billing"}) {
    auto r = ResolveFilterValues(where, Stages());
    ASSERT_TRUE(r.ok()) << where;
    EXPECT_EQ(*r, where);
  }
  auto r = ResolveFilterValues("stage = Buying", FilterVocabulary{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "stage = Buying");
  // A long chain stays flat: re-emitting adds no nesting.
  std::string chain = "stage = Purchase";
  for (int i = 0; i < 60; ++i) chain += " or stage = use";
  r = ResolveFilterValues(chain, Stages());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(CompileFilter(*r).ok());
  EXPECT_EQ(r->find('('), std::string::npos);
}

}  // namespace
}  // namespace cxmap::core
