// SPDX-License-Identifier: Apache-2.0
// `cxmap plugins list|describe` and `cxmap status`.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/app/commands.h"
#include "core/plugin_host/plugin_options.h"
#include "core/report/result_json.h"
#include "cxmap/strings.h"

namespace cxmap::core {

namespace {

nlohmann::json Describe(const PluginInfo& p) {
  const cxmap_plugin_descriptor& d = *p.descriptor;
  nlohmann::json options = nlohmann::json::array(), fields = nlohmann::json::array();
  for (size_t i = 0; i < d.option_count; ++i) {
    const auto& o = d.options[i];
    options.push_back({{"name", FromC(o.name)}, {"type", TypeName(o.type)},
                       {"default", FromC(o.default_value)}, {"help", FromC(o.help)}});
  }
  for (const FieldDecl& f : p.fields) {
    fields.push_back({{"name", f.name}, {"type", TypeName(f.type)}, {"description", f.description},
                      {"role", f.role}});
  }
  return {{"name", p.name},           {"kind", KindName(p.kind)},
          {"version", p.version()},   {"vendor", p.vendor()},
          {"description", p.description()},
          {"abi", fmt::format("{}.{}", d.abi_major, d.abi_minor)},
          {"module", p.module_path.string()},
          {"options", options},       {"fields", fields}};
}

}  // namespace

int RunPluginsList(AppContext& app, bool json) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : app.registry().plugins()) list.push_back(Describe(p));
  if (json) {
    fmt::print("{}\n", DumpJson(list, 2));
    return kExitOk;
  }
  if (list.empty()) fmt::print("no plugins found (searched --plugin-dir, CXMAP_PLUGIN_PATH and the "
                               "folder next to the binary)\n");
  for (const auto& p : list) {
    fmt::print("{:<24} {:<9} {:<8} {}\n", p["name"].get<std::string>(),
               p["kind"].get<std::string>(), p["version"].get<std::string>(),
               p["description"].get<std::string>());
  }
  return kExitOk;
}

int RunPluginsDescribe(AppContext& app, const std::string& name, bool json) {
  const PluginInfo* p = app.registry().Find(name);
  if (p == nullptr) {
    std::string names;
    for (const auto& q : app.registry().plugins()) names += (names.empty() ? "" : ", ") + q.name;
    return ReportError(Status::InvalidArgument(
        fmt::format("no plugin named '{}'; loaded: {}", name, names.empty() ? "(none)" : names)));
  }
  nlohmann::json d = Describe(*p);
  if (json) {
    fmt::print("{}\n", DumpJson(d, 2));
    return kExitOk;
  }
  fmt::print("{} {} ({} plugin, ABI {}) by {}\n  {}\n  module: {}\n", p->name, p->version(),
             KindName(p->kind), d["abi"].get<std::string>(), p->vendor(), p->description(),
             p->module_path.string());
  fmt::print("\noptions (set with -o {}.NAME=VALUE or [plugins.{}] in the config file):\n",
             p->name, p->name);
  if (d["options"].empty()) fmt::print("  (none)\n");
  for (const auto& o : d["options"]) {
    fmt::print("  {:<18} {:<8} default '{}'\n      {}\n", o["name"].get<std::string>(),
               o["type"].get<std::string>(), o["default"].get<std::string>(),
               o["help"].get<std::string>());
  }
  if (p->kind == CXMAP_KIND_ANALYSIS) {
    fmt::print("\nfields:\n");
    for (const auto& f : d["fields"]) {
      fmt::print("  {:<18} {:<8} {}\n", f["name"].get<std::string>(), f["type"].get<std::string>(),
                 f["description"].get<std::string>());
    }
  }
  return kExitOk;
}

std::string TerminalSafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      // U+0080..U+009F: C1 controls (CSI is U+009B).
      out += fmt::format("\\u{{{:02x}}}", static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

int RunStatus(AppContext& app, bool json, bool rejects, size_t limit) {
  auto store = app.OpenStore(StoreAccess::kRead);
  if (!store.ok()) return ReportError(store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return ReportError(counts.status());
  const StoreCounts& c = *counts;
  nlohmann::json j = {{"database", app.options().db}, {"imports", c.imports},
                      {"responses", c.responses},     {"responses_with_text", c.responses_with_text},
                      {"units", c.records},           {"answers", c.answers},
                      {"records", c.records},         {"rejected", c.rejected},
                      {"skipped", c.skipped},
                      {"results", c.results},         {"results_by_plugin", c.results_by_plugin},
                      {"records_by_language", c.records_by_language},
                      {"records_by_channel", c.records_by_channel},
                      {"responses_by_channel", c.responses_by_channel},
                      {"skipped_by_reason", c.skipped_by_reason}};
  std::vector<RejectRow> listed;
  if (rejects) {
    auto rows = (*store)->Rejects(limit);
    if (!rows.ok()) return ReportError(rows.status());
    listed = std::move(rows).value();
    nlohmann::json list = nlohmann::json::array();
    for (const RejectRow& r : listed) {
      list.push_back({{"file", r.file}, {"line", r.line}, {"reason", r.reason}, {"excerpt", r.excerpt}});
    }
    j["rejects"] = std::move(list);
  }
  if (json) {
    fmt::print("{}\n", DumpJson(j, 2));
    return kExitOk;
  }
  fmt::print("{}: {} imports, {} responses ({} with text), {} text units, {} answers,"
             " {} rejected, {} skipped, {} results\n",
             app.options().db, c.imports, c.responses, c.responses_with_text, c.records, c.answers,
             c.rejected, c.skipped, c.results);
  auto line = [](const char* title, const std::map<std::string, uint64_t>& m) {
    if (m.empty()) return;
    std::string parts;
    for (const auto& [k, v] : m) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", k.empty() ? "(unset)" : TerminalSafe(k), v);
    fmt::print("  {}: {}\n", title, parts);
  };
  line("by language", c.records_by_language);
  line("by channel", c.records_by_channel);
  line("results by plugin", c.results_by_plugin);
  line("responses by channel", c.responses_by_channel);
  line("skipped", c.skipped_by_reason);
  if (rejects) {
    fmt::print("rejected rows{}:\n", limit != 0 && c.rejected > listed.size()
                                         ? fmt::format(" (first {} of {})", listed.size(), c.rejected)
                                         : "");
    for (const RejectRow& r : listed) {
      fmt::print("  {}:{}: {}\n", TerminalSafe(r.file), r.line, TerminalSafe(r.reason));
      if (!r.excerpt.empty()) fmt::print("      {}\n", ShortText(TerminalSafe(r.excerpt), 160));
    }
  } else if (c.rejected > 0) {
    fmt::print("  {} rejected rows: `cxmap status --rejects` lists them\n", c.rejected);
  }
  return kExitOk;
}

}  // namespace cxmap::core
