// SPDX-License-Identifier: Apache-2.0
// The two halves of a shared import (`cxmap submit`, `cxmap worker`): cut
// inputs into shards, and read one shard into the store. The queue between
// them is core/storage/pg_shard_queue.h.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/pipeline/import_job.h"
#include "core/storage/pg_shard_queue.h"

namespace cxmap::core {

/// What `submit` made of one input.
struct PlannedFile {
  std::string display;
  std::string source;
  std::string format;                ///< the profile the source sniffed
  std::string reason;                ///< why this source
  bool already_imported = false;     ///< the same content was imported before
  std::string skipped_file;          ///< why it is left out (an empty file); "" = planned
  std::vector<ShardSpec> shards;     ///< in file order; one whole-file shard when not cut
};

/// Plans the shards of `path` (known as `display`): chooses its source as
/// `run` would, hashes it, begins its import in `store` (the shards carry
/// that import's id, so a file submitted twice is one import), and asks
/// the source to cut it into at most `parts` pieces (ABI 1.6). A source
/// that cannot cut it gives one whole-file shard. A source whose process
/// crashed, aborted or hung on the way lands in *source_failures with the
/// fault, for the caller to quarantine.
Result<PlannedFile> PlanShards(const PluginRegistry& registry, Store& store, const std::string& path,
                               const std::string& display, const ImportOptions& options,
                               uint32_t parts, const std::atomic<bool>* cancelled,
                               std::vector<PluginFailure>* source_failures);

/// Reads shard `shard` into `store` (`worker`), with `options` (whose
/// `format` is replaced by the shard's): refuses a file that is not the one
/// submitted (another size or modification time), then reads the file or
/// its piece. The import is not marked finished (ShardQueue::Complete does
/// that with the file's last shard).
Result<ImportSummary> ImportShard(const PluginRegistry& registry, Store& store,
                                  const ShardSpec& shard, ImportOptions options,
                                  const std::atomic<bool>* cancelled, ImportStage* stage,
                                  std::vector<PluginFailure>* source_failures);

/// The modification time of `path` in nanoseconds, as `submit` records it.
Result<int64_t> FileMtimeNs(const std::string& path);

}  // namespace cxmap::core
