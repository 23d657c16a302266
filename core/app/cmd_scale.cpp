// SPDX-License-Identifier: Apache-2.0
// `cxmap submit` and `cxmap worker`: one import shared by many processes,
// on one or many machines, through a PostgreSQL store (docs/scale-out.md).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "core/app/commands.h"
#include "core/app/input_entries.h"
#include "core/pipeline/shard_work.h"
#include "core/util/log.h"

namespace cxmap::core {

namespace {

using Clock = std::chrono::steady_clock;

// The parts each file is cut into: `shards` spread by size, at least one a
// file, never more than asked for one file.
std::vector<uint32_t> PartsBySize(const std::vector<uint64_t>& sizes, uint32_t shards) {
  uint64_t total = 0;
  for (uint64_t s : sizes) total += s;
  std::vector<uint32_t> parts;
  for (uint64_t s : sizes) {
    const double share = total == 0 ? 0 : static_cast<double>(s) / static_cast<double>(total);
    parts.push_back(std::clamp<uint32_t>(static_cast<uint32_t>(share * shards + 0.5), 1, shards));
  }
  return parts;
}

// Default number of shards: one a file, and a large file cut into pieces of
// about 32 MiB, enough to keep a worker busy for seconds but small enough
// that a killed worker loses little.
uint32_t DefaultShards(const std::vector<uint64_t>& sizes) {
  constexpr uint64_t kPieceBytes = 32ull << 20;
  uint64_t n = 0;
  for (uint64_t s : sizes) n += std::max<uint64_t>(1, (s + kPieceBytes - 1) / kPieceBytes);
  return static_cast<uint32_t>(std::min<uint64_t>(n, 100000));
}

std::string WorkerId() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  std::random_device rd;
  return fmt::format("{}:{}:{:06x}", host, ::getpid(), rd() & 0xffffff);
}

std::string HostOf(const std::string& worker) { return worker.substr(0, worker.find(':')); }

}  // namespace

int RunSubmit(AppContext& app, const SubmitOptions& options) {
  if (std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) {
    return ReportError(Status::InvalidArgument(
        "submit: - (standard input) cannot be shared with workers; save it to a file every worker "
        "can read, or use `cxmap run -`"));
  }
  Status choice = CheckSourceChoice(app.registry(), options.source, options.format);
  if (!choice.ok()) return ReportError(choice);
  auto queue = ShardQueue::Open(app.store_location());
  if (!queue.ok()) return ReportError(queue.status());
  auto store = app.OpenStore();
  if (!store.ok()) return ReportError(store.status());

  std::vector<InputEntry> entries = ExpandInputs(options.inputs);
  std::vector<uint64_t> sizes;
  for (const InputEntry& e : entries) {
    std::error_code ec;
    const uint64_t size = e.problem.ok() ? std::filesystem::file_size(e.path, ec) : 0;
    sizes.push_back(ec ? 0 : size);
  }
  const uint32_t shards = options.shards > 0 ? options.shards : DefaultShards(sizes);
  const std::vector<uint32_t> parts = PartsBySize(sizes, shards);

  auto made = MakeImportOptions(app, **store, /*analyse=*/false, 0);
  if (!made.ok()) return ReportError(made.status());
  ImportOptions io = std::move(made).value();
  io.source = options.source;
  io.format = options.format;

  int exit_code = kExitOk;
  int64_t added = 0, files = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const InputEntry& entry = entries[i];
    if (app.cancelled()->load()) return ReportError(Status::Cancelled("interrupted"));
    if (!entry.problem.ok()) {
      Log(entry.empty_folder ? Severity::kWarn : Severity::kError, "", entry.problem.message());
      if (!entry.empty_folder) exit_code = kExitFailure;
      continue;
    }
    std::vector<PluginFailure> source_failures;
    auto plan = PlanShards(app.registry(), **store, entry.path, entry.path, io, parts[i],
                           app.cancelled(), &source_failures);
    // A source that crashed or hung cutting this file is quarantined, as
    // when it reads one, and the files after it are planned without it.
    app.Quarantine(**store, source_failures);
    for (const PluginFailure& f : source_failures) io.excluded_sources.push_back(f.plugin);
    if (!plan.ok()) {
      Log(Severity::kError, "", plan.status().message());
      exit_code = plan.status().code() == Code::kInvalidArgument ? kExitUsage : kExitFailure;
      if (exit_code == kExitUsage) return exit_code;
      continue;
    }
    if (!plan->skipped_file.empty()) {
      fmt::print("{}: skipped: {}, nothing to import\n", TerminalSafe(entry.path), plan->skipped_file);
      continue;
    }
    if (plan->already_imported) {
      fmt::print("{}: already imported (same content), nothing to do\n", TerminalSafe(entry.path));
      continue;
    }
    auto n = (*queue)->Submit(plan->shards);
    if (!n.ok()) return ReportError(n.status());
    ++files;
    added += n->added + n->requeued;
    if (n->added > 0) {
      fmt::print("{}: {} via {}: {} shard{}\n", TerminalSafe(entry.path),
                 plan->format.empty() ? "?" : plan->format, plan->source, n->added,
                 n->added == 1 ? "" : "s");
    } else if (n->requeued > 0) {
      fmt::print("{}: already submitted; {} failed shard{} queued again\n", TerminalSafe(entry.path),
                 n->requeued, n->requeued == 1 ? "" : "s");
    } else {
      fmt::print("{}: already submitted, nothing to add\n", TerminalSafe(entry.path));
    }
  }
  fmt::print("submitted {} shards of {} files to {}; `cxmap worker --store URL` on any machine "
             "that sees the same paths reads them\n",
             added, files, app.store_location().display);
  return exit_code;
}

namespace {

// Renews the lease of the shard a worker holds and notes the worker alive,
// on a connection of its own, every third of the lease: the import's
// connection may be inside a long batch transaction. It also owns the flag
// the shard's import stops on: set by Ctrl-C, and when the lease was lost
// (another worker took the shard over; going on would only repeat its work).
class LeaseKeeper {
 public:
  LeaseKeeper(ShardQueue* queue, std::string worker, std::chrono::milliseconds lease,
              const std::atomic<bool>* interrupted)
      : queue_(queue),
        worker_(std::move(worker)),
        lease_(lease),
        interrupted_(interrupted),
        thread_([this] { Loop(); }) {}
  ~LeaseKeeper() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  /// Starts holding `shard` (0: none); clears the stop flag.
  void Hold(int64_t shard) {
    std::lock_guard<std::mutex> lock(mu_);
    shard_ = shard;
    lost_ = false;
    stop_shard_.store(interrupted_->load());
  }
  bool lost() {
    std::lock_guard<std::mutex> lock(mu_);
    return lost_;
  }
  /// What the shard's import watches: Ctrl-C or a lost lease.
  const std::atomic<bool>* stop_flag() const { return &stop_shard_; }

 private:
  void Loop() {
    using Clock = std::chrono::steady_clock;
    std::unique_lock<std::mutex> lock(mu_);
    Clock::time_point next_beat = Clock::now() + lease_ / 3;
    while (!stop_) {
      // Woken often enough to pass Ctrl-C on within the 2 s promised.
      cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; });
      if (stop_) break;
      if (interrupted_->load()) stop_shard_.store(true);
      if (Clock::now() < next_beat) continue;
      next_beat = Clock::now() + lease_ / 3;
      const int64_t shard = shard_;
      lock.unlock();
      bool held = true;
      if (shard > 0) {
        Result<bool> renewed = queue_->Renew(shard, worker_, lease_);
        held = !renewed.ok() || *renewed;  // a failed renewal is retried next time
        if (!renewed.ok()) Log(Severity::kWarn, "", "lease: " + renewed.status().message());
      }
      (void)queue_->Heartbeat(worker_, shard > 0 ? "working" : "idle", shard);
      lock.lock();
      if (!held && shard == shard_ && !lost_) {
        lost_ = true;
        stop_shard_.store(true);
        Log(Severity::kWarn, "", fmt::format("shard {}: this worker's lease ran out and another "
                                             "worker took it over; leaving it to that worker",
                                             shard));
      }
    }
  }

  ShardQueue* queue_;
  std::string worker_;
  std::chrono::milliseconds lease_;
  const std::atomic<bool>* interrupted_;
  std::atomic<bool> stop_shard_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool lost_ = false;
  int64_t shard_ = 0;
  std::thread thread_;
};

// True when `error` of a shard's import says this worker cannot read it
// (the file is not on this machine's path, the source is not loaded here)
// rather than that the shard is bad: another worker may well read it.
bool WorkerCannotRead(const Status& error, ImportStage stage) {
  if (stage != ImportStage::kInput) return false;
  return error.code() == Code::kNotFound || error.code() == Code::kIoError;
}

}  // namespace

int RunWorker(AppContext& app, const WorkerOptions& options) {
  if (options.lease_seconds < 1) {
    return ReportError(Status::InvalidArgument("--lease must be at least 1 second"));
  }
  if (options.max_attempts < 1) {
    return ReportError(Status::InvalidArgument("--max-attempts must be at least 1"));
  }
  if (options.poll_seconds < 0.1) {
    return ReportError(Status::InvalidArgument("--poll must be at least 0.1 seconds"));
  }
  const auto lease = std::chrono::milliseconds(static_cast<int64_t>(options.lease_seconds * 1000));
  auto queue = ShardQueue::Open(app.store_location());
  if (!queue.ok()) return ReportError(queue.status());
  auto beats = ShardQueue::Open(app.store_location());
  if (!beats.ok()) return ReportError(beats.status());
  auto store = app.OpenStore();
  if (!store.ok()) return ReportError(store.status());

  auto made = MakeImportOptions(app, **store, /*analyse=*/true, options.batch_size);
  if (!made.ok()) return ReportError(made.status());
  ImportOptions io = std::move(made).value();

  const std::string me = WorkerId();
  if (Status s = (*queue)->Register(me, HostOf(me), ::getpid(), lease); !s.ok()) {
    return ReportError(s);
  }
  Log(Severity::kInfo, "", fmt::format("worker {} on {}", me, app.store_location().display));
  auto keeper = std::make_unique<LeaseKeeper>(beats->get(), me, lease, app.cancelled());

  const auto started = Clock::now();
  int exit_code = kExitOk;
  uint64_t shards_done = 0, records = 0, rejected = 0;
  for (;;) {
    if (app.cancelled()->load()) {
      exit_code = 130;
      break;
    }
    int given_up = 0;
    auto claimed = (*queue)->Claim(me, lease, options.max_attempts, &given_up);
    if (!claimed.ok()) return ReportError(claimed.status());
    if (given_up > 0) {
      Log(Severity::kError, "", fmt::format("{} shard{} failed after {} attempts each; `cxmap "
                                            "status` names them",
                                            given_up, given_up == 1 ? "" : "s",
                                            options.max_attempts));
      exit_code = std::max(exit_code, static_cast<int>(kExitFailure));
    }
    if (!claimed->has_value()) {
      if (options.until_done) {
        auto open = (*queue)->AnyOpen();
        if (!open.ok()) return ReportError(open.status());
        if (!*open) break;  // nothing pending, nothing running: done
      }
      // Pending work may still come (a submit, a lease running out).
      for (int i = 0; i < 10 * options.poll_seconds && !app.cancelled()->load(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      continue;
    }
    const ClaimedShard& shard = **claimed;
    keeper->Hold(shard.id);
    const std::string label = shard.spec.piece.empty()
                                  ? shard.spec.display
                                  : fmt::format("{} (piece {})", shard.spec.display,
                                                shard.spec.ordinal + 1);
    const auto shard_started = Clock::now();
    ImportStage stage = ImportStage::kInput;
    std::vector<PluginFailure> source_failures, failures_on_error;
    io.failures_on_error = &failures_on_error;
    auto summary = ImportShard(app.registry(), **store, shard.spec, io, keeper->stop_flag(), &stage,
                               &source_failures);
    const bool lost = keeper->lost();
    keeper->Hold(0);
    std::vector<PluginFailure> failures = summary.ok() ? summary->plugin_failures : failures_on_error;
    failures.insert(failures.end(), source_failures.begin(), source_failures.end());
    app.Quarantine(**store, failures);
    for (const PluginFailure& f : failures) {
      std::erase_if(io.analyses, [&](const PluginInfo* p) { return p->name == f.plugin; });
      if (f.source && !f.fault.empty()) io.excluded_sources.push_back(f.plugin);
      if (!f.source) {
        Log(Severity::kError, f.plugin, f.message + "; this worker goes on without it — fix the "
                                                    "plugin and run `cxmap analyze`");
        exit_code = std::max(exit_code, static_cast<int>(kExitFailure));
      }
    }
    if (!summary.ok()) {
      if (summary.status().code() == Code::kCancelled && lost) continue;  // another has it
      if (summary.status().code() == Code::kCancelled) {
        // Given back at once: another worker need not wait for the lease.
        (void)(*queue)->Release(shard.id, me);
        exit_code = 130;
        break;
      }
      if (WorkerCannotRead(summary.status(), stage)) {
        // This machine's problem, not the shard's: give it back for the
        // workers that can read it, and stop rather than fail the queue.
        (void)(*queue)->Release(shard.id, me);
        Log(Severity::kError, "",
            fmt::format("shard {} ({}): {}; this worker stops and the shard is pending again for "
                        "workers that can read it",
                        shard.id, TerminalSafe(label), summary.status().message()));
        exit_code = kExitFailure;
        break;
      }
      Log(Severity::kError, "", fmt::format("shard {} ({}): {}", shard.id, TerminalSafe(label),
                                            summary.status().message()));
      if (Status failed = (*queue)->Fail(shard.id, me, summary.status().message()); !failed.ok()) {
        return ReportError(failed);
      }
      exit_code = std::max(exit_code, static_cast<int>(kExitFailure));
      continue;
    }
    const int64_t busy_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                Clock::now() - shard_started)
                                .count();
    auto finished = (*queue)->Complete(shard.id, me, static_cast<int64_t>(summary->read),
                                       static_cast<int64_t>(summary->rejected), busy_ms);
    if (!finished.ok()) return ReportError(finished.status());
    ++shards_done;
    records += summary->read;
    rejected += summary->rejected;
    fmt::print("shard {} ({}): {} records read, {} new text units, {} already stored, {} rejected, "
               "{} results in {:.1f} s{}\n",
               shard.id, TerminalSafe(label), summary->read, summary->inserted,
               summary->duplicates, summary->rejected, summary->results, busy_ms / 1000.0,
               *finished ? "; file complete" : "");
  }
  keeper.reset();  // no beat after the last word
  (void)(*queue)->Heartbeat(me, "stopped", 0);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  fmt::print("worker {}: {} shards, {} records in {:.1f} s ({:.0f} records/s){}\n", me, shards_done,
             records, seconds, seconds > 0 ? records / seconds : 0.0,
             exit_code == 130 ? "; interrupted, its shard is pending again" : "");
  if (exit_code == kExitOk && rejected > 0) {
    Log(Severity::kWarn, "", fmt::format("{} records were rejected; `cxmap status --rejects` lists "
                                         "them",
                                         rejected));
    return kExitRejected;
  }
  return exit_code;
}

}  // namespace cxmap::core
