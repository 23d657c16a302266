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
#include <memory>
#include <optional>
#include <regex>
#include <system_error>

#include "core/storage/migrations.h"
#include "core/storage/open_store.h"
#include "core/storage/pg_snapshot.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/sqlite_store.h"
#include "core/util/hash.h"
#include "core/util/log.h"

namespace cxmap::core {

namespace fs = std::filesystem;

namespace {

// Raise when CopyPgSnapshot() copies differently (other rows, order or
// values), so that copies made by an older build are not read.
// 2: every response of earlier imports before a later import's units.
constexpr int kSnapshotFormat = 2;
// Copies of other stores, and of other snapshots of this one, are removed
// after these, so that a command that just chose one can still open it.
constexpr auto kUnusedFor = std::chrono::hours(24 * 7);
constexpr auto kGrace = std::chrono::minutes(10);

// The names cxmap gives what it keeps; nothing else in the folder is
// touched (CXMAP_SNAPSHOT_CACHE may name a folder that holds other files).
// A copy: URL-STORE-CONTENT.db (hex keys); its pointer URL-STORE.current;
// files being written end in .XXXXXX.part (mkstemps).
const std::regex kCopyName("[0-9a-f]{12}-[0-9a-f]{12}-[0-9a-f]{16}\\.db(-wal|-shm|-journal)?");
const std::regex kPointerName("[0-9a-f]{12}-[0-9a-f]{12}\\.current");
const std::regex kPartName(
    "[0-9a-f]{12}-[0-9a-f]{12}(-[0-9a-f]{16}\\.db|\\.current)\\.[A-Za-z0-9]{6}\\.part"
    "(-wal|-shm|-journal)?");

void RemoveDatabase(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// The kept copy a command found stale: its modification time before the
// command touched it, and the time the touch set.
struct StaleCopy {
  std::string path;
  struct timespec before;
  struct timespec ours;
};

bool SameTime(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

// Removes, of what cxmap keeps in `folder`: other copies and pointers of the
// store's URL (`url_key`) but `keep`, files left half-written, and
// anything not used for a week; none used in the last minutes (another
// command may be opening it). `stale`, touched by this command only to
// check it, is judged by its time before that touch, and kept when
// another command touched it since.
void Prune(const std::string& folder, const std::string& url_key, const std::string& keep,
           const std::optional<StaleCopy>& stale) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  if (stale) {
    struct stat st {};
    const auto unused_for =
        std::chrono::system_clock::now() -
        std::chrono::system_clock::time_point(std::chrono::seconds(stale->before.tv_sec));
    if (::stat(stale->path.c_str(), &st) == 0 && SameTime(st.st_mtim, stale->ours) &&
        unused_for >= kGrace && fs::path(stale->path).filename() != fs::path(keep).filename()) {
      RemoveDatabase(stale->path);
    }
  }
  const std::string keep_name = fs::path(keep).filename().string();
  const std::string keep_pointer = keep_name.substr(0, 25) + ".current";
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    const bool copy = std::regex_match(name, kCopyName);
    const bool pointer = std::regex_match(name, kPointerName);
    const bool part = std::regex_match(name, kPartName);
    if ((!copy && !pointer && !part) || name.starts_with(keep_name) || name == keep_pointer) {
      continue;
    }
    std::error_code age_ec;
    const auto age = now - entry.last_write_time(age_ec);
    if (age_ec || age < kGrace) continue;
    if (age > kUnusedFor || part || name.starts_with(url_key + "-")) fs::remove(entry.path(), ec);
  }
}

// A unique new file named from `prefix` + ".XXXXXX.part", created empty
// (mode 0600); "" when it cannot be made.
std::string NewPart(const std::string& prefix) {
  std::string name = prefix + ".XXXXXX.part";
  const int fd = ::mkstemps(name.data(), 5);
  if (fd < 0) return "";
  ::close(fd);
  return name;
}

// Makes the finished copy at `part` one file that readers open without
// writing: the write-ahead log folded in and the journal mode DELETE, so
// a read-only open creates no -wal or -shm beside it. A copy that cannot
// be made so (a full disk) is not published.
Status Seal(const std::string& part) {
  {
    auto db = SqliteDb::Open(part, SqliteStore::kBusyTimeoutMs);
    if (!db.ok()) return db.status();
    Result<int64_t> busy = (*db)->QueryInt("PRAGMA wal_checkpoint(TRUNCATE)", "sealing the copy");
    if (!busy.ok()) return busy.status();
    if (*busy != 0) return Status::IoError("sealing the copy: its log is still in use");
    CXMAP_RETURN_IF_ERROR((*db)->Exec("PRAGMA journal_mode = DELETE", "sealing the copy"));
  }
  std::error_code ec;
  if (fs::exists(part + "-wal", ec) && fs::file_size(part + "-wal", ec) > 0) {
    return Status::IoError("sealing the copy: its log was not folded in");
  }
  return Status::Ok();
}

struct KeptCopy {
  std::string path, mark;
};

// The copy `pointer` names, when it is one of `store_prefix` in `folder`.
std::optional<KeptCopy> ReadPointer(const std::string& folder, const std::string& pointer,
                                    const std::string& store_prefix) {
  std::ifstream in(pointer);
  std::string name, mark;
  if (!std::getline(in, name) || !std::getline(in, mark)) return std::nullopt;
  if (!std::regex_match(name, kCopyName) || !name.starts_with(store_prefix + "-") ||
      !name.ends_with(".db")) {
    return std::nullopt;
  }
  return KeptCopy{folder + "/" + name, std::move(mark)};
}

// Names `path` as the newest copy, atomically (a new file renamed over).
Status WritePointer(const std::string& pointer, const std::string& path, const std::string& mark) {
  const std::string temp = NewPart(pointer);
  if (temp.empty()) {
    return Status::IoError(fmt::format("cannot write {}: {}", pointer, std::strerror(errno)));
  }
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

void Note(const AppContext& app, const std::string& what) {
  if (!app.options().quiet) Log(Severity::kWarn, "snapshot", what);
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
    if (!why.empty()) Note(app, why + "; the snapshot is copied for this command only");
    return CopyForThisCommand(app, server);
  }
  // Per store, URL-STORE.current names its newest copy and the mark of the
  // snapshot it holds (SnapshotProbe::Mark); copies are never rewritten,
  // so a command that has one open is not disturbed by the next copy.
  std::string url_key, pointer, path, part, mark, extended;
  std::optional<StaleCopy> stale;
  std::unique_ptr<Store> local;
  auto copied = CopyPgSnapshot(server, [&](SnapshotProbe& probe) -> Result<SnapshotDestination> {
    // The URL as well as the server's own name: two servers must never
    // share a key, while one server reached by two URLs only costs a second
    // copy. The build's formats too: a copy by another cxmap is not read.
    // Copies under the same URL but another key (the server restarted,
    // cxmap upgraded) are pruned as older copies of the store.
    url_key = Sha256Hex(app.store_location().display).substr(0, 12);
    const std::string store_prefix =
        url_key + "-" +
        Sha256Hex(fmt::format("{}\n{}\n{}\n{}", probe.store(), CXMAP_VERSION,
                              LatestSchemaVersion(), kSnapshotFormat))
            .substr(0, 12);
    pointer = fmt::format("{}/{}.current", folder, store_prefix);
    SnapshotRelation relation;
    std::optional<KeptCopy> kept = ReadPointer(folder, pointer, store_prefix);
    if (kept) {
      // Touched first, so that no other command prunes it meanwhile; the
      // time set is read back at once (a file system may round it), so
      // that the prune can tell whether another command touched it since.
      // (Between the first stat and the touch another command's touch can
      // still be taken for ours: a window of two system calls.)
      struct stat before {}, touched {};
      const bool dated = ::stat(kept->path.c_str(), &before) == 0;
      if (::utimensat(AT_FDCWD, kept->path.c_str(), nullptr, 0) == 0) {
        const bool ours = ::stat(kept->path.c_str(), &touched) == 0;
        ::utimensat(AT_FDCWD, pointer.c_str(), nullptr, 0);
        Result<SnapshotRelation> compared = probe.CompareWith(kept->mark);
        if (!compared.ok()) {
          Note(app, "cannot compare the server with its kept copy (" +
                        compared.status().message() + "); copying it again");
        } else if (::access(kept->path.c_str(), R_OK) == 0) {
          relation = *compared;
        }
        if (relation.kind == SnapshotRelation::Kind::kSame) {
          path = kept->path;
          Log(Severity::kInfo, "snapshot",
              fmt::format("nothing written to {} since its copy {}: reusing it",
                          app.store_location().display, path));
          return SnapshotDestination{};
        }
        // Stale: the prune after this command's copy may remove it, judged
        // by its time before our touch, unless another command touched it
        // since (then its time is no longer the one we set).
        if (compared.ok() && dated && ours) {
          stale = StaleCopy{kept->path, before.st_mtim, touched.st_mtim};
        }
      }
    }
    Result<std::string> now = probe.Mark();
    if (!now.ok()) return now.status();
    mark = std::move(*now);
    path = fmt::format("{}/{}-{}.db", folder, store_prefix, Sha256Hex(mark).substr(0, 16));
    part = NewPart(path);
    if (part.empty()) {
      return Status::IoError(
          fmt::format("cannot create a copy in {}: {}", folder, std::strerror(errno)));
    }
    // Only imports were added since the kept copy: the new copy starts as
    // a file copy of it (copies are never rewritten: a command may be
    // reading it) and takes the rows of the new imports only. When the
    // file cannot be copied, everything is copied from the server instead;
    // a failure while adding the rows fails the command, as it would a
    // whole copy.
    int64_t after_import = 0;
    if (relation.kind == SnapshotRelation::Kind::kAppended) {
      std::error_code ec;
      if (fs::copy_file(kept->path, part, fs::copy_options::overwrite_existing, ec)) {
        after_import = relation.last_import;
        extended = kept->path;
      } else {
        Note(app, fmt::format("cannot start from the kept copy {} ({}); copying the server again",
                              kept->path, ec.message()));
        RemoveDatabase(part);
        if (::close(::open(part.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0600)) != 0) {
          return Status::IoError(
              fmt::format("cannot create {}: {}", part, std::strerror(errno)));
        }
      }
    }
    auto opened = OpenSqliteStore(part);
    if (!opened.ok()) return opened.status();
    local = std::move(*opened);
    return SnapshotDestination{local.get(), after_import};
  });
  if (!copied.ok()) {
    local.reset();
    if (!part.empty()) RemoveDatabase(part);
    return copied.status();
  }
  if (!local) return path;
  local.reset();
  if (Status sealed = Seal(part); !sealed.ok()) {
    RemoveDatabase(part);
    return sealed;
  }
  // Prunes the folder around the copy this command reads, and says so.
  auto read_from = [&](const std::string& copy, std::string_view how) {
    Prune(folder, url_key, copy, stale);
    if (extended.empty()) {
      Log(Severity::kInfo, "snapshot",
          fmt::format("copied {} responses and {} text units of {} into {}{}", copied->responses,
                      copied->units, app.store_location().display, copy, how));
    } else {
      Log(Severity::kInfo, "snapshot",
          fmt::format("only new imports were written to {} since its copy {}: added their {} "
                      "responses and {} text units to a copy of it, {}{}",
                      app.store_location().display, extended, copied->responses, copied->units,
                      copy, how));
    }
    return copy;
  };
  // A mark of "never" (the probe cannot tell this snapshot from a later
  // one) can never be reused: such a copy serves this command only, and
  // is not published, or a later copy under the same name would find it
  // and read it, stale by then. The next copy prunes it as half-written.
  if (mark == "never") {
    return read_from(part, " for this command only: too many transactions ended while an older "
                           "one ran to mark the snapshot");
  }
  // link() rather than rename(): when another command published the same
  // snapshot meanwhile, its file (which a reader may have open) stays, and
  // ours is dropped. Where the file system has no hard links, this
  // command reads its own copy, left for the next copy to prune.
  if (::link(part.c_str(), path.c_str()) != 0 && errno != EEXIST) {
    Note(app, fmt::format("cannot keep the snapshot as {}: {}; it serves this command only", path,
                          std::strerror(errno)));
    return part;
  }
  RemoveDatabase(part);
  if (Status named = WritePointer(pointer, path, mark); !named.ok()) {
    Note(app, named.message() + "; the next read command copies the server again");
  }
  return read_from(path, ", kept for the next read command while nothing is written there");
}

}  // namespace cxmap::core
