// SPDX-License-Identifier: Apache-2.0
// Crash safety: a writer killed with SIGKILL mid-import leaves a sound file
// holding whole batches only, and re-running the import completes it with
// exact counts.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "core/storage/store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::MakeBatch;
using testing::MakeRequest;
using testing::MakeResult;
using testing::RawDb;
using testing::TempDir;

constexpr int kBatches = 30;
constexpr int kBatchSize = 2000;
constexpr int kRejectEvery = 4;  // batch n carries a reject when n % kRejectEvery == 0
constexpr int kRejects = (kBatches + kRejectEvery - 1) / kRejectEvery;
constexpr char kSha[] = "crash-test-content";

Batch MakeCrashBatch(int n) {
  Batch b = MakeBatch(n * kBatchSize, kBatchSize);
  b.sequence = static_cast<uint64_t>(n);
  b.plugins = {"analysis_sentiment"};
  for (uint32_t i = 0; i < kBatchSize; ++i) b.results.push_back(MakeResult(i, b.plugins[0], 0.5));
  if (n % kRejectEvery == 0) b.rejects.push_back({"input.csv", static_cast<uint64_t>(n), "bad row", "x"});
  return b;
}

// What a real run does: begin (or resume) the import and write every batch
// from the start. Reports each committed batch on `ack`; never returns.
[[noreturn]] void ChildImport(const std::string& path, int ack) {
  auto store = OpenSqliteStore(path);
  if (!store.ok()) _exit(2);
  auto handle = (*store)->BeginImport(MakeRequest(kSha));
  if (!handle.ok()) _exit(3);
  for (int n = 0; n < kBatches; ++n) {
    Batch b = MakeCrashBatch(n);
    if (!(*store)->WriteBatch(handle->import_id, b, nullptr).ok()) _exit(4);
    if (write(ack, "b", 1) != 1) _exit(5);
  }
  for (;;) pause();  // wait for the kill: the import is never finished
}

// Starts a writer and SIGKILLs it `delay` after its `acks`-th committed
// batch. A batch takes ~10 ms here, so a delay of a few ms lands the kill in
// the middle of the next batch's transaction.
void RunAndKill(const std::string& path, int acks, std::chrono::microseconds delay) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    ChildImport(path, fds[1]);
  }
  close(fds[1]);
  int seen = 0;
  char c;
  while (seen < acks && read(fds[0], &c, 1) == 1) ++seen;
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  close(fds[0]);
  ASSERT_EQ(seen, acks) << "writer died early, wait status " << status;
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "wait status " << status;
}

void ExpectWholeBatchesOnly(const std::string& path, int min_batches) {
  RawDb raw(path);
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Text("PRAGMA foreign_key_check"), "<none>");
  const int64_t records = raw.Int("SELECT count(*) FROM records");
  EXPECT_EQ(records % kBatchSize, 0) << records;
  EXPECT_GE(records, int64_t{min_batches} * kBatchSize);
  EXPECT_EQ(raw.Int("SELECT accepted FROM imports"), records);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results"), records);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses"), records);
  EXPECT_EQ(raw.Int("SELECT rejected FROM imports"), raw.Int("SELECT count(*) FROM rejected"));
}

TEST(SqliteStoreCrash, KilledWriterLeavesWholeBatchesAndRerunCompletesExactly) {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  {
    // Create the schema up front so the kill cannot land in a migration
    // (migrations are transactional too, but that is not what is tested).
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  using std::chrono::microseconds;
  RunAndKill(path, 3, microseconds(3000));
  ExpectWholeBatchesOnly(path, 3);
  // Killed resumes of a killed run, at other points of a batch.
  RunAndKill(path, 12, microseconds(6000));
  ExpectWholeBatchesOnly(path, 12);
  RunAndKill(path, 20, microseconds(500));
  ExpectWholeBatchesOnly(path, 20);

  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto handle = (*store)->BeginImport(MakeRequest(kSha));
  ASSERT_TRUE(handle.ok());
  EXPECT_TRUE(handle->resumed);
  uint64_t inserted = handle->accepted;
  for (int n = 0; n < kBatches; ++n) {
    Batch b = MakeCrashBatch(n);
    BatchOutcome out;
    ASSERT_TRUE((*store)->WriteBatch(handle->import_id, b, &out).ok());
    inserted += out.inserted;
  }
  ASSERT_TRUE((*store)->FinishImport(handle->import_id).ok());

  constexpr uint64_t kTotal = uint64_t{kBatches} * kBatchSize;
  EXPECT_EQ(inserted, kTotal);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->imports, 1u);
  EXPECT_EQ(counts->records, kTotal);
  EXPECT_EQ(counts->results, kTotal);
  EXPECT_EQ(counts->rejected, uint64_t{kRejects});
  RawDb raw(path);
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Int("SELECT accepted FROM imports"), int64_t{kTotal});
  EXPECT_EQ(raw.Int("SELECT rejected FROM imports"), kRejects);
  EXPECT_EQ(raw.Int("SELECT count(DISTINCT id) FROM records"), int64_t{kTotal});
  EXPECT_EQ(raw.Int("SELECT count(*) FROM analyses"), int64_t{kTotal});
  auto done = (*store)->BeginImport(MakeRequest(kSha));
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->already_complete);
  EXPECT_EQ(done->accepted, kTotal);
}

}  // namespace
}  // namespace cxmap::core
