// SPDX-License-Identifier: Apache-2.0
// Bad inputs through the real binary (issue 18): FIFOs and devices,
// folders with loops and files no source reads, empty files, broken XLSX,
// a 10 MB text; exit codes and the resume hint.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

const char* kResumeHint = "run the same command again";

std::string Survey() { return ReadFile(std::string(SAMPLES_DIR) + "/survey_demo.csv"); }

// A small survey export with response ids of its own.
std::string OtherSurvey() {
  return "id,nps,comment\nZ-1,9,\"Giao hàng nhanh, đóng gói cẩn thận\"\nZ-2,3,The app keeps "
         "crashing\n";
}

TEST(Inputs, AFifoWithAWriterIsRefusedNamingItAndNothingIsLost) {
  TempDir dir;
  const std::string fifo = dir / "feed.csv";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // A writer waiting on the FIFO: before, cxmap hashed the data away and
  // then imported 0 records with exit 0.
  std::thread writer([&] {
    int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd < 0) return;
    const std::string data = Survey();
    (void)!::write(fd, data.data(), data.size());
    ::close(fd);
  });
  RunResult r =
      RunCxmapWith("timeout 60", "-q --db " + Quote(dir / "f.db") + " import " + Quote(fifo));
  // Release the writer whatever cxmap did (it never opened the FIFO).
  int release = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  writer.join();
  if (release >= 0) ::close(release);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find(fifo + ": is a named pipe (FIFO), not a regular file"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find(kResumeHint), std::string::npos) << r.err;
  EXPECT_EQ(QueryInt(dir / "f.db", "SELECT count(*) FROM imports"), 0);
}

TEST(Inputs, DevicesAreRefusedBeforeAnyReadEvenThroughAForcedSource) {
  TempDir dir;
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    for (const char* command : {"import", "inspect", "classify --column x"}) {
      const std::string args = "-q --db " + Quote(dir / "d.db") + " " + command +
                               " --source source_csv_survey " + device;
      RunResult r = RunCxmapWith("timeout 60", args);
      EXPECT_EQ(r.exit_code, 3) << args << "\n" << r.err;
      EXPECT_NE(r.err.find(std::string(device) + ": is a character device"), std::string::npos)
          << args << "\n"
          << r.err;
    }
  }
}

TEST(Inputs, EachFileOfAFolderSucceedsOrFailsOnItsOwnAndTheSummaryListsThem) {
  TempDir dir;
  fs::create_directory(dir / "in");
  const std::string in = dir / "in";
  dir.Write("in/a_survey.csv", Survey());
  dir.Write("in/b_empty.csv", "");
  dir.Write("in/c_nul.csv", std::string("id,comment\n1,abc\0def\n", 21));
  fs::create_symlink(in + "/d_loop.csv", in + "/d_loop.csv");  // a symlink loop
  dir.Write("in/e_other.csv", OtherSurvey());
  const std::string db = dir / "m.db";
  RunResult r = RunCxmap("--db " + Quote(db) + " import " + Quote(in));
  // A file failed: exit 3, but every other file went through.
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("summary: 5 inputs: 2 imported, 1 skipped, 2 failed"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(in + "/a_survey.csv: imported"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(in + "/b_empty.csv: skipped: empty file (0 bytes)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(in + "/c_nul.csv: failed: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(in + "/d_loop.csv: failed: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(in + "/e_other.csv: imported"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("d_loop.csv"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(kResumeHint), std::string::npos) << "no resume hint for permanent errors:\n"
                                                        << r.err;
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM imports WHERE finished_at IS NOT NULL"), 2);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM records WHERE external_id LIKE '%:Z-_'"), 2)
      << "the file after the failures was imported";

  // Run again: the good files are already there, the bad ones still fail.
  RunResult again = RunCxmap("--db " + Quote(db) + " import " + Quote(in));
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_NE(again.out.find(in + "/e_other.csv: already imported"), std::string::npos) << again.out;
}

TEST(Inputs, AnEmptyFileIsSkippedWithAReasonAndAnEmptyFolderIsNamed) {
  TempDir dir;
  const std::string empty = dir.Write("empty.csv", "");
  RunResult r = RunCxmap("--db " + Quote(dir / "e.db") + " import " + Quote(empty));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(empty + ": skipped: empty file (0 bytes)"), std::string::npos) << r.out;

  fs::create_directory(dir / "nothing");
  RunResult none = RunCxmap("--db " + Quote(dir / "e.db") + " import " + Quote(dir / "nothing"));
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find(dir / "nothing" + ": no input files in this folder"), std::string::npos)
      << none.err;
}

TEST(Inputs, XlsxErrorsExitThreeNamingTheFileWithoutAResumeHint) {
  TempDir dir;
  const std::string xlsx_dir =
      std::string(TEST_DATA_DIR) + "/../../plugins/source_csv_survey/tests/data/xlsx/";
  // A DOCTYPE in the workbook part (the plugin names only the part), a
  // DOCTYPE in a sheet, a zip bomb, and a truncated zip forced through
  // the CSV source: data errors, exit 3 (was 2, the usage code).
  const std::string truncated =
      dir.Write("cut.xlsx", std::string("PK\x03\x04", 4) + std::string(200, 'x'));
  for (const std::string& file :
       {std::string(TEST_DATA_DIR) + "/fixtures/bad_inputs/doctype_workbook.xlsx",
        xlsx_dir + "entities.xlsx", xlsx_dir + "zip_bomb.xlsx", truncated}) {
    for (const std::string& command : {std::string("import --source source_csv_survey"),
                                       std::string("import"), std::string("inspect")}) {
      if (file == truncated && command != "import --source source_csv_survey")
        continue;  // not sniffed as XLSX
      RunResult r = RunCxmap("-q --db " + Quote(dir / "x.db") + " " + command + " " + Quote(file));
      EXPECT_EQ(r.exit_code, 3) << command << " " << file << "\n" << r.err;
      EXPECT_NE(r.err.find(file + ": "), std::string::npos) << command << "\n" << r.err;
      EXPECT_EQ(r.err.find(kResumeHint), std::string::npos) << command << "\n" << r.err;
    }
  }
  // Between good files, a broken workbook fails alone.
  const std::string good = dir.Write("a.csv", OtherSurvey());
  RunResult mixed = RunCxmap("--db " + Quote(dir / "m.db") + " import " +
                             Quote(xlsx_dir + "entities.xlsx") + " " + Quote(good));
  EXPECT_EQ(mixed.exit_code, 3) << mixed.err;
  EXPECT_NE(mixed.out.find(good + ": imported"), std::string::npos) << mixed.out;
}

TEST(Inputs, UsageErrorsExitTwoOnceWithoutAResumeHint) {
  TempDir dir;
  const std::string csv = dir.Write("s.csv", Survey());
  for (const char* args :
       {"import --source source_nope", "-o source_csv_survey.delimiter=xyz import"}) {
    RunResult r = RunCxmap("-q --db " + Quote(dir / "u.db") + " " + args + " " + Quote(csv) + " " +
                           Quote(csv));
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_EQ(r.err.find(kResumeHint), std::string::npos) << args << "\n" << r.err;
  }
}

TEST(Inputs, ATenMegabyteTextIsStoredWholeAndALongerRecordIsRejectedByTheSizeGuard) {
  TempDir dir;
  const std::string big(10 * 1000 * 1000, 'a');
  const std::string csv = dir.Write("big.csv", "id,comment\nB-1,\"" + big + "\"\nB-2,short one\n");
  const std::string db = dir / "b.db";
  RunResult r = RunCxmap("-q --db " + Quote(db) + " import " + Quote(csv));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(QueryInt(db, "SELECT max(length(text)) FROM records"),
            static_cast<long long>(big.size()));

  // Past the CSV source's max_record_bytes (16 MiB): that row is rejected
  // with the limit named, the next one lands (exit 1).
  const std::string huge(17 * 1024 * 1024, 'b');
  const std::string over =
      dir.Write("over.csv", "id,comment\nH-1,\"" + huge + "\"\nH-2,short one\n");
  RunResult o = RunCxmap("-q --db " + Quote(db) + " import " + Quote(over));
  EXPECT_EQ(o.exit_code, 1) << o.err;
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM rejected WHERE reason LIKE '%max_record_bytes%'"),
            1);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM records WHERE external_id LIKE '%:H-2'"), 1);
}

}  // namespace
}  // namespace cxmap::testing
