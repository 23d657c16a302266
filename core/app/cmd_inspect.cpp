// SPDX-License-Identifier: Apache-2.0
// `cxmap inspect`: how a file will be read, before anything is imported.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/app/commands.h"
#include "core/pipeline/import_job.h"
#include "core/report/result_json.h"

namespace cxmap::core {

namespace {

nlohmann::ordered_json ToJson(const std::string& file, const SniffCandidate& chosen,
                              const std::vector<SniffCandidate>& candidates,
                              const Inspection& in) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["source"] = chosen.plugin;
  // The profile the source actually used wins over what sniffing guessed.
  j["format"] = in.format.empty() ? chosen.format : in.format;
  j["confidence"] = chosen.confidence;
  j["reason"] = chosen.reason;
  j["candidates"] = nlohmann::ordered_json::array();
  for (const auto& c : candidates) {
    j["candidates"].push_back(
        {{"source", c.plugin}, {"format", c.format}, {"confidence", c.confidence}, {"reason", c.reason}});
  }
  j["encoding"] = in.encoding;
  j["delimiter"] = in.delimiter;
  j["header_rows"] = in.header_rows;
  j["responses"] = in.responses;
  j["unit"] = in.unit;
  j["records"] = in.records;
  j["rejected"] = in.rejected;
  j["columns"] = nlohmann::ordered_json::array();
  for (const auto& c : in.columns) {
    j["columns"].push_back(
        {{"index", c.index}, {"name", c.name}, {"role", c.role}, {"question", c.question}});
  }
  j["details"] = nlohmann::ordered_json::object();
  for (const auto& [k, v] : in.details) j["details"][k] = v;
  return j;
}

std::string Shorten(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "…";
}

void PrintHuman(const nlohmann::ordered_json& j) {
  fmt::print("{}\n", TerminalSafe(j["file"].get<std::string>()));
  fmt::print("  source:     {} (format {}, confidence {:.2f})\n", TerminalSafe(j["source"].get<std::string>()),
             TerminalSafe(j["format"].get<std::string>()), j["confidence"].get<double>());
  fmt::print("  reason:     {}\n", TerminalSafe(j["reason"].get<std::string>()));
  if (!j["encoding"].get<std::string>().empty()) {
    fmt::print("  encoding:   {}\n", TerminalSafe(j["encoding"].get<std::string>()));
  }
  if (!j["delimiter"].get<std::string>().empty()) {
    std::string d = j["delimiter"].get<std::string>();
    fmt::print("  delimiter:  {}\n", d == "\t" ? "TAB" : TerminalSafe(d));
  }
  fmt::print("  header rows: {}\n", j["header_rows"].get<uint32_t>());
  fmt::print("  {}: {}  (records {}, rejected {})\n", TerminalSafe(j["unit"].get<std::string>()),
             j["responses"].get<uint64_t>(), j["records"].get<uint64_t>(),
             j["rejected"].get<uint64_t>());
  for (const auto& [k, v] : j["details"].items()) {
    fmt::print("  {}: {}\n", TerminalSafe(k), TerminalSafe(v.get<std::string>()));
  }
  if (!j["columns"].empty()) {
    fmt::print("  columns:\n");
    for (const auto& c : j["columns"]) {
      std::string q = c["question"].get<std::string>();
      fmt::print("    {:>3}  {:<10} {}{}\n", c["index"].get<uint32_t>(), TerminalSafe(c["role"].get<std::string>()),
                 Shorten(TerminalSafe(c["name"].get<std::string>()), 40),
                 q.empty() ? "" : "  — " + Shorten(TerminalSafe(q), 70));
    }
  }
  fmt::print("  candidates:\n");
  for (const auto& c : j["candidates"]) {
    fmt::print("    {:<20} {:.2f}  {}{}\n", TerminalSafe(c["source"].get<std::string>()), c["confidence"].get<double>(),
               c["format"].get<std::string>().empty() ? "" : TerminalSafe(c["format"].get<std::string>()) + ": ",
               TerminalSafe(c["reason"].get<std::string>()));
  }
}

}  // namespace

int RunInspect(AppContext& app, const InspectOptions& options) {
  std::vector<SniffCandidate> candidates;
  // A vendor's sniff() and inspect() run isolated as in an import, so a
  // source that crashes or hangs on this file fails the command with its
  // name, not cxmap.
  SniffOptions sniff{app.runner_options(), app.cancelled(), {}};
  auto chosen = ChooseSource(app.registry(), options.input, options.source, options.format,
                             &candidates, sniff);
  if (!chosen.ok()) return ReportError(chosen.status());
  const PluginInfo& plugin = *app.registry().Find(chosen->plugin);
  auto source_options = SourceOptions(plugin, OptionsFor(app.plugin_options(), plugin.name), options.format);
  if (!source_options.ok()) return ReportError(source_options.status());
  std::string fault;  // not quarantined: inspect writes nothing, the message names the fault
  auto source = StartSource(plugin, *source_options, app.runner_options(), app.cancelled(), &fault);
  if (!source.ok()) return ReportError(source.status());
  auto inspection = (*source)->Inspect(options.input);
  if (!inspection.ok()) return ReportError(inspection.status());
  nlohmann::ordered_json j = ToJson(options.input, *chosen, candidates, *inspection);
  if (options.json) {
    fmt::print("{}\n", DumpJson(j));
  } else {
    PrintHuman(j);
  }
  return kExitOk;
}

}  // namespace cxmap::core
