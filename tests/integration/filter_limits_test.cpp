// SPDX-License-Identifier: Apache-2.0
// The documented limits of `--where` through the real binary (issue 18):
// past one, the message names it and its value and never shows SQL;
// within them, deep and long filters work in every command that filters.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {

class FilterLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    RunResult r = RunCxmap("-q --db " + Quote(Db()) + " run --no-report");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return *dir_ / "f.db"; }
  static std::string Args(const std::string& command, const std::string& where) {
    return "-q --db " + Quote(Db()) + " " + command + " --where " + Quote(where);
  }
  static long long Count(const std::string& where) {
    RunResult r = RunCxmap(Args("query --count", where));
    EXPECT_EQ(r.exit_code, 0) << where.substr(0, 200) << "\n" << r.err;
    return r.exit_code == 0 ? std::stoll(r.out) : -1;
  }
  static std::string Repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  }
  // `first or … or last` over n terms made by term(i).
  template <typename F>
  static std::string Join(int n, const std::string& op, F term) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i ? " " + op + " " : "") + term(i);
    return out;
  }

  static TempDir* dir_;
};
TempDir* FilterLimits::dir_ = nullptr;

const char* kCommands[] = {"query", "query --count", "journey --json", "empathy --json",
                           "export --format json -o -"};

TEST_F(FilterLimits, PastALimitTheMessageNamesItAndItsValueAndShowsNoSql) {
  struct Case {
    std::string where, message;
  };
  const std::vector<Case> cases = {
      {Repeat("not ", 20) + "nps >= 9", "--where: nested 20 levels deep; the limit is 16"},
      {Repeat("(", 17) + "nps >= 9" + Repeat(")", 17),
       "--where: nested 17 levels deep; the limit is 16"},
      {Repeat("not (nps > 1 or ", 9) + "nps = 1" + Repeat(")", 9), "nested 18 levels deep"},
      {Join(1001, "or", [](int i) { return "nps = " + std::to_string(i % 11); }),
       "--where: 1001 conditions; the limit is 1000"},
      {"segment in (" + Join(1001, ",", [](int i) { return "s" + std::to_string(i); }) + ")",
       "--where: an 'in (…)' list has 1001 values; the limit is 1000 values per list"},
      {"text contains \"" + std::string(17000, 'x') + "\"", "the limit is 16384 bytes"},
      {Join(65, "or", [](int i) { return "analysis_sentiment.label = l" + std::to_string(i); }),
       "--where: 65 conditions on plugin results or answers (PLUGIN.FIELD, answers.QUESTION); the "
       "limit is 64"},
  };
  for (const Case& c : cases) {
    for (const char* command : kCommands) {
      RunResult r = RunCxmap(Args(command, c.where));
      EXPECT_EQ(r.exit_code, 2) << command << ": " << c.message << "\n" << r.err.substr(0, 400);
      EXPECT_NE(r.err.find(c.message), std::string::npos) << command << "\n"
                                                          << r.err.substr(0, 400);
      EXPECT_LT(r.err.size(), 400u) << command << ": " << r.err.substr(0, 400);
      for (const char* sql : {"SELECT", "coalesce", "sqlite"}) {
        EXPECT_EQ(r.err.find(sql), std::string::npos) << command << ": " << r.err.substr(0, 400);
      }
    }
  }
}

TEST_F(FilterLimits, FiltersWithinTheLimitsWorkAndMeanWhatTheySay) {
  const long long promoters = Count("nps >= 9");
  const long long all = Count("nps >= 0 or not nps >= 0");
  ASSERT_GT(promoters, 0);
  ASSERT_GT(all, promoters);
  // 16 and 15 chained `not`: the deepest allowed; a chain is one level of SQL.
  EXPECT_EQ(Count(Repeat("not ", 16) + "nps >= 9"), promoters);
  EXPECT_EQ(Count(Repeat("not ", 15) + "nps >= 9"), all - promoters);
  // 100 `or` terms (before: a parser stack overflow with 78 KB of SQL).
  EXPECT_EQ(Count(Join(100, "or", [](int i) { return "nps = " + std::to_string(i % 11); })),
            Count("nps in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)"));
  // 1,000 values in one list, also on a plugin's field (three bound
  // values each, and the export binds the filter twice).
  EXPECT_EQ(Count("lang in (vi, en, " +
                  Join(998, ",", [](int i) { return "x" + std::to_string(i); }) + ")"),
            Count("lang = vi or lang = en"));
  const std::string plugin_terms = "analysis_sentiment.label in (negative, " +
                                   Join(999, ",", [](int i) { return "l" + std::to_string(i); }) +
                                   ")";
  EXPECT_EQ(Count(plugin_terms), Count("analysis_sentiment.label = negative"));
  // 16 levels of `not (` … `or` …: every filtering command takes it.
  const std::string deep = Repeat("not (nps > 1 or ", 8) + "nps = 1" + Repeat(")", 8);
  for (const char* command : kCommands) {
    RunResult r = RunCxmap(Args(command, deep));
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.err.substr(0, 400);
  }
  // 64 lookups of plugin results, and the list of 1,000: every command.
  const std::string lookups = Join(64, "or", [](int i) {
    return "analysis_sentiment.label = " + std::string(i ? "l" + std::to_string(i) : "negative");
  });
  EXPECT_EQ(Count(lookups), Count("analysis_sentiment.label = negative"));
  for (const char* command : kCommands) {
    for (const std::string& where : {plugin_terms, lookups}) {
      RunResult r = RunCxmap(Args(command, where));
      EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.err.substr(0, 400);
    }
  }
}

}  // namespace
}  // namespace cxmap::testing
