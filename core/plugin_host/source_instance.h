// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/model/batch.h"
#include "core/plugin_host/host_context.h"
#include "core/plugin_host/plugin_options.h"
#include "core/plugin_host/source_runner.h"
#include "cxmap/source_plugin.h"

namespace cxmap::core {

/// Reads up to `max_bytes` from the start of `path` for sniffing.
Result<std::string> ReadHead(const std::string& path, size_t max_bytes = 64 * 1024);

/// A live instance of a source plugin in this process. Used by one thread at
/// a time.
class SourceInstance : public SourceRunner {
 public:
  static Result<std::unique_ptr<SourceInstance>> Create(const PluginInfo& plugin,
                                                        const OptionMap& options,
                                                        const std::atomic<bool>* cancelled,
                                                        ProgressFn progress = nullptr);
  ~SourceInstance() override;

  /// Errors of Open(), Next() and Inspect() name the file: a message that
  /// does not contain the path (an XLSX part, a line) gets "PATH: " first.
  /// `display` (when not empty) is the name the input is known by instead
  /// of `path` (standard input read through a spool file): records,
  /// rejects and messages carry it, so the record ids do not depend on
  /// where the spool file happened to be.
  Status Open(const std::string& path, const std::string& display = "") override;
  /// Appends up to about `hint` records (each with its stable id) and the
  /// rejects met on the way to `batch`; sets *at_end at end of input.
  Status Next(size_t hint, Batch& batch, bool* at_end) override;
  /// ABI 1.6: the source's pieces of `path`, each token checked (printable
  /// ASCII, at most CXMAP_PIECE_TOKEN_CAPACITY bytes); none from an older
  /// source.
  Result<std::vector<Piece>> Split(const std::string& path, uint32_t parts) override;
  Status OpenPiece(const std::string& path, const std::string& token,
                   const std::string& display = "") override;
  /// How the source would read `path` (on a fresh instance, never opened).
  /// Sources built before ABI 1.1 have no inspect(): for them the host reads
  /// the input itself and fills in the counts.
  Result<Inspection> Inspect(const std::string& path) override;
  const std::string& name() const override { return plugin_->name; }

 private:
  SourceInstance(const PluginInfo* plugin, std::unique_ptr<HostContext> host)
      : plugin_(plugin), host_(std::move(host)) {}
  static int32_t EmitThunk(void* ctx, const cxmap_record* record);
  static void RejectThunk(void* ctx, const cxmap_reject* reject);
  static void SkipThunk(void* ctx, const cxmap_reject* skipped);
  static void ProgressThunk(void* ctx, uint64_t done, uint64_t total);

  const PluginInfo* plugin_;
  std::unique_ptr<HostContext> host_;
  const cxmap_source_vtable* vtable_ = nullptr;
  void* instance_ = nullptr;
  Batch* current_ = nullptr;  // the batch Next() is filling
  std::string path_;          // the input opened
  std::string display_;       // its name in records and messages
};

}  // namespace cxmap::core
