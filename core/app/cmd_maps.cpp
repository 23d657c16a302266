// SPDX-License-Identifier: Apache-2.0
// `cxmap empathy` and `cxmap stakeholders`: the two whiteboard maps, filled
// from the stored results.
#include <fmt/format.h>

#include "core/app/commands.h"
#include "core/pipeline/phase_meter.h"
#include "core/text/grapheme.h"
#include "core/journey/journey_map.h"
#include "core/report/empathy_report.h"
#include "core/report/result_json.h"
#include "core/report/stakeholder_report.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

std::string Num(const Json& v, const char* format) {
  return v.is_number() ? fmt::format(fmt::runtime(format), v.get<double>()) : "-";
}

void PrintEmpathy(const Json& map) {
  for (const auto& g : map["groups"]) {
    std::string value = TerminalSafe(g["value"].get<std::string>());
    fmt::print("Empathy map{} — {} sentences\n", map["by"].is_null() ? "" : fmt::format(" ({} = {})",
               TerminalSafe(map["by"].get<std::string>()), value.empty() ? "(none)" : value), g["sentences"].get<uint64_t>());
    for (const auto& [quadrant, q] : g["quadrants"].items()) {
      fmt::print("  {} ({} sentences)\n", quadrant, q["sentences"].get<uint64_t>());
      for (const auto& item : q["items"]) {
        std::string quote =
            item["quotes"].empty() ? "" : ShortText(TerminalSafe(item["quotes"][0]["text"].get<std::string>()), 80);
        std::string emotions;
        if (item.contains("emotions")) {
          for (const auto& [e, n] : item["emotions"].items()) emotions += fmt::format(" {}:{}", e, n.get<uint64_t>());
        }
        fmt::print("    {} ×{:<4}{}  “{}”\n", FitColumns(TerminalSafe(item["item"].get<std::string>()), 22), item["count"].get<uint64_t>(),
                   emotions, quote);
      }
    }
    fmt::print("\n");
  }
}

void PrintStakeholders(const Json& map) {
  fmt::print("{:<24} {:<20} {:>7} {:>9}  {:<12} {}\n", "STAKEHOLDER", "DEPARTMENT", "SUPPORT", "INFLUENCE",
             "STRATEGY", "REASON");
  for (const auto& s : map["stakeholders"]) {
    std::string name = TerminalSafe(s["name"].get<std::string>()).empty() ? "(department)" : TerminalSafe(s["name"].get<std::string>());
    fmt::print("{} {} {:>7} {:>9}  {} {}\n", FitColumns(name, 24),
               FitColumns(TerminalSafe(s["department"].get<std::string>()), 20), Num(s["support"], "{:.1f}"),
               Num(s["influence"], "{:.1f}"),
               FitColumns(s["strategy"].is_null() ? "-" : TerminalSafe(s["strategy"].get<std::string>()), 12),
               TerminalSafe(s["reason"].get<std::string>()));
    for (const auto& t : s["owns"]) {
      if (t["volume"].get<uint64_t>() == 0) continue;
      std::string pain = t["pain_points"].empty() ? "" : "  pain: " + TerminalSafe(t["pain_points"][0]["theme"].get<std::string>());
      fmt::print("    owns {} volume {:<5} negative {:>3.0f}%  NPS {}{}\n", FitColumns(TerminalSafe(t["label"].get<std::string>()), 20),
                 t["volume"].get<uint64_t>(), 100 * t["negative"].get<double>(),
                 t["nps"].is_null() ? "-" : Num(t["nps"]["value"], "{:+.0f}"), pain);
    }
  }
}

}  // namespace

int RunEmpathy(AppContext& app, const EmpathyOptions& options) {
  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  EmpathyQuery query = options.query;
  auto where = ResolveWhere(JourneyLabelsFor(app, **db, ""), query.where);
  if (!where.ok()) return ReportError(where.status());
  query.where = std::move(*where);
  std::optional<PhaseMeter> progress(std::in_place, "empathy", !app.options().quiet);
  progress->Phase("building the map");
  auto map = BuildEmpathyMap(**db, query);
  progress.reset();
  if (!map.ok()) return ReportError(map.status());
  if (options.json) {
    fmt::print("{}\n", DumpJson(*map));
  } else {
    PrintEmpathy(*map);
  }
  return kExitOk;
}

int RunStakeholders(AppContext& app, bool json) {
  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  std::optional<PhaseMeter> progress(std::in_place, "stakeholders", !app.options().quiet);
  progress->Phase("building the journey map");
  auto journey = BuildJourneyMap(**db, JourneyLabelsFor(app, **db, ""), JourneyQuery{});
  if (!journey.ok()) return ReportError(journey.status());
  progress->Phase("linking stakeholders");
  auto map = BuildStakeholderMap(**db, *journey);
  progress.reset();
  if (!map.ok()) return ReportError(map.status());
  if (json) {
    fmt::print("{}\n", DumpJson(*map));
  } else {
    PrintStakeholders(*map);
  }
  return kExitOk;
}

}  // namespace cxmap::core
