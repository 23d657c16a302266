// SPDX-License-Identifier: Apache-2.0
// cxmap-plugin-host: runs one plugin for cxmap in a process of its own
// (isolated_analysis.h, isolated_source.h), so that whatever the plugin
// does — crash, abort, hang, leak — cxmap names it, switches it off and
// completes the run. Started by cxmap only, with its end of a socket pair as
// fd 3 (argv[1]).
//   analysis: in INIT (module, plugin, options, limits), then BATCH...
//             out READY (create's status), then RESULTS per BATCH
//   source:   in INIT, then SNIFF, CREATE, OPEN, NEXT... (wire_source.h)
//             out READY (the module loaded), then a SOURCE_ANSWER each
// EOF on the socket means: destroy the instance and exit 0.
// `cxmap-plugin-host FD --describe MODULE NAME…` instead loads MODULE, writes
// what its plugins NAME… declare to FD (module_probe.h) and exits.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "core/plugin_host/analysis_instance.h"
#include "core/plugin_host/module_probe.h"
#include "core/plugin_host/plugin_registry.h"
#include "core/plugin_host/source_instance.h"
#include "core/plugin_host/wire_format.h"
#include "core/plugin_host/wire_source.h"
#include "core/util/log.h"

namespace {

using cxmap::Status;
using namespace cxmap::core;

int g_fd = 3;

bool ReadAll(char* p, size_t n) {
  while (n > 0) {
    ssize_t got = ::read(g_fd, p, n);
    if (got > 0) {
      p += got;
      n -= static_cast<size_t>(got);
    } else if (got < 0 && errno == EINTR) {
      continue;
    } else {
      return false;
    }
  }
  return true;
}

bool WriteAll(const char* p, size_t n) {
  while (n > 0) {
    ssize_t put = ::send(g_fd, p, n, MSG_NOSIGNAL);
    if (put > 0) {
      p += put;
      n -= static_cast<size_t>(put);
    } else if (put < 0 && errno == EINTR) {
      continue;
    } else {
      return false;
    }
  }
  return true;
}

bool ReadFrame(wire::FrameType* type, std::string* payload) {
  char header[5];
  if (!ReadAll(header, 5)) return false;
  uint32_t size;
  std::memcpy(&size, header, 4);
  if (size == 0 || size > wire::kMaxFrameBytes) return false;
  *type = static_cast<wire::FrameType>(header[4]);
  payload->resize(size - 1);
  return ReadAll(payload->data(), payload->size());
}

bool WriteFrame(wire::FrameType type, const std::string& payload) {
  char header[5];
  uint32_t size = static_cast<uint32_t>(payload.size() + 1);
  std::memcpy(header, &size, 4);
  header[4] = static_cast<char>(type);
  return WriteAll(header, 5) && WriteAll(payload.data(), payload.size());
}

bool Answer(wire::FrameType type, const Status& status, const std::vector<ResultRow>& rows) {
  wire::Writer w;
  wire::EncodeResults(status, rows, &w);
  if (w.bytes().size() >= wire::kMaxFrameBytes) {
    // Within every per-row limit, a large batch can still add up: say so
    // (cxmap reports it as an error of this batch, not as a crash).
    wire::Writer small;
    wire::EncodeResults(Status::InvalidArgument(fmt::format(
                            "the results of one batch exceed {} MB; lower --batch-size",
                            wire::kMaxFrameBytes >> 20)),
                        {}, &small);
    return WriteFrame(type, small.bytes());
  }
  return WriteFrame(type, w.bytes());
}

// A source child's log lines, sent with the next answer (wire_source.h).
std::mutex g_log_mutex;
std::vector<wire::LogLine> g_logs;
size_t g_logs_dropped = 0;

void CaptureLog(Severity severity, std::string_view tag, std::string_view message) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  if (g_logs.size() >= wire::kMaxLogLines) {
    ++g_logs_dropped;
    return;
  }
  g_logs.push_back({static_cast<uint32_t>(severity), std::string(tag), std::string(message)});
}

bool SendSourceAnswer(wire::SourceAnswer& answer) {
  {
    std::lock_guard<std::mutex> lock(g_log_mutex);
    answer.logs = std::move(g_logs);
    g_logs.clear();
    if (g_logs_dropped > 0) {
      answer.logs.push_back({static_cast<uint32_t>(Severity::kWarn), "",
                             fmt::format("{} more log lines of this call left out", g_logs_dropped)});
      g_logs_dropped = 0;
    }
  }
  wire::Writer w;
  wire::EncodeSourceAnswer(answer, &w);
  if (w.bytes().size() >= wire::kMaxFrameBytes) {
    // The input is read on in cxmap's next run, not lost: the file fails now.
    wire::SourceAnswer small;
    small.status = Status::InvalidArgument(fmt::format(
        "the records of one batch exceed {} MB; lower --batch-size", wire::kMaxFrameBytes >> 20));
    wire::Writer again;
    wire::EncodeSourceAnswer(small, &again);
    return WriteFrame(wire::FrameType::kSourceAnswer, again.bytes());
  }
  return WriteFrame(wire::FrameType::kSourceAnswer, w.bytes());
}

// Serves a source plugin: sniff, create, open, next_batch, inspect, split
// and open_piece on request.
int ServeSource(const PluginInfo& plugin) {
  static const std::atomic<bool> kNeverCancelled{false};
  std::unique_ptr<SourceInstance> instance;
  wire::FrameType type;
  std::string payload;
  while (ReadFrame(&type, &payload)) {
    wire::SourceRequest request;
    if (!wire::DecodeSourceRequest(payload, &request)) return 3;
    wire::SourceAnswer answer;
    if (type == wire::FrameType::kSniff) {
      SniffCandidate c = SniffOne(plugin, request.path, request.head);
      answer.confidence = c.confidence;
      answer.format = c.format;
      answer.reason = c.reason;
    } else if (type == wire::FrameType::kCreate && instance == nullptr) {
      auto created = SourceInstance::Create(plugin, request.options, &kNeverCancelled);
      if (created.ok()) {
        instance = std::move(created).value();
      } else {
        answer.status = created.status();
      }
    } else if (type == wire::FrameType::kOpen && instance != nullptr) {
      answer.status = instance->Open(request.path, request.display);
    } else if (type == wire::FrameType::kInspect && instance != nullptr) {
      auto inspected = instance->Inspect(request.path);
      if (inspected.ok()) {
        answer.inspected = true;
        answer.inspection = std::move(inspected).value();
      } else {
        answer.status = inspected.status();
      }
    } else if (type == wire::FrameType::kSplit && instance != nullptr) {
      const uint64_t parts = std::min<uint64_t>(request.hint, UINT32_MAX);
      auto pieces = instance->Split(request.path, static_cast<uint32_t>(parts));
      if (pieces.ok()) {
        answer.pieces = std::move(pieces).value();
      } else {
        answer.status = pieces.status();
      }
    } else if (type == wire::FrameType::kOpenPiece && instance != nullptr) {
      answer.status = instance->OpenPiece(request.path, request.token, request.display);
    } else if (type == wire::FrameType::kNext && instance != nullptr) {
      Batch batch;
      answer.status = instance->Next(request.hint, batch, &answer.at_end);
      answer.records = std::move(batch.records);
      answer.rejects = std::move(batch.rejects);
      answer.skips = std::move(batch.skips);
      answer.bytes_done = batch.bytes_done;
      answer.bytes_total = batch.bytes_total;
    } else {
      return 3;  // out of order: cxmap never asks this
    }
    if (!SendSourceAnswer(answer)) return 3;
  }
  return 0;  // cxmap closed the socket: the instance is destroyed on the way out
}

}  // namespace

int main(int argc, char** argv) {
  const bool describe = argc >= 4 && std::strcmp(argv[2], "--describe") == 0;
  if (argc != 2 && !describe) {
    std::fputs(
        "cxmap-plugin-host is started by cxmap to run one plugin isolated; it is not a "
        "command to run by hand\n",
        stderr);
    return 2;
  }
  g_fd = std::atoi(argv[1]);
  if (g_fd < 3) return 2;
  // Nothing of cxmap's but the socket: not its database, not the raw input
  // file (whose columns the records deliberately leave out). And a process
  // the plugin starts does not inherit the socket.
  ::close_range(static_cast<unsigned>(g_fd) + 1, ~0U, 0);
  if (g_fd > 3) ::close_range(3, static_cast<unsigned>(g_fd) - 1, 0);
  ::fcntl(g_fd, F_SETFD, FD_CLOEXEC);
  // Ctrl-C reaches the whole process group: cxmap decides what stops, and
  // kills this process when it does. Dying with cxmap needs no decision.
  ::signal(SIGINT, SIG_IGN);
  ::signal(SIGPIPE, SIG_IGN);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() == 1) return 3;
  if (describe) {
    // Loaded with the registry's own checks; refusals travel back as text.
    // Only the plugins cxmap accepted (not --disable'd ones) are read.
    PluginRegistry registry;
    registry.LoadOnly(std::vector<std::string>(argv + 4, argv + argc));
    registry.AddModule(argv[3]);
    wire::Writer w;
    EncodeProbe(registry, &w);
    const uint32_t size = static_cast<uint32_t>(w.bytes().size());
    char prefix[4];
    std::memcpy(prefix, &size, 4);
    bool sent = WriteAll(prefix, 4) && WriteAll(w.bytes().data(), w.bytes().size());
    // No static destructor of the module runs, and nothing waits for it.
    ::_exit(sent ? 0 : 3);
  }

  wire::FrameType type;
  std::string payload;
  wire::InitMessage init;
  if (!ReadFrame(&type, &payload) || type != wire::FrameType::kInit ||
      !wire::DecodeInit(payload, &init)) {
    return 3;
  }
  SetLogThreshold(static_cast<Severity>(init.log_threshold));
  const bool source = init.role == wire::ChildRole::kSource;
  // A source's log lines go back with its answers (wire_source.h), so the
  // module's own loading is captured too.
  if (source) SetLogCapture(&CaptureLog);
  // Loaded with the registry's own checks (folder and file permissions,
  // ABI, descriptor), so the child trusts no more than cxmap did.
  PluginRegistry registry;
  registry.AddModule(init.module_path);
  const PluginInfo* plugin = registry.Find(init.plugin);
  const int32_t kind = source ? CXMAP_KIND_SOURCE : CXMAP_KIND_ANALYSIS;
  if (!registry.problems().empty() || plugin == nullptr || plugin->kind != kind) {
    Status s = registry.Check();
    if (s.ok()) {
      s = Status::NotFound(fmt::format("plugin {} is no {} in {}", init.plugin,
                                       source ? "source" : "analysis", init.module_path));
    }
    Answer(wire::FrameType::kReady, s, {});
    return 3;
  }
  if (source) {
    if (!Answer(wire::FrameType::kReady, Status::Ok(), {})) return 3;
    return ServeSource(*plugin);
  }
  static const std::atomic<bool> kNeverCancelled{false};
  auto instance = AnalysisInstance::Create(*plugin, init.options, &kNeverCancelled, init.limits);
  if (!instance.ok()) {
    Answer(wire::FrameType::kReady, instance.status(), {});
    return 3;
  }
  if (!Answer(wire::FrameType::kReady, Status::Ok(), {})) return 3;

  while (ReadFrame(&type, &payload)) {
    Batch batch;
    if (type != wire::FrameType::kBatch || !wire::DecodeRecords(payload, &batch.records)) return 3;
    Status s = (*instance)->Analyze(batch);
    if (!s.ok()) batch.results.clear();
    if (!Answer(wire::FrameType::kResults, s, batch.results)) return 3;
  }
  return 0;  // cxmap closed the socket: the instance is destroyed on the way out
}
