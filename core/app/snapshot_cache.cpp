// SPDX-License-Identifier: Apache-2.0
#include "core/app/snapshot_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <memory>
#include <system_error>

#include "core/storage/migrations.h"
#include "core/storage/open_store.h"
#include "core/storage/pg_snapshot.h"
#include "core/util/hash.h"
#include "core/util/log.h"

namespace cxmap::core {

namespace fs = std::filesystem;

namespace {

// Raise when CopyPgSnapshot() copies differently (other rows, order or
// values), so that copies made by an older build are not read.
constexpr int kSnapshotFormat = 1;
// Copies of other stores, and of other snapshots of this one, are removed
// after these, so that a command that just chose one can still open it.
constexpr auto kUnusedFor = std::chrono::hours(24 * 7);
constexpr auto kGrace = std::chrono::minutes(10);

void RemoveDatabase(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// Removes copies of `store_key` other than `keep` and any copy not used
// for a week; none used in the last minutes (another command may be
// opening it).
void Prune(const std::string& folder, const std::string& store_key, const std::string& keep) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    const bool copy = name.size() > 3 && name.ends_with(".db");
    const bool part = name.ends_with(".part");
    const bool pointer = name.ends_with(".current");
    if ((!copy && !part && !pointer) || entry.path().string() == keep) continue;
    const auto age = now - entry.last_write_time(ec);
    if (ec || age < kGrace) continue;
    if (age > kUnusedFor || part || (copy && name.starts_with(store_key + "-"))) {
      RemoveDatabase(entry.path().string());
    }
  }
}

struct KeptCopy {
  std::string path, mark;
};

// The copy `pointer` names, when it is a copy of `store_key` in `folder`
// that is still there.
std::optional<KeptCopy> ReadPointer(const std::string& folder, const std::string& pointer,
                                    const std::string& store_key) {
  std::ifstream in(pointer);
  std::string name, mark;
  if (!std::getline(in, name) || !std::getline(in, mark)) return std::nullopt;
  const bool plain = name.find('/') == std::string::npos && name.starts_with(store_key + "-") &&
                     name.ends_with(".db");
  std::string path = folder + "/" + name;
  if (!plain || ::access(path.c_str(), R_OK) != 0) return std::nullopt;
  return KeptCopy{std::move(path), std::move(mark)};
}

// Names `path` as the newest copy, atomically (a new file renamed over).
Status WritePointer(const std::string& pointer, const std::string& path, const std::string& mark) {
  const std::string temp = fmt::format("{}.{}.part", pointer, ::getpid());
  {
    std::ofstream out(temp, std::ios::trunc);
    out << fs::path(path).filename().string() << '\n' << mark << '\n';
    if (!out.flush()) {
      std::error_code ec;
      fs::remove(temp, ec);
      return Status::IoError("cannot write " + temp);
    }
  }
  if (::rename(temp.c_str(), pointer.c_str()) != 0) {
    const int error = errno;
    std::error_code ec;
    fs::remove(temp, ec);
    return Status::IoError(fmt::format("cannot write {}: {}", pointer, std::strerror(error)));
  }
  return Status::Ok();
}

// A fresh copy for this command only, in a folder removed when it ends.
Result<std::string> CopyForThisCommand(AppContext& app, PgStore& server) {
  auto folder = app.PrivateTempFolder();
  if (!folder.ok()) return folder.status();
  const std::string path = *folder + "/snapshot.db";
  auto local = OpenSqliteStore(path);
  if (!local.ok()) return local.status();
  auto copied = CopyPgSnapshot(server, **local);
  if (!copied.ok()) return copied.status();
  return path;
}

}  // namespace

std::string SnapshotCacheFolder(std::string* why) {
  fs::path folder;
  if (const char* given = std::getenv("CXMAP_SNAPSHOT_CACHE"); given != nullptr && *given) {
    if (std::string_view(given) == "off") return "";
    folder = given;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    folder = fs::path(xdg) / "cxmap" / "snapshots";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    folder = fs::path(home) / ".cache" / "cxmap" / "snapshots";
  } else {
    return "";
  }
  // Each level cxmap creates is private; an existing one is left as it is
  // but the last must be this user's and closed to others.
  std::error_code ec;
  fs::path at;
  for (const fs::path& part : folder) {
    at /= part;
    if (::mkdir(at.c_str(), 0700) != 0 && errno != EEXIST) {
      *why = fmt::format("cannot create the snapshot cache {}: {}", at.string(), std::strerror(errno));
      return "";
    }
  }
  struct stat st {};
  if (::lstat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    *why = fmt::format("the snapshot cache {} is not a folder", folder.string());
    return "";
  }
  if (st.st_uid != ::geteuid() || (st.st_mode & 077) != 0) {
    *why = fmt::format(
        "the snapshot cache {} is not private to this user (owner uid {}, mode {:o}); copies of "
        "the store hold customer feedback",
        folder.string(), st.st_uid, st.st_mode & 0777);
    return "";
  }
  return folder.string();
}

Result<std::string> SnapshotForReading(AppContext& app, PgStore& server) {
  std::string why;
  const std::string folder = SnapshotCacheFolder(&why);
  if (folder.empty()) {
    if (!why.empty() && !app.options().quiet) {
      fmt::print(stderr, "cxmap: note: {}; the snapshot is copied for this command only\n", why);
    }
    return CopyForThisCommand(app, server);
  }
  // Per store, `<key>.current` names its newest copy and the mark of the
  // snapshot it holds (SnapshotProbe::Mark); copies are never rewritten,
  // so a command that has one open is not disturbed by the next copy.
  std::string store_key, pointer, path, part, mark;
  std::unique_ptr<Store> local;
  auto copied = CopyPgSnapshot(server, [&](SnapshotProbe& probe) -> Result<Store*> {
    // The URL too: two servers must never share a key, while one server
    // reached by two URLs only costs a second copy. The build's formats
    // too: a copy by another cxmap is not read.
    store_key = Sha256Hex(fmt::format("{}\n{}\n{}\n{}\n{}", probe.store(),
                                      app.store_location().display, CXMAP_VERSION,
                                      LatestSchemaVersion(), kSnapshotFormat))
                    .substr(0, 20);
    pointer = fmt::format("{}/{}.current", folder, store_key);
    if (auto kept = ReadPointer(folder, pointer, store_key)) {
      Result<bool> same = probe.SameAs(kept->mark);
      if (!same.ok()) return same.status();
      if (*same) {
        path = kept->path;
        for (const std::string& used : {path, pointer}) {
          ::utimensat(AT_FDCWD, used.c_str(), nullptr, 0);  // used now: not pruned
        }
        Log(Severity::kInfo, "snapshot",
            fmt::format("nothing written to {} since its copy {}: reusing it",
                        app.store_location().display, path));
        return static_cast<Store*>(nullptr);
      }
    }
    Result<std::string> now = probe.Mark();
    if (!now.ok()) return now.status();
    mark = std::move(*now);
    path = fmt::format("{}/{}-{}.db", folder, store_key, Sha256Hex(mark).substr(0, 20));
    part = fmt::format("{}.{}.part", path, ::getpid());
    RemoveDatabase(part);  // left by a command of the same pid that died
    auto opened = OpenSqliteStore(part);
    if (!opened.ok()) return opened.status();
    local = std::move(*opened);
    return local.get();
  });
  if (!copied.ok()) {
    local.reset();
    if (!part.empty()) RemoveDatabase(part);
    return copied.status();
  }
  if (local) {
    local.reset();  // closed: its write-ahead log is folded into the file
    // link() rather than rename(): when another command published the
    // same snapshot meanwhile, its file (which a reader may have open)
    // stays, and ours is dropped.
    if (::link(part.c_str(), path.c_str()) != 0 && errno != EEXIST) {
      const int error = errno;
      RemoveDatabase(part);
      return Status::IoError(
          fmt::format("cannot keep the snapshot as {}: {}", path, std::strerror(error)));
    }
    RemoveDatabase(part);
    CXMAP_RETURN_IF_ERROR(WritePointer(pointer, path, mark));
    Prune(folder, store_key, path);
    Log(Severity::kInfo, "snapshot",
        fmt::format("copied {} responses and {} text units of {} into {}, kept for the next read "
                    "command while nothing is written there",
                    copied->responses, copied->units, app.store_location().display, path));
  }
  return path;
}

}  // namespace cxmap::core
