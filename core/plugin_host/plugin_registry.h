// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/plugin_host/dll_loader.h"
#include "cxmap/abi_plugin.h"
#include "cxmap/status.h"

namespace cxmap::core {

class DescriptorCopy;  // module_probe.h
struct LazyModule;

/// A declared result field, read by the plugin's own struct size (a 1.3
/// plugin's declarations have no role).
struct FieldDecl {
  std::string name;
  int32_t type = 0;  ///< cxmap_type
  std::string description;
  std::string role;  ///< "" when none
};

/// A plugin found in a module and accepted by the checks. The descriptor is
/// constant data inside the module, which `module` keeps loaded; or, for a
/// third-party module read by a probe process (module_probe.h), a copy of
/// it without a vtable, the module loaded only when Vtable() is asked.
struct PluginInfo {
  std::string name;
  int32_t kind = 0;  ///< cxmap_plugin_kind
  std::filesystem::path module_path;
  std::filesystem::path data_dir;  ///< <module folder>/<name>
  const cxmap_plugin_descriptor* descriptor = nullptr;
  std::shared_ptr<Module> module;
  std::vector<FieldDecl> fields;  ///< analysis plugins: what they declare
  /// Shipped with cxmap (found in the plugin folder beside the binary): runs
  /// in process by default; any other plugin runs isolated.
  bool bundled = false;
  std::shared_ptr<const DescriptorCopy> descriptor_copy;  ///< what `descriptor` points into when probed
  std::shared_ptr<LazyModule> lazy;                       ///< loads a probed module on first use

  /// The plugin's cxmap_source_vtable / cxmap_analysis_vtable. A probed
  /// module is loaded (in this process) here, once, after its file and
  /// folder are checked again; an error names it.
  Result<const void*> Vtable() const;
  std::string_view version() const;
  std::string_view description() const;
  std::string_view vendor() const;
};

/// A descriptor's field declarations, read by their own struct size.
/// InvalidArgument when they are smaller than ABI 1.0's or absurdly many.
Result<std::vector<FieldDecl>> ReadFieldDecls(const cxmap_plugin_descriptor& d);

/// "source" or "analysis".
std::string_view KindName(int32_t kind);

/// The folders searched for modules, in order: each --plugin-dir, then each
/// entry of CXMAP_PLUGIN_PATH (':'-separated), then the plugin folder next to
/// the binary (<exe dir>/../lib/cxmap/plugins: build and install trees alike).
std::vector<std::filesystem::path> PluginSearchPath(const std::vector<std::string>& cli_dirs);

/// Finds, checks and loads plugin modules. Refuses (as errors, listed by
/// problems()) a module in a group- or world-writable folder or owned by
/// another user, an ABI major mismatch (naming both versions) and two
/// plugins with one name. Not thread-safe while loading; afterwards
/// read-only and safe to share.
class PluginRegistry {
 public:
  /// Scans every *.so in `dir` (not recursive). A missing folder is fine
  /// unless `must_exist` (an explicit --plugin-dir). A folder already
  /// scanned (by any path to it) is skipped. `bundled` marks its plugins.
  /// `bundled` (may be null): file names (without .so) of modules this
  /// build made; those found in `dir` are marked PluginInfo::bundled.
  void ScanDirectory(const std::filesystem::path& dir, bool must_exist,
                     const std::vector<std::string_view>* bundled = nullptr);
  /// Checks and loads one module file. A symbolic link is checked where it
  /// leads: the real file and its real folder.
  void AddModule(const std::filesystem::path& module, bool bundled = false);
  /// From now on a module not `bundled` is read by a cxmap-plugin-host
  /// process (module_probe.h) and loaded here only when one of its plugins
  /// must run here; a probe taking longer than `timeout_s` is stopped.
  void ProbeThirdPartyModules(double timeout_s) { probe_timeout_s_ = timeout_s; }
  /// Files that were skipped because they are not loadable modules (a
  /// broken or empty .so): one message each, for a warning.
  const std::vector<std::string>& skipped() const { return skipped_; }

  /// Plugins not to load (`--disable`): their modules are not even opened
  /// when every plugin in them is disabled. Call before scanning.
  void Disable(std::vector<std::string> names) { disabled_ = std::move(names); }
  /// Only these plugins are read from the modules added next (a probe
  /// process reads what cxmap accepted); others are passed over silently.
  void LoadOnly(std::vector<std::string> names) { only_ = std::move(names); }
  /// The disabled names that some module offered.
  const std::vector<std::string>& disabled_found() const { return disabled_found_; }

  const std::vector<PluginInfo>& plugins() const { return plugins_; }
  const PluginInfo* Find(std::string_view name) const;
  std::vector<const PluginInfo*> OfKind(int32_t kind) const;
  /// Refusals, one message each; a caller should treat any as fatal.
  const std::vector<std::string>& problems() const { return problems_; }
  /// All problems as one Status (ok when none).
  Status Check() const;

 private:
  void AddProbed(const std::filesystem::path& module,
                 const std::vector<std::pair<std::string, std::string>>& accepted);
  void AddPlugin(const std::filesystem::path& module, const std::shared_ptr<Module>& loaded,
                 const std::string& symbol, const std::string& name, bool bundled);
  /// The checks every descriptor passes, loaded here or copied from a probe.
  void Accept(PluginInfo info);

  std::vector<PluginInfo> plugins_;
  std::vector<std::string> problems_;
  std::vector<std::string> skipped_;
  std::vector<std::string> disabled_, disabled_found_, only_;
  std::vector<std::filesystem::path> scanned_;  ///< canonical folders
  double probe_timeout_s_ = 0;  ///< 0: load every module here (tests, the plugin host)
};

/// Permission check of a folder or file that code will be loaded from:
/// error when group/world-writable or owned by someone other than root or
/// the current user.
Status CheckLoadablePath(const std::filesystem::path& path);

}  // namespace cxmap::core
