// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/pipeline/pipeline.h"
#include "core/plugin_host/plugin_options.h"
#include "core/plugin_host/plugin_registry.h"
#include "core/storage/store.h"
#include "core/storage/store_location.h"

namespace cxmap::core {

/// Documented exit codes of the cxmap command (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,        ///< done
  kExitRejected = 1,  ///< done, but some records were rejected (see `cxmap status`)
  kExitUsage = 2,     ///< bad command line or configuration
  kExitFailure = 3,   ///< could not finish (I/O, plugin, database)
};

/// Options accepted before or after any subcommand.
struct GlobalOptions {
  /// The SQLite file (`--db`). After Init(): the store's name for messages
  /// (a PostgreSQL URL without its password).
  std::string db;
  std::string store;  ///< `--store`: a SQLite path or a postgresql:// URL
  std::string config;
  std::vector<std::string> plugin_dirs;
  std::vector<std::string> plugin_options;  ///< "plugin.key=value"
  unsigned threads = 0;                     ///< 0 = one per core
  bool quiet = false;
  std::vector<std::string> disable;  ///< plugins not to load (`--disable`, config `disable`)
  std::vector<std::string> only;     ///< analysis plugins to run; empty: all (`--only`)
  std::string isolate;               ///< "third-party", "all", "none"; empty: config or default
  double plugin_timeout_s = 0;       ///< per batch; 0: config or default
};

/// What every command needs: parsed options, loaded plugins, the database.
/// Created once per process by main().
class AppContext {
 public:
  explicit AppContext(GlobalOptions options) : options_(std::move(options)) {}
  /// Removes the private folders of PrivateTempFolder().
  ~AppContext();
  AppContext(const AppContext&) = delete;
  AppContext& operator=(const AppContext&) = delete;

  /// Reads the config file (TOML) and -o options, then loads plugins.
  /// Errors are usage errors (kInvalidArgument) or plugin refusals.
  Status Init();
  const GlobalOptions& options() const { return options_; }
  const PluginRegistry& registry() const { return registry_; }
  const std::map<std::string, OptionMap>& plugin_options() const { return plugin_options_; }
  unsigned threads() const;
  /// The store of --store / --db / CXMAP_STORE / the config file; read
  /// commands pass StoreAccess::kRead (see OpenSqliteStore: a database they
  /// cannot write is still read).
  Result<std::unique_ptr<Store>> OpenStore(StoreAccess access = StoreAccess::kWrite) const;
  const StoreLocation& store_location() const { return store_location_; }
  /// What default output files are named after: the SQLite file
  /// (cx.db -> cx-report.html beside it), or "cxmap" in the current folder
  /// for a server store.
  std::string output_base() const {
    return store_location_.postgres() ? std::string("cxmap") : store_location_.target;
  }
  /// A new folder only this user can enter, removed when the command ends
  /// (the snapshot of a server store that read commands build).
  Result<std::string> PrivateTempFolder();
  /// Where plugins run, their time limit and the result limits (flags, then
  /// the config file, then defaults).
  const RunnerOptions& runner_options() const { return runner_; }
  /// The most `import -` copies from standard input ([limits] stdin_bytes).
  uint64_t stdin_bytes() const { return stdin_bytes_; }
  /// The analysis plugins a command runs: every loaded one but --disable'd
  /// ones, only --only's when given, and not those quarantined in `store`
  /// (each named once on stderr, with how to retry it). A quarantined
  /// plugin whose module changed since is released and tried again.
  Result<std::vector<const PluginInfo*>> Analyses(Store& store) const;
  /// The source plugins quarantined in `store` (their process crashed,
  /// aborted or hung), each named in a warning that says how to retry; a
  /// quarantine whose module changed since is ended instead.
  Result<std::vector<std::string>> QuarantinedSources(Store& store) const;
  /// The same without a database (`classify`): nothing is quarantined.
  std::vector<const PluginInfo*> SelectedAnalyses() const;
  /// Quarantines the plugins whose process crashed, aborted or hung in
  /// this run (PluginFailure::fault), so the next run leaves them out.
  void Quarantine(Store& store, const std::vector<PluginFailure>& failures) const;
  std::atomic<bool>* cancelled() { return &cancelled_; }
  /// Folder of the bundled demo data (for `cxmap run` with no input).
  std::string SamplesDir() const;

 private:
  Status LoadConfig();
  /// Chooses the store: --store or --db, then CXMAP_STORE, then the config
  /// file's `store` or `db`, then cxmap.db.
  Status ResolveStore(const std::string& config_store, const std::string& config_db);
  Status AddPluginOption(const std::string& spec, const std::string& origin);
  Status ApplyRunnerFlags();
  Status CheckPluginSelection() const;

  GlobalOptions options_;
  StoreLocation store_location_;
  std::vector<std::string> temp_folders_;
  std::string config_store_, config_db_;  // the config file's `store` and `db`
  PluginRegistry registry_;
  std::map<std::string, OptionMap> plugin_options_;
  RunnerOptions runner_;
  uint64_t stdin_bytes_ = uint64_t{2} << 30;  // 2 GiB: more than any export cxmap has met
  std::atomic<bool> cancelled_{false};
};

/// Prints `status` as "cxmap: error: ..." and returns the exit code that
/// fits it (usage errors -> 2, everything else -> 3).
int ReportError(const Status& status);

}  // namespace cxmap::core
