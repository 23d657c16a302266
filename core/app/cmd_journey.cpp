// SPDX-License-Identifier: Apache-2.0
// `cxmap journey`: the journey map of the stored records, as a table or
// JSON; `cxmap query`: the records matching a filter.
#include <fmt/format.h>

#include "core/app/commands.h"
#include "core/journey/journey_facts.h"
#include "core/journey/journey_map.h"
#include "core/journey/root_cause.h"
#include "core/report/result_json.h"
#include "core/storage/unit_reads.h"
#include "core/storage/sqlite_db.h"
#include "core/util/log.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kBusyTimeoutMs = 5000;

// The analysis plugin whose declared fields carry the roles stage and
// touchpoint: core asks for roles, never for a plugin's or a field's name.
const PluginInfo* JourneyPlugin(const PluginRegistry& registry) {
  for (const PluginInfo* p : registry.OfKind(CXMAP_KIND_ANALYSIS)) {
    int found = 0;
    for (const FieldDecl& f : p->fields) found += f.role == "stage" || f.role == "touchpoint";
    if (found == 2) return p;
  }
  return nullptr;
}

// The name of `plugin`'s field with `role`, "" when none.
std::string FieldWithRole(const PluginInfo& plugin, std::string_view role) {
  for (const FieldDecl& f : plugin.fields) {
    if (f.role == role) return f.name;
  }
  return std::string();
}

}  // namespace

JourneyLabels JourneyLabelsFor(AppContext& app, SqliteDb& db, const std::string& model) {
  JourneyLabels fallback;
  const PluginInfo* plugin = JourneyPlugin(app.registry());
  fallback.model = model;
  if (fallback.model.empty() && plugin != nullptr) {
    const std::string model_field = FieldWithRole(*plugin, "stage.model");
    if (!model_field.empty()) {
      fallback.model = ReadRecordLevelText(db, plugin->name, model_field).value_or("");
    }
  }
  if (fallback.model.empty()) fallback.model = "cjm6";
  if (plugin == nullptr) {
    Log(Severity::kWarn, "", "no loaded analysis plugin declares the roles stage and touchpoint: "
                             "stages and touchpoints show ids only");
    return fallback;
  }
  const OptionMap& options = OptionsFor(app.plugin_options(), plugin->name);
  auto get = [&](const char* key) {
    auto it = options.find(key);
    return it == options.end() ? std::string() : it->second;
  };
  std::string dir = get("journey_dir").empty() ? plugin->data_dir.string() : get("journey_dir");
  auto labels = LoadJourneyLabels(dir, fallback.model, get("model_file"), get("catalogue_file"));
  if (!labels.ok()) {
    Log(Severity::kWarn, "", "journey labels: " + labels.status().message());
    return fallback;
  }
  return *labels;
}

namespace {

std::string Percent(const Json& share) { return fmt::format("{:>3.0f}%", 100 * share.get<double>()); }

std::string Nps(const Json& nps) {
  if (nps.is_null()) return "-";
  return fmt::format("{:+.0f} [{:+.0f},{:+.0f}] n={}", nps["value"].get<double>(),
                     nps["ci_low"].get<double>(), nps["ci_high"].get<double>(), nps["n"].get<uint64_t>());
}

std::string Metric(const Json& m, const char* format) {
  return m.is_null() ? "-" : fmt::format(fmt::runtime(format), m["value"].get<double>());
}

// One bar character per stage: the emotion curve at a glance.
std::string Curve(const Json& stages) {
  static const char* kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const auto& s : stages) {
    if (s["sentiment"]["n"].get<uint64_t>() == 0) {
      out += "·";
      continue;
    }
    double mean = s["sentiment"]["mean"].get<double>();  // [-1, 1]
    int i = static_cast<int>((mean + 1) / 2 * 7.999);
    out += kBars[std::clamp(i, 0, 7)];
  }
  return out;
}

// "calls: 12, AHT 312 s, hold 45 s, resolved 75% of 8"
std::string CallLine(const Json& c) {
  std::string out = fmt::format("calls: {}", c["count"].get<uint64_t>());
  if (!c["mean_duration_s"].is_null()) out += fmt::format(", AHT {:.0f} s", c["mean_duration_s"].get<double>());
  if (!c["mean_hold_s"].is_null()) out += fmt::format(", hold {:.0f} s", c["mean_hold_s"].get<double>());
  if (!c["resolution_rate"].is_null()) {
    out += fmt::format(", resolved {:.0f}% of {}", c["resolution_rate"].get<double>(),
                       c["resolution_n"].get<uint64_t>());
  }
  return out;
}

void PrintMap(const Json& map, const std::string& title) {
  fmt::print("{} — {} records, {} unmapped, {} not analysed\n", title, map["records"].get<uint64_t>(),
             map["unmapped"]["count"].get<uint64_t>(), map["not_analysed"].get<uint64_t>());
  fmt::print("emotion curve: {}\n\n", Curve(map["stages"]));
  fmt::print("{:<16} {:>6}  {:>4} {:>4} {:>4} {:>6}  {:<22} {:>5} {:>5}\n", "STAGE", "VOLUME", "POS",
             "NEU", "NEG", "MEAN", "NPS [95% CI]", "CSAT", "CES");
  for (const auto& s : map["stages"]) {
    const Json& se = s["sentiment"];
    fmt::print("{:<16} {:>6}  {} {} {} {:>+6.2f}  {:<22} {:>5} {:>5}\n", TerminalSafe(s["label"].get<std::string>()),
               s["volume"].get<uint64_t>(), Percent(se["positive"]), Percent(se["neutral"]),
               Percent(se["negative"]), se["mean"].get<double>(), Nps(s["nps"]),
               Metric(s["csat"], "{:.0f}%"), Metric(s["ces"], "{:.1f}"));
  }
  fmt::print("\n{:<20} {:<18} {:>6}  {:>4} {:>4} {:>6}  {:<22} {:>5} {:>5}\n", "TOUCHPOINT", "OWNER",
             "VOLUME", "POS", "NEG", "MEAN", "NPS [95% CI]", "CSAT", "CES");
  for (const auto& t : map["touchpoints"]) {
    if (t["volume"].get<uint64_t>() == 0) continue;
    const Json& se = t["sentiment"];
    fmt::print("{:<20} {:<18} {:>6}  {} {} {:>+6.2f}  {:<22} {:>5} {:>5}\n", TerminalSafe(t["label"].get<std::string>()),
               TerminalSafe(t["owner"].get<std::string>()), t["volume"].get<uint64_t>(), Percent(se["positive"]),
               Percent(se["negative"]), se["mean"].get<double>(), Nps(t["nps"]),
               Metric(t["csat"], "{:.0f}%"), Metric(t["ces"], "{:.1f}"));
    if (!t["calls"].is_null()) fmt::print("    {}\n", CallLine(t["calls"]));
    for (const auto& p : t["pain_points"]) {
      std::string quote = p["quotes"].empty() ? "" : TerminalSafe(p["quotes"][0]["text"].get<std::string>());
      if (quote.size() > 90) quote = SafeUtf8Prefix(quote, 90) + "…";
      fmt::print("    pain: {:<24} ×{:<3} neg {:.2f}  “{}”\n", TerminalSafe(p["theme"].get<std::string>()),
                 p["volume"].get<uint64_t>(), p["negativity"].get<double>(), quote);
    }
  }
  if (map["unmapped"]["count"].get<uint64_t>() > 0) {
    fmt::print("\nunmapped examples:\n");
    for (const auto& e : map["unmapped"]["examples"]) {
      std::string text = TerminalSafe(e["text"].get<std::string>());
      if (text.size() > 100) text = SafeUtf8Prefix(text, 100) + "…";
      fmt::print("  #{} {}\n", e["record"].get<int64_t>(), text);
    }
  }
}

// The headline: every respondent, with or without text.
void PrintOverall(const Json& overall) {
  if (!overall.is_object()) return;
  auto interval = [](const Json& m, const char* format) {
    if (m.is_null()) return std::string("-");
    return fmt::format(fmt::runtime(format), m["value"].get<double>(), m["ci_low"].get<double>(),
                       m["ci_high"].get<double>(), m["n"].get<uint64_t>());
  };
  fmt::print("overall — {} responses ({} with text): NPS {}  CSAT {}  CES {}\n",
             overall["responses"].get<uint64_t>(), overall["with_text"].get<uint64_t>(),
             Nps(overall["nps"]), interval(overall["csat"], "{:.0f}% [{:.0f},{:.0f}] n={}"),
             interval(overall["ces"], "{:.1f} [{:.1f},{:.1f}] n={}"));
  if (!overall["calls"].is_null()) fmt::print("{}\n", CallLine(overall["calls"]));
  fmt::print("\n");
}

void PrintDrivers(const Json& why) {
  const Json& p = why["pain_point"];
  fmt::print("Why: {}{} — {} of {} records\n", TerminalSafe(p["touchpoint"].get<std::string>()),
             p["theme"].is_null() ? "" : " / " + TerminalSafe(p["theme"].get<std::string>()),
             why["pain_records"].get<uint64_t>(), why["records"].get<uint64_t>());
  for (const auto& [kind, rows] : why["drivers"].items()) {
    fmt::print("\n  {} that co-occur more than chance:\n", kind);
    if (rows.empty()) fmt::print("    (none with at least 2 records and lift > 1)\n");
    for (const auto& r : rows) {
      fmt::print("    {:<30} {:>4} of {:<5} lift {:>4.1f}  z {:>4.1f}\n", TerminalSafe(r["value"].get<std::string>()),
                 r["pain_records"].get<uint64_t>(), r["records"].get<uint64_t>(),
                 r["lift"].get<double>(), r["z"].get<double>());
    }
  }
}

}  // namespace

Result<std::unique_ptr<SqliteDb>> OpenDatabaseForReading(AppContext& app) {
  auto store = app.OpenStore();  // brings the schema up to date (the facts view is schema 2)
  if (!store.ok()) return store.status();
  store->reset();
  return SqliteDb::Open(app.options().db, kBusyTimeoutMs);
}

std::string SafeUtf8Prefix(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

int RunJourney(AppContext& app, const JourneyOptions& options) {
  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  if (!options.why.empty()) {
    auto why = DrillDown(**db, options.query, options.why);
    if (!why.ok()) return ReportError(why.status());
    if (options.json) {
      fmt::print("{}\n", DumpJson(*why));
    } else {
      PrintDrivers(*why);
    }
    return kExitOk;
  }
  JourneyLabels labels = JourneyLabelsFor(app, **db, options.model);
  auto map = BuildJourneyMap(**db, labels, options.query);
  if (!map.ok()) return ReportError(map.status());
  if (options.json) {
    fmt::print("{}\n", DumpJson(*map));
    return kExitOk;
  }
  PrintOverall((*map)["overall"]);
  PrintMap(*map, fmt::format("Journey map ({})", labels.model));
  if (map->contains("groups")) {
    for (const auto& g : (*map)["groups"]) {
      fmt::print("\n");
      PrintMap(g, fmt::format("{} = {}", options.query.by,
                              TerminalSafe(g["value"].get<std::string>()).empty() ? "(none)" : TerminalSafe(g["value"].get<std::string>())));
    }
  }
  return kExitOk;
}

int RunQuery(AppContext& app, const QueryOptions& options) {
  auto filter = CompileFilter(options.where);
  if (!filter.ok()) return ReportError(filter.status());
  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  if (options.count) {
    auto n = CountFacts(**db, *filter);
    if (!n.ok()) return ReportError(n.status());
    fmt::print("{}\n", *n);
    return kExitOk;
  }
  Json rows = Json::array();
  auto text_or_null = [](const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); };
  auto real_or_null = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  Status read = ReadQueryRows(**db, *filter, options.limit, [&](const QueryRow& q) -> Status {
    Json r{{"id", text_or_null(q.id)}, {"language", text_or_null(q.language)},
           {"channel", text_or_null(q.channel)}, {"segment", text_or_null(q.segment)},
           {"time_ms", q.time_ms ? Json(*q.time_ms) : Json(nullptr)},
           {"touchpoint", text_or_null(q.touchpoint)}, {"stage", text_or_null(q.stage)},
           {"sentiment", text_or_null(q.sentiment)}, {"score", real_or_null(q.score)},
           {"nps", real_or_null(q.nps)}, {"csat", real_or_null(q.csat)},
           {"text", text_or_null(q.text)}};
    if (options.json || options.jsonl) {
      // Everything else the unit and its response carry: attributes, every
      // plugin's record-level results, the closed answers.
      r["attributes"] = Json::parse(q.attributes, nullptr, false);
      auto extra = ReadUnitDetails(**db, q.record, q.response);
      if (!extra.ok()) return extra.status();
      r["results"] = std::move(extra->first);
      r["answers"] = std::move(extra->second);
    }
    if (options.jsonl) {
      fmt::print("{}\n", DumpJson(r));
    } else {
      rows.push_back(std::move(r));
    }
    return Status::Ok();
  });
  if (!read.ok()) return ReportError(read);
  if (options.jsonl) return kExitOk;
  if (options.json) {
    fmt::print("{}\n", DumpJson(rows));
    return kExitOk;
  }
  for (const auto& r : rows) {
    std::string text = r["text"].is_null() ? "" : TerminalSafe(r["text"].get<std::string>());
    if (text.size() > 80) text = SafeUtf8Prefix(text, 80) + "…";
    auto s = [&](const char* k) { return r[k].is_null() ? std::string("-") : TerminalSafe(r[k].get<std::string>()); };
    fmt::print("{:<8} {:<8} {:<16} {:<14} {:<9} {}\n", s("language"), s("channel"), s("touchpoint"),
               s("stage"), s("sentiment"), text);
  }
  fmt::print(stderr, "{} records\n", rows.size());
  return kExitOk;
}

}  // namespace cxmap::core
