// SPDX-License-Identifier: Apache-2.0
// A host that survives its source plugins: a vendor's source that crashes,
// aborts or hangs (tests/faulty_plugins/, FAULT_SRC_*) reads in a process
// of its own. The file it was reading fails on its own, named; the batches
// stored before stay; other files and other sources go on; the source is
// quarantined until `cxmap plugins retry`, and running again then adds
// exactly what was missing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {

std::string Dir(const std::string& c) {
  const char* out_of_tree = std::getenv("CXMAP_FAULTY_PLUGINS_DIR");
  if (out_of_tree != nullptr && c.rfind("fault_", 0) == 0)
    return std::string(out_of_tree) + "/" + c;
  return std::string(TEST_PLUGINS_DIR) + "/" + c;
}
std::string PluginDir(const std::string& c) { return "--plugin-dir " + Quote(Dir(c)); }

// Ten lines; the fourth triggers the fault when `trigger` is set.
std::string Lines(const std::string& stem, bool trigger) {
  std::string lines;
  for (int i = 0; i < 10; ++i) {
    lines += trigger && i == 3 ? stem + " will trigger it\n"
                               : stem + " text " + std::to_string(i) + "\n";
  }
  return lines;
}

long long Count(const std::string& db, const std::string& what) {
  return QueryInt(db, "SELECT count(*) FROM " + what);
}

bool IntegrityOk(const std::string& db) {
  return QueryInt(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'") ==
         1;
}

struct ReadFault {
  const char* folder;
  const char* plugin;
  const char* says;
};

class SourceReadFault : public ::testing::TestWithParam<ReadFault> {};

TEST_P(SourceReadFault, FailsItsFileOnlyIsQuarantinedAndARerunAddsWhatWasMissing) {
  const ReadFault& c = GetParam();
  TempDir dir;
  const std::string db = dir / "s.db";
  const std::string a = dir.Write("a.lines", Lines("a", false));
  const std::string b = dir.Write("b.faulty", Lines("b", true));
  const std::string z = dir.Write("z.lines", Lines("z", false));
  const std::string plugins = PluginDir("good") + " " + PluginDir(c.folder);
  const std::string files = Quote(a) + " " + Quote(b) + " " + Quote(z);
  auto started = std::chrono::steady_clock::now();
  RunResult r = RunCxmap(plugins + " --plugin-timeout 2 --db " + Quote(db) +
                         " import --batch-size 1 " + files);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  // Named: the plugin, what happened, and the file.
  EXPECT_NE(r.err.find(std::string("plugin ") + c.plugin), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("b.faulty: plugin"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("quarantined"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("failed"), std::string::npos) << r.out;
  // The other files whole, and the three batches before the fault.
  EXPECT_EQ(Count(db, "records WHERE file LIKE '%a.lines'"), 10);
  EXPECT_EQ(Count(db, "records WHERE file LIKE '%z.lines'"), 10);
  EXPECT_EQ(Count(db, "records WHERE file LIKE '%b.faulty'"), 3);
  EXPECT_TRUE(IntegrityOk(db));
  EXPECT_EQ(Count(db, "plugin_quarantine WHERE plugin='" + std::string(c.plugin) + "'"), 1);

  // The next run leaves it out and says so, with how to retry.
  RunResult again = RunCxmap(plugins + " --db " + Quote(db) + " import --batch-size 1 " + files);
  EXPECT_EQ(again.exit_code, 3) << again.err;
  EXPECT_NE(again.err.find("quarantined since"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("cxmap plugins retry " + std::string(c.plugin)), std::string::npos)
      << again.err;
  // The bundled CSV source would take b.faulty now; it must not add its own
  // reading of the rest to what the faulty source stored.
  EXPECT_NE(again.err.find("its import was begun by source " + std::string(c.plugin) +
                           ", which is quarantined"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(Count(db, "records"), 23);
  EXPECT_EQ(Count(db, "records WHERE source='source_csv_survey'"), 0);

  // Fixed and retried: running again adds exactly the missing seven.
  RunResult retry = RunCxmap(plugins + " --db " + Quote(db) + " plugins retry " + c.plugin);
  EXPECT_EQ(retry.exit_code, 0) << retry.err;
  RunResult fill = RunCxmapWith("CXMAP_TEST_HEALED=1",
                                plugins + " --db " + Quote(db) + " import --batch-size 1 " + files);
  EXPECT_EQ(fill.exit_code, 0) << fill.err;
  EXPECT_NE(fill.out.find("(resumed)"), std::string::npos) << fill.out;
  EXPECT_EQ(Count(db, "records WHERE file LIKE '%b.faulty'"), 10);
  EXPECT_EQ(Count(db, "records"), 30);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) - count(DISTINCT text) FROM records"), 0);
  EXPECT_EQ(Count(db, "plugin_quarantine"), 0);
  EXPECT_TRUE(IntegrityOk(db));
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, SourceReadFault,
    ::testing::Values(ReadFault{"fault_src_next_abort", "source_test_next_abort",
                                "crashed with signal 6 (SIGABRT, Aborted) in next_batch"},
                      ReadFault{"fault_src_next_hang", "source_test_next_hang",
                                "took longer than the limit of 2 s in next_batch"}),
    [](const auto& info) { return std::string(info.param.folder); });

TEST(SourceContainment, ACrashInSniffLeavesTheOtherSourcesToReadTheFile) {
  TempDir dir;
  const std::string db = dir / "s.db";
  const std::string a = dir.Write("a.lines", Lines("a", false));
  const std::string t = dir.Write("t.lines", Lines("t", true));  // its head holds the trigger
  const std::string plugins = PluginDir("good") + " " + PluginDir("fault_src_sniff_segv");
  RunResult r = RunCxmap(plugins + " --db " + Quote(db) + " import " + Quote(a) + " " + Quote(t));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("plugin source_test_sniff_segv crashed with signal 11 (SIGSEGV"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("in sniff (reading " + t + ")"), std::string::npos) << r.err;
  EXPECT_EQ(Count(db, "records"), 20) << "the line source read both files";
  EXPECT_EQ(Count(db, "plugin_quarantine WHERE plugin='source_test_sniff_segv'"), 1);
  EXPECT_TRUE(IntegrityOk(db));
  RunResult again = RunCxmap(plugins + " --db " + Quote(db) + " import " + Quote(a));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("quarantined since"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("cxmap plugins retry source_test_sniff_segv"), std::string::npos);
}

TEST(SourceContainment, AWellBehavedVendorSourceReadsIsolatedAndItsLogsArrive) {
  TempDir dir;
  const std::string db = dir / "v.db";
  std::string lines = Lines("v", false) + "BAD row\nSKIP row\n";
  const std::string v = dir.Write("v.faulty", lines);
  RunResult r =
      RunCxmap(PluginDir("fault_src_good") + " --db " + Quote(db) + " import " + Quote(v));
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the rejected row
  EXPECT_NE(r.err.find("[source_test_vendor] info: created"), std::string::npos) << r.err;
  EXPECT_EQ(Count(db, "records WHERE source='source_test_vendor'"), 10);
  EXPECT_EQ(Count(db, "rejected"), 1);
  EXPECT_NE(r.out.find("1 rejected, 1 skipped"), std::string::npos) << r.out;
  // The same records in process: the ids do not depend on where it ran.
  const std::string db2 = dir / "v2.db";
  RunResult local = RunCxmap(PluginDir("fault_src_good") + " --isolate none --db " + Quote(db2) +
                             " import " + Quote(v));
  EXPECT_EQ(local.exit_code, 1) << local.err;
  const std::string same = "records WHERE id GLOB 'source_test_vendor:row[0-9]*'";
  EXPECT_EQ(Count(db, same), 10);
  EXPECT_EQ(Count(db2, same), 10);
}

TEST(SourceContainment, FirstCtrlCStopsAHangingSourceWithinTwoSeconds) {
  TempDir dir;
  const std::string db = dir / "c.db";
  const std::string b = dir.Write("b.faulty", Lines("b", true));
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setpgid(0, 0);  // like a terminal's job: Ctrl-C reaches cxmap and its children
    std::string pd = Dir("fault_src_next_hang");
    freopen("/dev/null", "w", stdout);
    freopen((dir / "err.txt").c_str(), "w", stderr);
    execl(CXMAP_BIN, CXMAP_BIN, "--plugin-dir", pd.c_str(), "--db", db.c_str(), "import",
          "--batch-size", "1", b.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && Count(db, "records") < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto sent = std::chrono::steady_clock::now();
  kill(-pid, SIGINT);
  int status = 0;
  for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto took = std::chrono::steady_clock::now() - sent;
  if (waitpid(pid, &status, WNOHANG) == 0) {
    kill(-pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "still running 5 s after Ctrl-C: " << ReadFile(dir / "err.txt");
  }
  EXPECT_LT(took, std::chrono::milliseconds(2000)) << ReadFile(dir / "err.txt");
  EXPECT_EQ(Count(db, "records"), 3);
  EXPECT_EQ(Count(db, "plugin_quarantine"), 0) << "stopped by the user: not the plugin's fault";
  EXPECT_TRUE(IntegrityOk(db));
}

// `inspect` reads a vendor's source in its process too (the SDK's default
// inspect() reads the input through, so it meets the same fault as an
// import): cxmap names the plugin and what happened, and lives on.
TEST(SourceContainment, InspectNamesASourceThatCrashesOrHangsAndSurvivesIt) {
  TempDir dir;
  const std::string b = dir.Write("b.faulty", Lines("b", true));
  RunResult crash = RunCxmap(PluginDir("fault_src_next_abort") + " inspect " + Quote(b));
  EXPECT_EQ(crash.exit_code, 3) << crash.err;
  EXPECT_NE(crash.err.find("plugin source_test_next_abort crashed with signal 6 (SIGABRT, Aborted) in inspect"),
            std::string::npos)
      << crash.err;
  EXPECT_NE(crash.err.find("b.faulty"), std::string::npos) << crash.err;
  auto started = std::chrono::steady_clock::now();
  RunResult hang =
      RunCxmap(PluginDir("fault_src_next_hang") + " --plugin-timeout 2 inspect " + Quote(b));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(hang.exit_code, 3) << hang.err;
  EXPECT_NE(hang.err.find("plugin source_test_next_hang took longer than the limit of 2 s in inspect"),
            std::string::npos)
      << hang.err;
}

TEST(SourceContainment, InspectGivesTheSameAnswerIsolatedAndInProcess) {
  TempDir dir;
  const std::string v = dir.Write("v.faulty", Lines("v", false) + "BAD row\nSKIP row\n");
  const std::string mark = dir / "loaded";
  RunResult isolated = RunCxmapWith("CXMAP_TEST_INIT_MARK=" + Quote(mark),
                                    PluginDir("fault_src_good") + " inspect --json " + Quote(v));
  // Only plugin hosts loaded the module ("cxmap-plugin-ho" in /proc/self/comm).
  const std::string loaded = ReadFile(mark);
  EXPECT_FALSE(loaded.empty());
  EXPECT_EQ(loaded.find("cxmap\n"), std::string::npos) << loaded;
  EXPECT_EQ(loaded.find("cxmap-plugin-ho\n"), 0u) << loaded;
  RunResult local =
      RunCxmap(PluginDir("fault_src_good") + " --isolate none inspect --json " + Quote(v));
  ASSERT_EQ(isolated.exit_code, 0) << isolated.err;
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(isolated.out, local.out);
  EXPECT_NE(isolated.out.find("\"source\":\"source_test_vendor\""), std::string::npos) << isolated.out;
  EXPECT_NE(isolated.out.find("\"records\":10"), std::string::npos) << isolated.out;
  EXPECT_NE(isolated.out.find("\"rejected\":1"), std::string::npos) << isolated.out;
}

}  // namespace
}  // namespace cxmap::testing
