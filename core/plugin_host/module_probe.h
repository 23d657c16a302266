// SPDX-License-Identifier: Apache-2.0
// What a third-party module declares, read in a cxmap-plugin-host process.
//
// Reading a descriptor means loading its module, and loading runs the
// module's static initialisers. For modules cxmap's own build did not make,
// that happens in a short-lived child (`cxmap-plugin-host FD --describe
// MODULE`), which sends back a copy of each descriptor: `plugins list`,
// `status` or `journey` then run none of a vendor's code in cxmap's process,
// and a module that crashes while loading is named instead of taking every
// command down. The module is loaded in process only when a plugin of it
// must run there (a source, or `--isolate none`): PluginInfo::Vtable().
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/plugin_host/plugin_registry.h"
#include "core/plugin_host/wire_format.h"
#include "cxmap/abi_plugin.h"

namespace cxmap::core {

/// A descriptor's declarations copied into owned memory, with a C view
/// (`c`) whose strings and arrays point into it; its vtable is null. The
/// probe's answer comes from a process running the module's code, so cxmap
/// checks this view exactly as it checks a descriptor loaded in process.
class DescriptorCopy {
 public:
  struct Option {
    std::string name, default_value, help;
    int32_t type = 0;
  };
  /// Copies `d` and its `fields` (already read and checked by the registry).
  static std::shared_ptr<DescriptorCopy> Of(const cxmap_plugin_descriptor& d,
                                            const std::vector<FieldDecl>& fields);
  const cxmap_plugin_descriptor& c() const { return c_; }

  void Encode(wire::Writer* w) const;
  /// Decodes what Encode() wrote; null when the bytes are malformed.
  static std::shared_ptr<DescriptorCopy> Decode(wire::Reader* r);

 private:
  void Bind();  // points c_ and c_options_ at the strings

  uint32_t struct_size_ = 0;
  uint16_t abi_major_ = 0, abi_minor_ = 0;
  int32_t kind_ = 0;
  std::string name_, version_, description_, vendor_;
  std::vector<Option> options_;
  std::vector<FieldDecl> fields_;
  std::vector<cxmap_option_decl> c_options_;
  std::vector<cxmap_field_decl> c_fields_;
  cxmap_plugin_descriptor c_{};
};

/// One plugin of a probed module.
struct ProbedPlugin {
  std::string name;
  std::shared_ptr<DescriptorCopy> descriptor;
};

/// What the child made of a module: its plugins and the registry's
/// refusals and skips there.
struct ModuleProbe {
  std::vector<ProbedPlugin> plugins;
  std::vector<std::string> problems, skipped;
};

/// Child side: encodes what `registry` (which loaded one module) holds.
void EncodeProbe(const PluginRegistry& registry, wire::Writer* w);

/// Runs cxmap-plugin-host on `module`, loading only the plugins `names`,
/// and decodes its answer. An error names the module and what happened (a
/// crash with its signal, a hang past `timeout_s`, a missing
/// cxmap-plugin-host). The answer is one length-prefixed message: cxmap
/// stops reading when it is complete, whatever else holds the socket.
Result<ModuleProbe> ProbeModule(const std::filesystem::path& module, const std::vector<std::string>& names,
                                double timeout_s);

}  // namespace cxmap::core
