// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/plugin_options.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "core/plugin_host/plugin_call.h"
#include "cxmap/strings.h"

namespace cxmap::core {

const char* TypeName(int32_t type) {
  switch (type) {
    case CXMAP_TYPE_STRING: return "string";
    case CXMAP_TYPE_INTEGER: return "integer";
    case CXMAP_TYPE_REAL: return "real";
    case CXMAP_TYPE_BOOL: return "bool";
    case CXMAP_TYPE_JSON: return "json";
    default: return "null";
  }
}

namespace {

bool ValueFits(int32_t type, const std::string& v) {
  switch (type) {
    case CXMAP_TYPE_INTEGER: {
      long long x = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
      return ec == std::errc() && p == v.data() + v.size();
    }
    case CXMAP_TYPE_REAL: {
      char* end = nullptr;
      std::strtod(v.c_str(), &end);
      return !v.empty() && end == v.c_str() + v.size();
    }
    case CXMAP_TYPE_BOOL:
      return v == "true" || v == "false" || v == "1" || v == "0" || v == "yes" || v == "no";
    default:
      return true;
  }
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ResolveOptions(const PluginInfo& plugin,
                                                                      const OptionMap& given) {
  const cxmap_plugin_descriptor& d = *plugin.descriptor;
  std::string valid;
  for (size_t i = 0; i < d.option_count; ++i) {
    valid += (i ? ", " : "") + std::string(FromC(d.options[i].name));
  }
  for (const auto& [key, value] : given) {
    bool known = false;
    for (size_t i = 0; i < d.option_count; ++i) known |= FromC(d.options[i].name) == key;
    if (!known) {
      return Status::InvalidArgument(fmt::format(
          "plugin {} has no option '{}'; valid options: {}", plugin.name, key,
          valid.empty() ? "(none)" : valid));
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < d.option_count; ++i) {
    const cxmap_option_decl& o = d.options[i];
    std::string name(FromC(o.name));
    auto it = given.find(name);
    std::string value = it != given.end() ? it->second : std::string(FromC(o.default_value));
    if (it != given.end() && !ValueFits(o.type, value)) {
      return Status::InvalidArgument(fmt::format("plugin {}: option {} expects {}, got '{}'",
                                                 plugin.name, name, TypeName(o.type), value));
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

const OptionMap& OptionsFor(const std::map<std::string, OptionMap>& all, const std::string& plugin) {
  static const OptionMap kNone;
  auto it = all.find(plugin);
  return it == all.end() ? kNone : it->second;
}

Status CreateWithOptions(const PluginInfo& plugin, const OptionMap& given, CreateEntry create,
                         const cxmap_host* host, void** instance) {
  auto resolved = ResolveOptions(plugin, given);
  if (!resolved.ok()) return resolved.status();
  std::vector<cxmap_kv> kvs;
  for (const auto& [k, v] : *resolved) kvs.push_back({ToC(k), ToC(v)});
  return CallPlugin(plugin.name, "create", [&](cxmap_error* e) {
    return create(host, kvs.data(), kvs.size(), instance, e);
  });
}

}  // namespace cxmap::core
