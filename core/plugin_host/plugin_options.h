// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/plugin_host/plugin_registry.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// Option values given for one plugin, as text (from -o plugin.key=value or
/// the config file).
using OptionMap = std::map<std::string, std::string>;

/// Checks `given` against the plugin's declared options and returns every
/// declared option with its value (given or default). Errors
/// (kInvalidArgument): an unknown key, naming the valid ones; a value that
/// is not of the declared type.
Result<std::vector<std::pair<std::string, std::string>>> ResolveOptions(const PluginInfo& plugin,
                                                                      const OptionMap& given);

/// The options given for `plugin` in a per-plugin map (empty when none).
const OptionMap& OptionsFor(const std::map<std::string, OptionMap>& all, const std::string& plugin);

/// The `create` entry every plugin kind shares (cxmap_source_vtable and
/// cxmap_analysis_vtable declare the same signature).
using CreateEntry = int32_t (*)(const cxmap_host*, const cxmap_kv*, size_t, void**, cxmap_error*);

/// Resolves `given` against the declaration and calls `create` under the
/// host's guard, storing the new instance in *instance. One place for what
/// every plugin kind does on creation.
Status CreateWithOptions(const PluginInfo& plugin, const OptionMap& given, CreateEntry create,
                         const cxmap_host* host, void** instance);

/// "string", "integer", "real", "bool", "json" or "null".
const char* TypeName(int32_t type);

}  // namespace cxmap::core
