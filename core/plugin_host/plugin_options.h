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

/// "string", "integer", "real", "bool", "json" or "null".
const char* TypeName(int32_t type);

}  // namespace cxmap::core
