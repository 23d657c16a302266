// SPDX-License-Identifier: Apache-2.0
// Every Boost.DLL call of cxmap lives in dll_loader.cpp, so the rest of the
// host never sees Boost.DLL types or its exceptions.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cxmap/abi_plugin.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// Names of the plugin entry symbols a module exports in section
/// CXMAP_SECTION_NAME, read from the file WITHOUT loading it (no plugin code
/// runs). Errors: kNotSupported when the file is not a shared object.
Result<std::vector<std::string>> ListPluginSymbols(const std::filesystem::path& module);

/// A loaded module. Plugins keep a shared_ptr to it, so the code stays mapped
/// while any instance or descriptor from it is in use. Thread-safe (const).
class Module {
 public:
  /// Loads the module (RTLD_NOW | RTLD_LOCAL: unresolved symbols fail here).
  static Result<std::shared_ptr<Module>> Load(const std::filesystem::path& path);
  ~Module();

  /// The descriptor behind exported alias `symbol`; reading it runs no code.
  Result<const cxmap_plugin_descriptor*> Descriptor(const std::string& symbol) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  struct Impl;
  Module(std::filesystem::path path, std::unique_ptr<Impl> impl);
  std::filesystem::path path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cxmap::core
