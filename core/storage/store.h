// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/model/batch.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// What is being imported; `sha256` (hex) identifies the content.
struct ImportRequest {
  std::string path;
  std::string sha256;
  uint64_t size = 0;
  std::string source_plugin;
  std::string format;
};

/// An import row. When an earlier import of the same content finished,
/// `already_complete` is true and the caller skips the input; an unfinished
/// one (killed half-way) is resumed under the same id.
struct ImportHandle {
  int64_t import_id = 0;
  bool already_complete = false;
  bool resumed = false;
  uint64_t accepted = 0;  ///< counts so far (of the earlier run when resumed/complete)
  uint64_t rejected = 0;
  std::string source;     ///< the source plugin of the earlier run when resumed/complete
};

/// What one WriteBatch() changed.
struct BatchOutcome {
  uint64_t responses = 0;   ///< new responses
  uint64_t answers = 0;     ///< new answer rows
  uint64_t inserted = 0;    ///< new records (text units)
  uint64_t duplicates = 0;  ///< units whose id, or text-less records whose response, was already stored
  uint64_t rejected = 0;    ///< new reject rows
  uint64_t skipped = 0;     ///< new skipped-row marks
  uint64_t results = 0;     ///< result rows written
  // Where the batch's time went (`--stats`).
  std::chrono::nanoseconds units_time{0};    ///< responses, units, answers, rejects
  std::chrono::nanoseconds results_time{0};  ///< marks and results
  std::chrono::nanoseconds commit_time{0};
};

/// What the database holds (`cxmap status`).
struct StoreCounts {
  uint64_t imports = 0;
  uint64_t responses = 0;            ///< submissions, posts, calls
  uint64_t responses_with_text = 0;  ///< responses with at least one text unit
  uint64_t records = 0;              ///< text units
  uint64_t answers = 0;              ///< closed answers
  uint64_t rejected = 0;
  uint64_t skipped = 0;              ///< input rows a source left out on purpose
  uint64_t results = 0;
  std::map<std::string, uint64_t> results_by_plugin;
  std::map<std::string, uint64_t> records_by_language;
  std::map<std::string, uint64_t> records_by_channel;
  std::map<std::string, uint64_t> responses_by_channel;
  std::map<std::string, uint64_t> skipped_by_reason;
};

/// One stored reject, for `cxmap status --rejects`.
struct RejectRow {
  std::string file;
  uint64_t line = 0;
  std::string reason;
  std::string excerpt;
};

/// A plugin switched off after its process crashed, aborted or hung.
struct QuarantinedPlugin {
  std::string plugin;
  std::string module;        ///< path of its module file
  int64_t module_size = 0;   ///< of the module when it failed
  int64_t module_mtime = 0;  ///< seconds since the epoch
  std::string reason;
  std::string since;         ///< UTC, ISO 8601
};

/// The narrow storage interface the pipeline and CLI use. SQLite is the
/// embedded default (OpenSqliteStore); a server backend implements the same
/// interface. A Store object is used by one thread at a time; open one per
/// thread (WAL lets one writer and many readers work at once).
class Store {
 public:
  virtual ~Store() = default;

  virtual Result<ImportHandle> BeginImport(const ImportRequest& request) = 0;
  /// Stores a batch in ONE transaction: the responses the records belong to
  /// (once per response key, with their answers), new records as text units
  /// (ids already stored are skipped, and so are their results; a record
  /// with empty text stores only its response), the results of new records, an
  /// "analysed" mark per record and plugin in batch.plugins, and the rejects;
  /// adds the counts to the import row. Sets each new record's rowid.
  /// import_id 0 = no import (results for stored records, from `analyze`):
  /// then records must carry their rowid and only results/marks are written.
  virtual Status WriteBatch(int64_t import_id, Batch& batch, BatchOutcome* outcome) = 0;
  virtual Status FinishImport(int64_t import_id) = 0;

  /// Calls `fn` with batches of up to `batch_size` stored records (rowid
  /// set) that lack an "analysed" mark for at least one of `plugins`, in
  /// rowid order. Stops early when `fn` returns an error.
  virtual Status ScanUnanalysed(const std::vector<std::string>& plugins, size_t batch_size,
                                const std::function<Status(Batch&)>& fn) = 0;
  /// How many stored records ScanUnanalysed would hand out.
  virtual Result<uint64_t> CountUnanalysed(const std::vector<std::string>& plugins) = 0;
  /// Stored text units whose text is longer than `bytes` (analysed only up
  /// to that limit; see AnalysisLimits).
  virtual Result<uint64_t> CountLongTexts(size_t bytes) = 0;

  /// Records which of `plugin`'s fields carry which role ((field, role)
  /// pairs; see field_roles.h), replacing what it declared before, so that
  /// readers can ask for a role. Writes nothing when unchanged.
  virtual Status DeclareFieldRoles(const std::string& plugin,
                                   const std::vector<std::pair<std::string, std::string>>& roles) = 0;

  /// True when the store held no response when it was opened: what is
  /// written now is a bulk load, worth a Compact() at the end.
  virtual bool OpenedEmpty() const = 0;
  /// Rewrites the store packed. Pages split while rows arrive are left
  /// 10-15 % empty; after a bulk load into a new store this gives back a
  /// tenth of its size for a second or so per 50 MB. Outside any batch.
  virtual Status Compact() = 0;

  virtual Result<StoreCounts> Counts() = 0;
  /// Up to `limit` rejects (0: all), by file then line.
  virtual Result<std::vector<RejectRow>> Rejects(size_t limit) = 0;

  /// Records (or replaces) a plugin's quarantine.
  virtual Status QuarantinePlugin(const QuarantinedPlugin& q) = 0;
  /// Every quarantined plugin, by name.
  virtual Result<std::vector<QuarantinedPlugin>> QuarantinedPlugins() = 0;
  /// Ends a plugin's quarantine; false when it was not quarantined.
  virtual Result<bool> ReleasePlugin(const std::string& plugin) = 0;
};

/// What every backend checks before a WriteBatch() writes anything: result
/// indexes and value types; with import_id 0, no rejects or skips and a
/// rowid on every record. InvalidArgument naming the first problem.
Status ValidateBatch(int64_t import_id, const Batch& batch);

/// What a command will do with the store it opens.
enum class StoreAccess {
  /// import, run, analyze: created and migrated as needed. A database this
  /// process cannot write (file or folder) is refused with IoError saying
  /// so, before anything is tried.
  kWrite,
  /// the read commands: the same when the database can be written (an
  /// older schema is brought up to date); otherwise opened without writing
  /// anything (see OpenSqliteForReading), and refused only when its schema
  /// is not the latest. Field-role declarations are then not stored.
  kRead,
  /// a file other commands may be reading at the same time (a kept
  /// snapshot copy, core/app/snapshot_cache.h): opened without writing
  /// anything, even when it could be written; never created.
  kReadOnly,
};

/// Opens (creating and migrating if needed) a SQLite database at `path`.
/// Whatever the access, a file that is not cxmap's, or has a newer schema,
/// is refused before anything is written to it (NotSupported).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               StoreAccess access = StoreAccess::kWrite);

}  // namespace cxmap::core
