// SPDX-License-Identifier: Apache-2.0
// A host that survives its plugins: plugins that crash, abort, hang, fail
// to start or return what they must not (tests/faulty_plugins/) are
// named and switched off, and the run completes with every record and the
// other plugins' results; a plugin whose process died is quarantined in the
// database until its module changes or `cxmap plugins retry`.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

// The faulty modules come from the in-tree build, or from an out-of-tree
// build against the installed SDK (scripts/check_faulty_plugins.sh).
std::string Dir(const std::string& c) {
  const char* out_of_tree = std::getenv("CXMAP_FAULTY_PLUGINS_DIR");
  if (out_of_tree != nullptr && c.rfind("fault_", 0) == 0) return std::string(out_of_tree) + "/" + c;
  return std::string(TEST_PLUGINS_DIR) + "/" + c;
}
std::string PluginDir(const std::string& c) { return "--plugin-dir " + Quote(Dir(c)); }

// Ten texts, the fourth one triggers the fault; one batch per text, so
// batches run before and after it.
std::string WriteInput(const TempDir& dir) {
  std::string lines;
  for (int i = 0; i < 10; ++i)
    lines += i == 3 ? "this one will trigger it\n" : "text " + std::to_string(i) + "\n";
  return dir.Write("in.lines", lines);
}

long long Count(const std::string& db, const std::string& where) {
  return QueryInt(db, "SELECT count(*) FROM " + where);
}

// Records the good plugin (analysis_test_echo) wrote a result for.
long long EchoedRecords(const std::string& db) {
  return QueryInt(db,
                  "SELECT count(DISTINCT record) FROM results WHERE plugin='analysis_test_echo'");
}

bool IntegrityOk(const std::string& db) {
  return QueryInt(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'") ==
         1;
}

struct FaultCase {
  const char* folder;
  const char* plugin;
  const char* says;  ///< in the error
};

class ProcessFault : public ::testing::TestWithParam<FaultCase> {};

TEST_P(ProcessFault, IsNamedSwitchedOffQuarantinedAndTheRunCompletes) {
  const FaultCase& c = GetParam();
  TempDir dir;
  std::string db = dir / "f.db", in = WriteInput(dir);
  std::string plugins = PluginDir("good") + " " + PluginDir(c.folder);
  auto started = std::chrono::steady_clock::now();
  RunResult r = RunCxmap(plugins + " --plugin-timeout 2 --threads 2 --db " + Quote(db) +
                         " run --batch-size 1 --no-report " + Quote(in));
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_LT(took, std::chrono::seconds(30)) << "the run must not wait for a dead or stuck plugin";
  EXPECT_NE(r.err.find(c.plugin), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("quarantined"), std::string::npos) << r.err;
  // Every record, and the other plugin's results for every record.
  EXPECT_EQ(Count(db, "records"), 10);
  EXPECT_EQ(EchoedRecords(db), 10);
  EXPECT_TRUE(IntegrityOk(db));
  EXPECT_EQ(Count(db, "plugin_quarantine WHERE plugin='" + std::string(c.plugin) + "'"), 1);
  const long long marks = Count(db, "analyses");

  // The next run leaves it out and says so, with how to retry.
  RunResult again = RunCxmap(plugins + " --db " + Quote(db) + " analyze");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("quarantined since"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("cxmap plugins retry " + std::string(c.plugin)), std::string::npos);
  EXPECT_EQ(Count(db, "analyses"), marks) << "nothing ran, nothing was added";

  RunResult retry = RunCxmap(plugins + " --db " + Quote(db) + " plugins retry " + c.plugin);
  EXPECT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_EQ(Count(db, "plugin_quarantine"), 0);
  // Retried without the trigger text's batch failing again? It still
  // fails on that text: the texts before and after it are analysed now,
  // and nothing is stored twice.
  RunResult fill =
      RunCxmap(plugins + " --plugin-timeout 2 --db " + Quote(db) + " analyze --batch-size 1");
  EXPECT_EQ(fill.exit_code, 3) << fill.err;
  EXPECT_EQ(EchoedRecords(db), 10);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) - count(DISTINCT record || plugin) FROM analyses"), 0);
  EXPECT_TRUE(IntegrityOk(db));
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, ProcessFault,
    ::testing::Values(FaultCase{"fault_segv", "analysis_test_segv", "SIGSEGV"},
                      FaultCase{"fault_abort", "analysis_test_abort", "SIGABRT"},
                      FaultCase{"fault_hang", "analysis_test_hang", "took longer than the limit"},
                      FaultCase{"fault_create_crash", "analysis_test_create_crash",
                                "SIGSEGV, Segmentation fault) in create"}),
    [](const auto& info) { return std::string(info.param.folder); });

TEST(Containment, FirstCtrlCStopsARunWithAHangingPluginWithinTwoSeconds) {
  TempDir dir;
  std::string db = dir / "c.db", in = WriteInput(dir);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setpgid(0, 0);  // like a terminal's job: Ctrl-C reaches cxmap and its children
    std::string pd1 = Dir("good"), pd2 = Dir("fault_hang");
    freopen("/dev/null", "w", stdout);
    freopen((dir / "err.txt").c_str(), "w", stderr);
    execl(CXMAP_BIN, CXMAP_BIN, "--plugin-dir", pd1.c_str(), "--plugin-dir", pd2.c_str(), "--db",
          db.c_str(), "run", "--no-report", "--batch-size", "1", in.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the batches before the trigger are stored and it hangs.
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
  EXPECT_LT(took, std::chrono::milliseconds(2500)) << ReadFile(dir / "err.txt");
  // Stopped by killing the isolated plugin, not by the 2 s watchdog that
  // is there for plugins in process.
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 130) << ReadFile(dir / "err.txt");
  EXPECT_EQ(ReadFile(dir / "err.txt").find("did not stop within 2 s"), std::string::npos)
      << ReadFile(dir / "err.txt");
  EXPECT_GE(Count(db, "records"), 3) << "what was written is kept";
  EXPECT_TRUE(IntegrityOk(db));
  EXPECT_EQ(Count(db, "plugin_quarantine"), 0) << "the user stopped it: not the plugin's fault";
}

// The plugin guide lets vendors install into <prefix>/lib/cxmap/plugins,
// beside the bundled modules: only the modules of cxmap's own build run in
// process there, a vendor's still runs isolated.
TEST(Containment, AVendorModuleInstalledBesideTheBundledOnesIsStillIsolated) {
  TempDir dir;
  fs::create_directories(dir.path() / "bin");
  fs::create_directories(dir.path() / "lib/cxmap/plugins");
  for (const fs::path& p : {fs::path(dir.path() / "lib"), fs::path(dir.path() / "lib/cxmap"),
                            fs::path(dir.path() / "lib/cxmap/plugins"), fs::path(dir.path() / "bin")}) {
    fs::permissions(p, fs::perms(0755));
  }
  const fs::path bin = fs::path(CXMAP_BIN).parent_path();
  fs::copy_file(CXMAP_BIN, dir / "bin/cxmap");
  fs::copy_file(bin / "cxmap-plugin-host", dir / "bin/cxmap-plugin-host");
  fs::copy_file(Dir("good") + "/test_echo.so", dir / "lib/cxmap/plugins/test_echo.so");
  fs::copy_file(Dir("fault_segv") + "/test_fault_segv.so", dir / "lib/cxmap/plugins/test_fault_segv.so");
  std::string in = WriteInput(dir), db = dir / "v.db";
  std::string cmd = Quote(dir / "bin/cxmap") + " --db " + Quote(db) + " run --no-report " +
                    Quote(in) + " </dev/null 2>" + Quote(dir / "err.txt");
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << "cxmap died: " << ReadFile(dir / "err.txt");
  EXPECT_EQ(WEXITSTATUS(status), 3) << ReadFile(dir / "err.txt");
  EXPECT_NE(ReadFile(dir / "err.txt").find("SIGSEGV"), std::string::npos) << ReadFile(dir / "err.txt");
  EXPECT_EQ(Count(db, "records"), 10);
  EXPECT_EQ(EchoedRecords(db), 10);
}

TEST(Containment, FailingCreateSwitchesThePluginOffAndTheImportProceeds) {
  TempDir dir;
  std::string db = dir / "c.db", in = WriteInput(dir);
  RunResult r = RunCxmap(PluginDir("good") + " " + PluginDir("fault_create") + " --db " +
                         Quote(db) + " run --no-report " + Quote(in));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("analysis_test_create_fails"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("licence file of this plugin is missing"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("run the same command again"), std::string::npos) << r.err;
  EXPECT_EQ(Count(db, "records"), 10);
  EXPECT_EQ(EchoedRecords(db), 10);
  EXPECT_EQ(Count(db, "plugin_quarantine"), 0) << "an error it reported is no crash";
}

struct ResultCase {
  const char* folder;
  const char* plugin;
  const char* says;
};

class RefusedResult : public ::testing::TestWithParam<ResultCase> {};

TEST_P(RefusedResult, IsRefusedNamingThePluginNotRepairedOrStored) {
  const ResultCase& c = GetParam();
  for (const char* isolate : {"all", "none"}) {
    TempDir dir;
    std::string db = dir / "r.db", in = WriteInput(dir);
    RunResult r = RunCxmap(PluginDir("good") + " " + PluginDir(c.folder) + " --isolate " + isolate +
                           " --db " + Quote(db) + " run --no-report " + Quote(in));
    EXPECT_EQ(r.exit_code, 3) << isolate << r.err;
    EXPECT_NE(r.err.find(c.plugin), std::string::npos) << isolate << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << isolate << r.err;
    EXPECT_EQ(Count(db, "records"), 10);
    EXPECT_EQ(Count(db, "results WHERE plugin='" + std::string(c.plugin) + "' AND field='note'"),
              0);
    EXPECT_EQ(EchoedRecords(db), 10);
    EXPECT_LT(
        QueryInt(db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"),
        4 << 20)
        << "an 8 MB value must not reach the database";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, RefusedResult,
    ::testing::Values(ResultCase{"fault_huge", "analysis_test_huge", "over the limit"},
                      ResultCase{"fault_bad_utf8", "analysis_test_bad_utf8", "not valid UTF-8"},
                      ResultCase{"fault_sentence", "analysis_test_bad_sentence",
                                 "sentence index -7"}),
    [](const auto& info) { return std::string(info.param.folder); });

TEST(Containment, AnIsolatedPluginCannotWriteIntoCxmapsStandardOutput) {
  RunResult r = RunCxmap(PluginDir("fault_stdout") + " classify --jsonl", "please trigger it\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("forged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"test_stdout\""), std::string::npos) << r.out;
}

TEST(Containment, DisableAndOnlyChooseThePluginsThatRun) {
  TempDir dir;
  std::string in = WriteInput(dir);
  RunResult off = RunCxmap(PluginDir("good") + " --disable analysis_test_echo --db " +
                           Quote(dir / "d.db") + " run --no-report " + Quote(in));
  EXPECT_EQ(off.exit_code, 0) << off.err;
  EXPECT_EQ(Count(dir / "d.db", "records"), 10);
  EXPECT_EQ(Count(dir / "d.db", "results WHERE plugin='analysis_test_echo'"), 0);

  RunResult only = RunCxmap(PluginDir("good") + " " + PluginDir("fault_segv") +
                            " --only analysis_test_echo --db " + Quote(dir / "o.db") +
                            " run --no-report " + Quote(in));
  EXPECT_EQ(only.exit_code, 0) << only.err;
  EXPECT_EQ(EchoedRecords(dir / "o.db"), 10);
  EXPECT_EQ(Count(dir / "o.db", "results WHERE plugin='analysis_test_segv'"), 0);

  RunResult unknown = RunCxmap(PluginDir("good") + " --only analysis_nope plugins list");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_NE(unknown.err.find("analysis_test_echo"), std::string::npos) << "lists the valid ones";
}

TEST(Containment, NullDescriptorIsRefusedWithAMessageNotACrash) {
  RunResult r = RunCxmap(PluginDir("null_descriptor") + " plugins list");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("cxmap_v1_analysis_test_null"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("NULL"), std::string::npos) << r.err;
}

TEST(Containment, SymlinkIntoAWritableFolderIsRefusedBeforeLoading) {
  TempDir dir;
  fs::create_directories(dir.path() / "safe");
  fs::create_directories(dir.path() / "open");
  fs::permissions(dir.path() / "safe", fs::perms(0755));
  fs::permissions(dir.path() / "open", fs::perms(0777));
  fs::copy_file(Dir("good") + "/test_echo.so", dir / "open/test_echo.so");
  fs::permissions(dir.path() / "open/test_echo.so", fs::perms(0755));
  fs::create_symlink(dir / "open/test_echo.so", dir / "safe/test_echo.so");
  RunResult r = RunCxmap("--plugin-dir " + Quote(dir / "safe") + " plugins list");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("links to"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("world-writable"), std::string::npos) << r.err;
}

TEST(Containment, OneFolderNamedTwiceIsOneFolderAndABrokenModuleIsReported) {
  TempDir dir;
  fs::create_directories(dir.path() / "mods");
  fs::permissions(dir.path() / "mods", fs::perms(0755));
  fs::copy_file(Dir("good") + "/test_echo.so", dir / "mods/test_echo.so");
  std::ofstream(dir / "mods/broken.so") << "not an ELF file";
  ::setenv("CXMAP_PLUGIN_PATH", (dir / "mods").c_str(), 1);
  RunResult r = RunCxmap("--plugin-dir " + Quote(dir / "mods") + " plugins list");
  ::unsetenv("CXMAP_PLUGIN_PATH");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("two plugins are named"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("analysis_test_echo"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("broken.so"), std::string::npos) << "a broken module is named: " << r.err;
}

// Which processes ran a module's static initialisers (faulty_plugin.cpp
// writes its process name to CXMAP_TEST_INIT_MARK when loaded).
std::string LoadedIn(const std::string& mark) {
  std::string names = ReadFile(mark);
  std::string out;
  for (size_t at = 0; at < names.size();) {
    size_t end = names.find('\n', at);
    std::string name = names.substr(at, end - at);
    if (("," + out + ",").find("," + name + ",") == std::string::npos) out += (out.empty() ? "" : ",") + name;
    at = end == std::string::npos ? names.size() : end + 1;
  }
  return out;
}

TEST(Containment, AThirdPartyModuleRunsNoCodeInCxmapUnlessItMustRunThere) {
  TempDir dir;
  const std::string mark = dir / "loaded";
  ::setenv("CXMAP_TEST_INIT_MARK", mark.c_str(), 1);
  // Listing, status and an isolated run: the module is loaded by
  // cxmap-plugin-host processes only ("cxmap-plugin-ho" in /proc/self/comm).
  RunResult list = RunCxmap(PluginDir("fault_stdout") + " plugins list");
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("analysis_test_stdout"), std::string::npos) << list.out;
  EXPECT_EQ(LoadedIn(mark), "cxmap-plugin-ho");
  const std::string db = dir / "t.db";
  RunResult run = RunCxmap("-q --db " + Quote(db) + " " + PluginDir("fault_stdout") + " run --no-report " +
                           Quote(WriteInput(dir)));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GT(Count(db, "results WHERE plugin='analysis_test_stdout'"), 0);
  RunResult status = RunCxmap("--db " + Quote(db) + " " + PluginDir("fault_stdout") + " status");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(LoadedIn(mark), "cxmap-plugin-ho");
  // Asked to run in process, it is loaded there: the check above can fail.
  RunResult inproc = RunCxmap("-q --isolate none --db " + Quote(dir / "n.db") + " " + PluginDir("fault_stdout") +
                              " run --no-report " + Quote(WriteInput(dir)));
  ::unsetenv("CXMAP_TEST_INIT_MARK");
  EXPECT_EQ(inproc.exit_code, 0) << inproc.err;
  EXPECT_NE(("," + LoadedIn(mark) + ",").find(",cxmap,"), std::string::npos) << LoadedIn(mark);
}

TEST(Containment, AModuleReadInAProbeNeitherDrainsStandardInputNorStallsTheCommand) {
  TempDir dir;
  // Its static initialiser reads stdin to the end: before, the probe
  // inherited cxmap's stdin and `import -` found it empty.
  ::setenv("CXMAP_TEST_INIT_DRAIN", "1", 1);
  RunResult piped = RunShell("cat " + Quote(std::string(SAMPLES_DIR) + "/khao_sat_cua_hang.csv") + " | " +
                             Quote(CXMAP_BIN) + " -q --db " + Quote(dir / "d.db") + " " + PluginDir("fault_stdout") +
                             " import -");
  ::unsetenv("CXMAP_TEST_INIT_DRAIN");
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(QueryInt(dir / "d.db", "SELECT count(*) FROM responses"), 10);
  // It leaves a process holding the probe's socket: before, every command
  // waited for it (20 s here) because the probe read to end of file.
  ::setenv("CXMAP_TEST_INIT_FORK", "1", 1);
  auto started = std::chrono::steady_clock::now();
  RunResult list = RunCxmap(PluginDir("fault_stdout") + " plugins list");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ::unsetenv("CXMAP_TEST_INIT_FORK");
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("analysis_test_stdout"), std::string::npos) << list.out;
  EXPECT_LT(seconds, 10.0);
}

TEST(Containment, AModuleThatCrashesWhileLoadingIsNamedAndEveryCommandStillWorks) {
  TempDir dir;
  const std::string dirs = PluginDir("fault_init_crash") + " " + PluginDir("good");
  RunResult list = RunCxmap(dirs + " plugins list");
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.err.find("test_fault_init_crash.so: crashed with signal 11 (SIGSEGV"), std::string::npos)
      << list.err;
  EXPECT_NE(list.out.find("analysis_test_echo"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("analysis_test_init_crash"), std::string::npos) << list.out;
  const std::string db = dir / "c.db";
  RunResult run = RunCxmap("-q --db " + Quote(db) + " " + dirs + " run --no-report " + Quote(WriteInput(dir)));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(EchoedRecords(db), 10);
  EXPECT_TRUE(IntegrityOk(db));
}

// Feedback is untrusted: in human-readable output, no byte of it may move
// the cursor, recolour the terminal or start a line of its own.
TEST(TerminalSafety, HumanOutputEscapesControlCharactersFromData) {
  auto raw = [](const std::string& s) {
    return s.find('\x1b') != std::string::npos || s.find('\x07') != std::string::npos;
  };
  RunResult c = RunCxmap("classify", "gi\xE1\xBA\xA3m gi\xC3\xA1 \x1b[2J\x07 ok\n");
  EXPECT_EQ(c.exit_code, 0) << c.err;
  EXPECT_FALSE(raw(c.out)) << c.out;
  EXPECT_NE(c.out.find("\\x1b[2J\\x07"), std::string::npos) << "shown escaped: " << c.out;

  TempDir dir;
  std::string csv = dir.Write("esc.csv", "id,\"comment\x1b[31m\",nps\n1,\"x\x1b]0;title\x07\",9\n");
  RunResult i = RunCxmap("inspect " + Quote(csv));
  EXPECT_FALSE(raw(i.out) || raw(i.err)) << i.out << i.err;
  RunResult r = RunCxmap("-q --db " + Quote(dir / "e.db") + " run --no-report " + Quote(csv));
  EXPECT_FALSE(raw(r.out) || raw(r.err)) << r.out << r.err;
  RunResult q = RunCxmap("--db " + Quote(dir / "e.db") + " query --where 'lang = en or lang != en'");
  EXPECT_FALSE(raw(q.out) || raw(q.err)) << q.out << q.err;
}

}  // namespace
}  // namespace cxmap::testing
