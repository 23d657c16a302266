// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/shard_work.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/util/files.h"
#include "core/util/hash.h"

namespace cxmap::core {

Result<int64_t> FileMtimeNs(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  }
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

Result<PlannedFile> PlanShards(const PluginRegistry& registry, Store& store, const std::string& path,
                               const std::string& display, const ImportOptions& options,
                               uint32_t parts, const std::atomic<bool>* cancelled,
                               std::vector<PluginFailure>* source_failures) {
  PlannedFile out;
  out.display = display;
  CXMAP_RETURN_IF_ERROR(CheckRegularFile(path));
  uint64_t size = 0;
  Result<int64_t> mtime = FileMtimeNs(path);
  if (!mtime.ok()) return mtime.status();
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) {
    out.skipped_file = "empty file (0 bytes)";
    return out;
  }
  SniffOptions sniff{options.pipeline.runner, cancelled, options.excluded_sources};
  auto chosen = ChooseSource(registry, path, options.source, options.format, nullptr, sniff);
  if (!chosen.ok()) return chosen.status();
  out.source = chosen->plugin;
  out.format = chosen->format;
  out.reason = chosen->reason;
  Result<std::string> sha = Sha256File(path, &size);
  if (!sha.ok()) return sha.status();
  auto handle = store.BeginImport(ImportRequest{display, *sha, size, out.source, out.format});
  if (!handle.ok()) return handle.status();
  if (handle->already_complete) {
    out.already_imported = true;
    return out;
  }

  const PluginInfo& plugin = *registry.Find(out.source);
  auto source_options = SourceOptions(plugin, OptionsFor(options.options, plugin.name), options.format);
  if (!source_options.ok()) return source_options.status();
  std::string fault;
  auto source = StartSource(plugin, *source_options, options.pipeline.runner, cancelled, &fault);
  if (!source.ok()) {
    if (!fault.empty()) source_failures->push_back({plugin.name, source.status().message(), fault, true});
    return source.status();
  }
  auto pieces = (*source)->Split(path, parts);
  if (!pieces.ok()) {
    if (!(*source)->fault().empty()) {
      source_failures->push_back({plugin.name, pieces.status().message(), (*source)->fault(), true});
    }
    return pieces.status();
  }
  ShardSpec whole{handle->import_id, 0, std::filesystem::absolute(path).string(), display,
                  out.source, options.format, "", size, size, *mtime};
  if (pieces->size() < 2) {
    out.shards.push_back(whole);
    return out;
  }
  for (size_t i = 0; i < pieces->size(); ++i) {
    ShardSpec s = whole;
    s.ordinal = static_cast<int32_t>(i);
    s.piece = (*pieces)[i].token;
    s.bytes = (*pieces)[i].bytes;
    out.shards.push_back(std::move(s));
  }
  return out;
}

Result<ImportSummary> ImportShard(const PluginRegistry& registry, Store& store,
                                  const ShardSpec& shard, ImportOptions options,
                                  const std::atomic<bool>* cancelled, ImportStage* stage,
                                  std::vector<PluginFailure>* source_failures) {
  *stage = ImportStage::kInput;
  ImportSummary summary;
  summary.path = shard.display;
  summary.source = shard.source;
  summary.format = shard.format;
  CXMAP_RETURN_IF_ERROR(CheckRegularFile(shard.path));
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(shard.path, ec);
  Result<int64_t> mtime = FileMtimeNs(shard.path);
  if (!mtime.ok()) return mtime.status();
  if (ec || size != shard.file_size || *mtime != shard.file_mtime_ns) {
    // Another file under the same name would be read with the first one's
    // cut points and import id: refuse, and say how to go on.
    return Status::Corruption(fmt::format(
        "{}: the file changed since it was submitted ({} bytes then, {} now, or another "
        "modification time); submit it again",
        shard.path, shard.file_size, ec ? 0 : size));
  }
  const PluginInfo* plugin = registry.Find(shard.source);
  if (plugin == nullptr || plugin->kind != CXMAP_KIND_SOURCE) {
    return Status::NotFound(fmt::format(
        "{}: it was submitted to source {}, which this worker has not loaded (give the worker "
        "the same --plugin-dir as the submitter)",
        shard.display, shard.source));
  }
  if (std::find(options.excluded_sources.begin(), options.excluded_sources.end(), shard.source) !=
      options.excluded_sources.end()) {
    return Status::NotSupported(fmt::format(
        "{}: source {} is quarantined; after fixing it, `cxmap plugins retry {}`", shard.display,
        shard.source, shard.source));
  }
  options.format = shard.format;
  CXMAP_RETURN_IF_ERROR(ReadIntoImport(registry, store, shard.path, shard.display, shard.piece,
                                       shard.import_id, options, cancelled, stage, &summary,
                                       source_failures));
  return summary;
}

}  // namespace cxmap::core
