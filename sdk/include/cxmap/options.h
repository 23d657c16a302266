// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cxmap/abi_types.h"
#include "cxmap/strings.h"

namespace cxmap {

enum class OptionType : int {
  kString = CXMAP_TYPE_STRING,
  kInteger = CXMAP_TYPE_INTEGER,
  kReal = CXMAP_TYPE_REAL,
  kBool = CXMAP_TYPE_BOOL,
};

/// Declares one option, as constant data, e.g. in a plugin class:
///   static constexpr std::array kOptions = {
///       cxmap::Option("delimiter", cxmap::OptionType::kString, "auto", "Field separator")};
constexpr cxmap_option_decl Option(std::string_view name, OptionType type,
                                   std::string_view default_value, std::string_view help) {
  return cxmap_option_decl{sizeof(cxmap_option_decl), ToC(name), static_cast<int32_t>(type),
                           ToC(default_value), ToC(help)};
}

enum class FieldType : int {
  kString = CXMAP_TYPE_STRING,
  kInteger = CXMAP_TYPE_INTEGER,
  kReal = CXMAP_TYPE_REAL,
  kBool = CXMAP_TYPE_BOOL,
  kJson = CXMAP_TYPE_JSON,
};

/// Declares one result field of an analysis plugin, as constant data.
/// `role` says what the field means to the host's reports (see the role
/// vocabulary in docs/plugin_guide.md); empty for none.
constexpr cxmap_field_decl Field(std::string_view name, FieldType type,
                                 std::string_view description, std::string_view role = {}) {
  return cxmap_field_decl{sizeof(cxmap_field_decl), ToC(name), static_cast<int32_t>(type),
                          ToC(description), ToC(role)};
}

/// Option values handed to a plugin's Create(). The host has already
/// checked every key against the declaration and every value against its
/// type, and filled in declared defaults, so lookups of declared options
/// always succeed. Values are kept as text; the getters convert.
class OptionValues {
 public:
  OptionValues() = default;
  OptionValues(const cxmap_kv* kvs, size_t count) {
    for (size_t i = 0; i < count; ++i) values_[std::string(FromC(kvs[i].key))] = FromC(kvs[i].value);
  }

  bool Has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  std::string GetString(std::string_view name, std::string_view fallback = {}) const {
    auto it = values_.find(std::string(name));
    return it == values_.end() ? std::string(fallback) : it->second;
  }
  long long GetInteger(std::string_view name, long long fallback = 0) const {
    auto it = values_.find(std::string(name));
    return it == values_.end() || it->second.empty() ? fallback : std::strtoll(it->second.c_str(), nullptr, 10);
  }
  double GetReal(std::string_view name, double fallback = 0) const {
    auto it = values_.find(std::string(name));
    return it == values_.end() || it->second.empty() ? fallback : std::strtod(it->second.c_str(), nullptr);
  }
  bool GetBool(std::string_view name, bool fallback = false) const {
    auto it = values_.find(std::string(name));
    if (it == values_.end() || it->second.empty()) return fallback;
    return it->second == "true" || it->second == "1" || it->second == "yes";
  }
  const std::map<std::string, std::string, std::less<>>& all() const { return values_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace cxmap
