// SPDX-License-Identifier: Apache-2.0
// `cxmap import -` and `cxmap run -` (issue 18: "a source reads only regular
// files, or stdin, explicitly"): standard input lands like the same bytes
// from a file, under its display name, once, and leaves no copy behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

std::string Sample(const std::string& name) { return std::string(SAMPLES_DIR) + "/" + name; }

// `cat FILE | cxmap ARGS` through a real pipe, with TMPDIR set to `tmp`.
RunResult Piped(const std::string& file, const std::string& tmp, const std::string& args) {
  return RunShell("cat " + Quote(file) + " | TMPDIR=" + Quote(tmp) + " " + Quote(CXMAP_BIN) + " " + args);
}

size_t Entries(const std::string& folder) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++n;
  return n;
}

TEST(StdinInput, APipedExportLandsLikeTheFileUnderItsNameAndOnlyOnce) {
  TempDir dir;
  fs::create_directory(dir / "tmp");
  const std::string file = Sample("khao_sat_cua_hang.csv");
  RunResult piped = Piped(file, dir / "tmp", "--db " + Quote(dir / "p.db") + " import --stdin-name khao_sat.csv -");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_NE(piped.out.find("khao_sat.csv: generic_csv via source_csv_survey: 10 records read"), std::string::npos)
      << piped.out;
  // Neither the output nor the plugins' log lines name the spool copy, and
  // the copy is gone.
  EXPECT_EQ((piped.out + piped.err).find("cxmap-stdin-"), std::string::npos) << piped.err;
  EXPECT_EQ(Entries(dir / "tmp"), 0u);

  RunResult from_file = RunCxmap("-q --db " + Quote(dir / "f.db") + " import " + Quote(file));
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  for (const char* sql : {"SELECT count(*) FROM responses", "SELECT count(*) FROM units"}) {
    EXPECT_EQ(QueryInt(dir / "p.db", sql), QueryInt(dir / "f.db", sql)) << sql;
  }
  EXPECT_EQ(QueryInt(dir / "p.db", "SELECT count(*) FROM files WHERE path = 'khao_sat.csv'"), 1);
  EXPECT_EQ(QueryInt(dir / "p.db", "SELECT count(*) FROM files WHERE path LIKE '%cxmap-stdin-%'"), 0);

  // The same bytes again, as a redirect this time: already imported.
  RunResult again = RunCxmap("--db " + Quote(dir / "p.db") + " import --stdin-name khao_sat.csv -",
                             ReadFile(file));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("khao_sat.csv: already imported"), std::string::npos) << again.out;
  EXPECT_EQ(QueryInt(dir / "p.db", "SELECT count(*) FROM responses"), 10);
}

TEST(StdinInput, RunAnalysesStandardInputAndRejectsNameIt) {
  TempDir dir;
  // Line 5 opens a quote it never closes: a reject that must name the
  // input, not the spool copy.
  const std::string csv = dir.Write("in.csv",
                                    "id,nps,comment\n"
                                    "A-1,9,\"Giao hàng nhanh, đóng gói cẩn thận\"\n"
                                    "A-2,4,แอปค้างตลอดเลย ใช้งานไม่ได้\n"
                                    "A-3,2,快递三天才到，客服也不回复\n"
                                    "\"A-4,3,broken quote\n");
  RunResult r = Piped(csv, dir.path().string(),
                      "-q --db " + Quote(dir / "r.db") + " run --no-report --stdin-name feedback.csv -");
  EXPECT_EQ(r.exit_code, 1) << r.err;  // rows were rejected
  EXPECT_NE(r.out.find("feedback.csv: generic_csv via source_csv_survey: 3 records read"), std::string::npos)
      << r.out;
  EXPECT_EQ(QueryInt(dir / "r.db", "SELECT count(*) FROM responses"), 3);
  RunResult rejects = RunCxmap("--db " + Quote(dir / "r.db") + " status --rejects");
  EXPECT_NE(rejects.out.find("feedback.csv:5: unterminated quoted field"), std::string::npos) << rejects.out;
  RunResult status = RunCxmap("--db " + Quote(dir / "r.db") + " status --json");
  EXPECT_EQ(status.out.find("cxmap-stdin-"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("\"unanalysed\": 0"), std::string::npos) << status.out;
}

TEST(StdinInput, ItCanBeGivenOnceIsBoundedAndAnEmptyOneIsSkipped) {
  TempDir dir;
  RunResult twice = RunCxmap("--db " + Quote(dir / "t.db") + " import - -", "id,comment\n1,ok\n");
  EXPECT_EQ(twice.exit_code, 2) << twice.err;
  EXPECT_NE(twice.err.find("can be given once"), std::string::npos) << twice.err;

  const std::string config = dir.Write("c.toml", "[limits]\nstdin_bytes = 100\n");
  fs::create_directory(dir / "tmp");
  RunResult big = Piped(Sample("survey_demo.csv"), dir / "tmp",
                        "--config " + Quote(config) + " --db " + Quote(dir / "t.db") + " import -");
  EXPECT_EQ(big.exit_code, 2) << big.err;
  EXPECT_NE(big.err.find("longer than 100 bytes ([limits] stdin_bytes)"), std::string::npos) << big.err;
  EXPECT_EQ(Entries(dir / "tmp"), 0u);
  EXPECT_EQ(QueryInt(dir / "t.db", "SELECT count(*) FROM responses"), 0);

  RunResult empty = RunCxmap("--db " + Quote(dir / "t.db") + " import -", "");
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_NE(empty.out.find("stdin: skipped: empty file (0 bytes)"), std::string::npos) << empty.out;

  RunResult bad_name = RunCxmap("--db " + Quote(dir / "t.db") + " import --stdin-name a/b.csv -", "x\n");
  EXPECT_EQ(bad_name.exit_code, 2) << bad_name.err;
}

}  // namespace
}  // namespace cxmap::testing
