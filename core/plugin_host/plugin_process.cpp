// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/plugin_process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "core/util/files.h"

extern char** environ;

namespace cxmap::core {
namespace fs = std::filesystem;
using wire::FrameType;

namespace {

// How often a wait looks at the cancellation flag: Ctrl-C stops an
// isolated plugin within this, whatever its code is doing.
constexpr int kPollMs = 100;

}  // namespace

std::string DescribeExit(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    return fmt::format("crashed with signal {} (SIG{}{}{})", sig, name ? name : "?",
                       strsignal(sig) ? ", " : "", strsignal(sig) ? strsignal(sig) : "");
  }
  if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
  return "ended";
}

std::string PluginHostBinary() {
  fs::path dir = ExecutableDir();
  if (dir.empty()) return {};
  for (const fs::path& p :
       {dir / "cxmap-plugin-host", dir / ".." / "lib" / "cxmap" / "cxmap-plugin-host"}) {
    if (::access(p.c_str(), X_OK) == 0) return p.lexically_normal().string();
  }
  return {};
}

PluginProcess::~PluginProcess() {
  if (pid_ <= 0) return;
  // Closing the socket tells the child to destroy its instance and exit;
  // one that does not within a second is killed.
  ::close(fd_);
  fd_ = -1;
  for (int i = 0; i < 100; ++i) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

Status PluginProcess::Spawn() {
  std::string binary = PluginHostBinary();
  if (binary.empty()) {
    return Status::NotFound(fmt::format(
        "plugin {}: cannot run it isolated: cxmap-plugin-host is missing beside the cxmap "
        "binary; reinstall cxmap, or run plugins in process with --isolate none",
        plugin_));
  }
  auto child = SpawnPluginHost(binary, {}, "plugin " + plugin_);
  if (!child.ok()) return child.status();
  pid_ = child->pid;
  fd_ = child->fd;
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  return Status::Ok();
}

Result<PluginHostChild> SpawnPluginHost(const std::string& binary,
                                        const std::vector<std::string>& args,
                                        const std::string& who) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return Status::IoError(fmt::format("{}: socketpair: {}", who, strerror(errno)));
  }
  // dup2 onto the same number keeps close-on-exec: make sure it differs.
  if (fds[1] == 3) {
    int moved = ::fcntl(fds[1], F_DUPFD_CLOEXEC, 4);
    ::close(fds[1]);
    fds[1] = moved;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 3);
  // Not cxmap's standard input: `import -` reads it after the plugins are
  // probed, and a module's code must not drain it first.
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  // The plugin's stdout must not mix into cxmap's (classify --jsonl, JSON
  // exports to -): it goes to stderr, like its log lines.
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  std::vector<std::string> words = {binary, "3"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  // A process group of its own: the terminal's Ctrl-C reaches cxmap, which
  // decides, and not the plugin (whose code may reset SIGINT); killing the
  // group stops whatever the plugin forked too.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, binary.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    return Status::IoError(fmt::format("{}: cannot start {}: {}", who, binary, strerror(rc)));
  }
  return PluginHostChild{pid, fds[0]};
}

Status PluginProcess::Exchange(FrameType type, std::string& payload, FrameType answer,
                               const char* during) {
  return Exchange(type, payload, answer, during, timeout_);
}

Status PluginProcess::Exchange(FrameType type, std::string& payload, FrameType answer,
                               const char* during, std::chrono::milliseconds limit) {
  if (payload.size() >= wire::kMaxFrameBytes) {
    // Too much for one frame is the batch's size, not the plugin's fault.
    return Status::InvalidArgument(fmt::format(
        "plugin {}: a batch of {} MB is more than an isolated plugin takes at once ({} MB); "
        "lower --batch-size",
        plugin_, payload.size() >> 20, wire::kMaxFrameBytes >> 20));
  }
  limit_ = limit;
  deadline_ = std::chrono::steady_clock::now() + limit;
  char header[5];
  uint32_t size = static_cast<uint32_t>(payload.size() + 1);
  std::memcpy(header, &size, 4);  // both ends are this build: native order
  header[4] = static_cast<char>(type);
  CXMAP_RETURN_IF_ERROR(SendAll(header, 5, during));
  CXMAP_RETURN_IF_ERROR(SendAll(payload.data(), payload.size(), during));
  CXMAP_RETURN_IF_ERROR(ReceiveAll(header, 5, during));
  std::memcpy(&size, header, 4);
  if (size == 0 || size > wire::kMaxFrameBytes || header[4] != static_cast<char>(answer)) {
    return Stop(fmt::format("answered {} with a malformed frame", during));
  }
  payload.resize(size - 1);
  CXMAP_RETURN_IF_ERROR(ReceiveAll(payload.data(), payload.size(), during));
  if (answer == FrameType::kReady) {  // a status only, e.g. create()'s error
    Status status;
    std::vector<ResultRow> none;
    if (!wire::DecodeResults(payload, &status, &none) || !none.empty()) {
      return Stop(fmt::format("answered {} with garbage", during));
    }
    return status;
  }
  return Status::Ok();
}

Status PluginProcess::Wait(short events, const char* during) {
  for (;;) {
    if (cancelled_ != nullptr && cancelled_->load()) {
      Stop("cancelled");
      fault_.clear();  // the user stopped it: not the plugin's fault
      return Status::Cancelled("cancelled");
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return Stop(fmt::format("took longer than the limit of {} s in {} (--plugin-timeout)",
                              limit_.count() / 1000.0, during));
    }
    pollfd p{fd_, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), kPollMs)));
    if (n > 0) return Status::Ok();
    if (n < 0 && errno != EINTR) return Stop(fmt::format("poll: {}", strerror(errno)));
    // A process the plugin forked may hold the socket open after the
    // child died: watch the child itself, not only the socket.
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) return Reaped(status, during);
  }
}

Status PluginProcess::SendAll(const char* data, size_t size, const char* during) {
  while (size > 0) {
    ssize_t n = ::send(fd_, data, size, MSG_NOSIGNAL);
    if (n > 0) {
      data += n;
      size -= static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      CXMAP_RETURN_IF_ERROR(Wait(POLLOUT, during));
    } else {
      return ChildGone(during);
    }
  }
  return Status::Ok();
}

Status PluginProcess::ReceiveAll(char* data, size_t size, const char* during) {
  while (size > 0) {
    ssize_t n = ::recv(fd_, data, size, 0);
    if (n > 0) {
      data += n;
      size -= static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      CXMAP_RETURN_IF_ERROR(Wait(POLLIN, during));
    } else {
      return ChildGone(during);
    }
  }
  return Status::Ok();
}

Status PluginProcess::ChildGone(const char* during) {
  // The socket closed: the child is dead or about to be. Give it a moment
  // to finish dying so its exit status can say how.
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) return Reaped(status, during);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Stop(fmt::format("closed its connection in {}", during));
}

Status PluginProcess::Reaped(int status, const char* during) {
  // Whatever the plugin left running in its process group goes with it.
  ::kill(-pid_, SIGKILL);
  pid_ = -1;
  ::close(fd_);
  fd_ = -1;
  if (cancelled_ != nullptr && cancelled_->load()) {
    fault_.clear();  // stopped with the run: not the plugin's fault
    return Status::Cancelled("cancelled");
  }
  fault_ = fmt::format("{} in {}", DescribeExit(status), during);
  return Status::Internal(fmt::format("plugin {} {}", plugin_, fault_));
}

Status PluginProcess::Stop(const std::string& why) {
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);  // the child leads its own process group
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  fault_ = why;
  return Status::Internal(fmt::format("plugin {} {}", plugin_, why));
}

}  // namespace cxmap::core
