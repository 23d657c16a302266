// SPDX-License-Identifier: Apache-2.0
// `cxmap plugins list|describe` and `cxmap status`.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/app/commands.h"
#include "core/storage/pg_shard_queue.h"
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
    // A descriptor is a vendor's bytes: shown escaped like any data.
    fmt::print("{:<24} {:<9} {:<8} {}\n", TerminalSafe(p["name"].get<std::string>()),
               p["kind"].get<std::string>(), TerminalSafe(p["version"].get<std::string>()),
               TerminalSafe(p["description"].get<std::string>()));
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
  fmt::print("{} {} ({} plugin, ABI {}) by {}\n  {}\n  module: {}\n", TerminalSafe(p->name),
             TerminalSafe(p->version()), KindName(p->kind), d["abi"].get<std::string>(),
             TerminalSafe(p->vendor()), TerminalSafe(p->description()),
             TerminalSafe(p->module_path.string()));
  fmt::print("\noptions (set with -o {}.NAME=VALUE or [plugins.{}] in the config file):\n",
             p->name, p->name);
  if (d["options"].empty()) fmt::print("  (none)\n");
  for (const auto& o : d["options"]) {
    fmt::print("  {:<18} {:<8} default '{}'\n      {}\n", TerminalSafe(o["name"].get<std::string>()),
               o["type"].get<std::string>(), TerminalSafe(o["default"].get<std::string>()),
               TerminalSafe(o["help"].get<std::string>()));
  }
  if (p->kind == CXMAP_KIND_ANALYSIS) {
    fmt::print("\nfields:\n");
    for (const auto& f : d["fields"]) {
      fmt::print("  {:<18} {:<8} {}\n", TerminalSafe(f["name"].get<std::string>()),
                 f["type"].get<std::string>(), TerminalSafe(f["description"].get<std::string>()));
    }
  }
  return kExitOk;
}

namespace {

double RecordsPerSecond(const QueueStatus::Worker& w) {
  return w.busy_seconds > 0 ? static_cast<double>(w.records) / w.busy_seconds : 0.0;
}

nlohmann::json QueueJson(const QueueStatus& q) {
  nlohmann::json workers = nlohmann::json::array(), failed = nlohmann::json::array();
  for (const auto& w : q.workers) {
    workers.push_back({{"id", w.id},
                       {"state", w.state},
                       {"shard", w.shard == 0 ? nlohmann::json() : nlohmann::json(w.shard)},
                       {"shards_done", w.shards_done},
                       {"records", w.records},
                       {"busy_seconds", w.busy_seconds},
                       {"records_per_second", RecordsPerSecond(w)},
                       {"seen_seconds_ago", w.seen_seconds_ago}});
  }
  for (const auto& f : q.failures) {
    failed.push_back({{"shard", f.shard}, {"file", f.display}, {"error", f.error}});
  }
  return {{"shards",
           {{"pending", q.pending}, {"running", q.running}, {"done", q.done}, {"failed", q.failed}}},
          {"bytes_total", q.bytes_total},
          {"bytes_done", q.bytes_done},
          {"workers", std::move(workers)},
          {"failed_shards", std::move(failed)}};
}

void PrintQueue(const QueueStatus& q) {
  fmt::print("  shards: {} done, {} running, {} pending, {} failed ({:.0f} % of {:.2f} MB done)\n",
             q.done, q.running, q.pending, q.failed,
             q.bytes_total > 0 ? 100.0 * static_cast<double>(q.bytes_done) / q.bytes_total : 0.0,
             q.bytes_total / 1e6);
  for (const auto& w : q.workers) {
    fmt::print("  worker {}: {}{}, {} shards, {} records, {:.0f} records/s, seen {:.0f} s ago\n",
               TerminalSafe(w.id), w.state,
               w.shard > 0 ? fmt::format(" (shard {})", w.shard) : std::string(), w.shards_done,
               w.records, RecordsPerSecond(w), w.seen_seconds_ago);
  }
  for (const auto& f : q.failures) {
    fmt::print("  failed shard {} ({}): {}\n", f.shard, TerminalSafe(f.display),
               TerminalSafe(f.error.substr(0, f.error.find('\n'))));
  }
  if (q.failed > 0) {
    fmt::print("  `cxmap submit` of a failed shard's file again queues its failed shards\n");
  }
}

}  // namespace

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
  // What the next `run` or `analyze` would still do, and what it cannot.
  auto quarantined = (*store)->QuarantinedPlugins();
  if (!quarantined.ok()) return ReportError(quarantined.status());
  // A quarantined plugin's missing results are no work for `analyze`
  // until it is retried; they are listed with it instead.
  std::vector<std::string> analyses;
  for (const PluginInfo* p : app.SelectedAnalyses()) {
    if (std::none_of(quarantined->begin(), quarantined->end(),
                     [&](const QuarantinedPlugin& q) { return q.plugin == p->name; })) {
      analyses.push_back(p->name);
    }
  }
  auto unanalysed = (*store)->CountUnanalysed(analyses);
  if (!unanalysed.ok()) return ReportError(unanalysed.status());
  const size_t text_limit = app.runner_options().limits.text_bytes;
  auto long_texts = (*store)->CountLongTexts(text_limit);
  if (!long_texts.ok()) return ReportError(long_texts.status());
  j["unanalysed"] = *unanalysed;
  j["texts_over_analysis_limit"] = *long_texts;
  j["analysed_text_limit_bytes"] = text_limit;
  nlohmann::json q = nlohmann::json::array();
  for (const QuarantinedPlugin& p : *quarantined) {
    q.push_back({{"plugin", p.plugin}, {"module", p.module}, {"reason", p.reason}, {"since", p.since}});
  }
  j["quarantined"] = std::move(q);
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
  // The work queue of submit/worker, when the store is shared and has one.
  std::optional<QueueStatus> queue;
  if (app.store_location().postgres()) {
    auto opened = ShardQueue::Open(app.store_location(), /*may_write=*/false);
    if (!opened.ok()) return ReportError(opened.status());
    auto summary = (*opened)->Summary();
    if (!summary.ok()) return ReportError(summary.status());
    if (summary->pending + summary->running + summary->done + summary->failed > 0 ||
        !summary->workers.empty()) {
      queue = std::move(summary).value();
      j["queue"] = QueueJson(*queue);
    }
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
  if (*unanalysed > 0) {
    fmt::print("  {} text units not yet analysed by every plugin: `cxmap analyze` (or the next "
               "`cxmap run`) finishes them\n", *unanalysed);
  }
  if (*long_texts > 0) {
    fmt::print("  {} text units are longer than the analysis limit of {} bytes: stored whole, "
               "analysed up to the limit ([limits] analysed_text_bytes)\n", *long_texts, text_limit);
  }
  for (const QuarantinedPlugin& p : *quarantined) {
    fmt::print("  quarantined: {} since {}: {} (`cxmap plugins retry {}`)\n", TerminalSafe(p.plugin),
               p.since, TerminalSafe(p.reason), TerminalSafe(p.plugin));
  }
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
  if (queue) PrintQueue(*queue);
  return kExitOk;
}

int RunPluginsRetry(AppContext& app, const std::string& name) {
  auto store = app.OpenStore();
  if (!store.ok()) return ReportError(store.status());
  auto released = (*store)->ReleasePlugin(name);
  if (!released.ok()) return ReportError(released.status());
  if (!*released) {
    fmt::print("{} is not quarantined in {}\n", name, app.options().db);
    return kExitOk;
  }
  fmt::print("{}: quarantine ended; `cxmap analyze` runs it over the records it missed\n", name);
  return kExitOk;
}

}  // namespace cxmap::core
