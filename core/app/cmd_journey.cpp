// SPDX-License-Identifier: Apache-2.0
// `cxmap journey`: the journey map of the stored records, as a table or
// JSON; `cxmap query`: the records matching a filter.
#include <fmt/format.h>

#include <filesystem>

#include "core/app/commands.h"
#include "core/pipeline/phase_meter.h"
#include "core/journey/journey_facts.h"
#include "core/journey/journey_map.h"
#include "core/journey/journey_map_json.h"
#include "core/journey/root_cause.h"
#include "core/report/result_json.h"
#include "core/storage/unit_reads.h"
#include "core/text/grapheme.h"
#include "core/util/ascii.h"
#include "core/storage/sqlite_db.h"
#include "core/app/snapshot_cache.h"
#include "core/storage/sqlite_store.h"
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

std::string Percent(double share) { return fmt::format("{:>3.0f}%", 100 * share); }

std::string NpsText(const std::optional<Nps>& nps) {
  if (!nps) return "-";
  return fmt::format("{:+.0f} [{:+.0f},{:+.0f}] n={}", nps->value, nps->ci_low, nps->ci_high, nps->n);
}

std::string CsatText(const std::optional<Csat>& csat) {
  return csat ? fmt::format("{:.0f}%", csat->top2) : "-";
}

std::string CesText(const std::optional<Ces>& ces) { return ces ? fmt::format("{:.1f}", ces->mean) : "-"; }

// One bar character per stage: the emotion curve at a glance.
std::string Curve(const std::vector<StageCell>& stages) {
  static const char* kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const StageCell& s : stages) {
    if (s.scores.sentiment.n == 0) {
      out += "·";
      continue;
    }
    const double mean = s.scores.sentiment.mean;  // [-1, 1]
    int i = static_cast<int>((mean + 1) / 2 * 7.999);
    out += kBars[std::clamp(i, 0, 7)];
  }
  return out;
}

// "calls: 12, AHT 312 s, hold 45 s, resolved 75% of 8"
std::string CallLine(const CallFigures& c) {
  std::string out = fmt::format("calls: {}", c.count);
  if (c.mean_duration_s) out += fmt::format(", AHT {:.0f} s", *c.mean_duration_s);
  if (c.mean_hold_s) out += fmt::format(", hold {:.0f} s", *c.mean_hold_s);
  if (c.resolution_rate) out += fmt::format(", resolved {:.0f}% of {}", *c.resolution_rate, c.resolution_n);
  return out;
}

void PrintMap(const MapBody& map, const std::string& title) {
  fmt::print("{} — {} records, {} unmapped, {} not analysed\n", title, map.records, map.unmapped,
             map.not_analysed);
  fmt::print("emotion curve: {}\n\n", Curve(map.stages));
  fmt::print("{:<16} {:>6}  {:>4} {:>4} {:>4} {:>6}  {:<22} {:>5} {:>5}\n", "STAGE", "VOLUME", "POS",
             "NEU", "NEG", "MEAN", "NPS [95% CI]", "CSAT", "CES");
  for (const StageCell& s : map.stages) {
    const SentimentShares& se = s.scores.sentiment;
    fmt::print("{} {:>6}  {} {} {} {:>+6.2f}  {:<22} {:>5} {:>5}\n", FitColumns(TerminalSafe(s.label), 16), s.volume,
               Percent(se.positive), Percent(se.neutral), Percent(se.negative), se.mean,
               NpsText(s.scores.nps), CsatText(s.scores.csat), CesText(s.scores.ces));
  }
  fmt::print("\n{:<20} {:<18} {:>6}  {:>4} {:>4} {:>6}  {:<22} {:>5} {:>5}\n", "TOUCHPOINT", "OWNER",
             "VOLUME", "POS", "NEG", "MEAN", "NPS [95% CI]", "CSAT", "CES");
  for (const TouchpointCell& t : map.touchpoints) {
    if (t.volume == 0) continue;
    const SentimentShares& se = t.scores.sentiment;
    fmt::print("{} {} {:>6}  {} {} {:>+6.2f}  {:<22} {:>5} {:>5}\n", FitColumns(TerminalSafe(t.label), 20),
               FitColumns(TerminalSafe(t.owner), 18), t.volume, Percent(se.positive), Percent(se.negative), se.mean,
               NpsText(t.scores.nps), CsatText(t.scores.csat), CesText(t.scores.ces));
    if (t.scores.calls) fmt::print("    {}\n", CallLine(*t.scores.calls));
    for (const PainPoint& p : t.pain_points) {
      std::string quote = p.quotes.empty() ? "" : ShortText(TerminalSafe(p.quotes[0].text), 90);
      const char* trend = !p.trend ? " " : p.trend->direction > 0 ? "▲" : p.trend->direction < 0 ? "▼" : " ";
      fmt::print("    pain: {} ×{:<3} neg {:.2f} {} “{}”\n", FitColumns(TerminalSafe(p.theme), 24), p.volume,
                 p.negativity, trend, quote);
    }
  }
  if (map.unmapped > 0) {
    fmt::print("\nunmapped examples:\n");
    for (const UnmappedExample& e : map.unmapped_examples) {
      std::string text = ShortText(TerminalSafe(e.text), 100);
      fmt::print("  #{} {}\n", e.record, text);
    }
  }
}

// The headline: every respondent, with or without text.
void PrintOverall(const OverallScores& overall) {
  const CellScores& c = overall.scores;
  const std::string csat =
      c.csat ? fmt::format("{:.0f}% [{:.0f},{:.0f}] n={}", c.csat->top2, c.csat->ci_low, c.csat->ci_high, c.csat->n)
             : "-";
  const std::string ces =
      c.ces ? fmt::format("{:.1f} [{:.1f},{:.1f}] n={}", c.ces->mean, c.ces->ci_low, c.ces->ci_high, c.ces->n)
            : "-";
  fmt::print("overall — {} responses ({} with text): NPS {}  CSAT {}  CES {}\n", overall.responses,
             overall.with_text, NpsText(c.nps), csat, ces);
  if (c.calls) fmt::print("{}\n", CallLine(*c.calls));
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
      fmt::print("    {} {:>4} of {:<5} lift {:>4.1f}  z {:>4.1f}\n", FitColumns(TerminalSafe(r["value"].get<std::string>()), 30),
                 r["pain_records"].get<uint64_t>(), r["records"].get<uint64_t>(),
                 r["lift"].get<double>(), r["z"].get<double>());
    }
  }
}

// `--why TOUCHPOINT[:THEME]` names the touchpoint by id or by the label the
// map prints, in any (ASCII) case; an unknown one is a usage error that
// lists the valid ones, instead of a drill-down into nothing.
Result<std::string> ResolveTouchpoint(const JourneyLabels& labels, const std::string& why) {
  const size_t colon = why.find(':');
  const std::string named = why.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : why.substr(colon);
  if (labels.touchpoints.empty()) return why;  // no catalogue: ids as given
  std::string valid;
  for (const auto& t : labels.touchpoints) {
    if (t.id == named) return why;
    if (AsciiLower(t.id) == AsciiLower(named) || AsciiLower(t.label) == AsciiLower(named)) return t.id + rest;
    valid += fmt::format("{}{} ({})", valid.empty() ? "" : ", ", t.id, t.label);
  }
  return Status::InvalidArgument(fmt::format("--why {}: no such touchpoint; use one of: {}", named, valid));
}

}  // namespace

Result<std::unique_ptr<SqliteDb>> OpenDatabaseForReading(AppContext& app,
                                                         StoreLocation* snapshot) {
  if (app.store_location().postgres()) {
    // The read layer speaks SQLite's SQL: read a snapshot of the server
    // into an embedded file first, kept for the next read command while
    // nothing is written to the server (snapshot_cache.h).
    auto server = PgStore::Open(app.store_location(), StoreAccess::kRead);
    if (!server.ok()) return server.status();
    auto path = SnapshotForReading(app, **server);
    if (!path.ok()) return path.status();
    server->reset();
    if (snapshot != nullptr) {
      *snapshot = StoreLocation{StoreLocation::Kind::kSqlite, *path, app.store_location().display};
    }
    return SqliteDb::Open(*path, kBusyTimeoutMs, SqliteDb::Mode::kReadOnly);
  }
  // A read command must not leave an empty database behind a typo.
  std::error_code ec;
  if (!std::filesystem::exists(app.options().db, ec)) {
    return Status::NotFound(fmt::format("no database at {}: import first (`cxmap run FILES`) or give --db",
                                        app.options().db));
  }
  // Brings the schema up to date (the facts view is schema 2) when the
  // file can be written; a read-only one is read as it is.
  auto store = app.OpenStore(StoreAccess::kRead);
  if (!store.ok()) return store.status();
  store->reset();
  return OpenSqliteForReading(app.options().db, kBusyTimeoutMs);
}

Result<std::string> ResolveWhere(const JourneyLabels& labels, const std::string& where) {
  if (where.empty()) return where;
  FilterVocabulary vocabulary;
  auto add = [&](const char* field, const std::vector<JourneyLabels::Item>& items) {
    FilterVocabulary::Field& f = vocabulary.fields[field];
    // Ids first: a label never hides another item's id.
    for (const auto& item : items) f.by_name[AsciiLower(item.id)] = item.id;
    for (const auto& item : items) {
      if (!item.label.empty()) f.by_name.emplace(AsciiLower(item.label), item.id);
      f.valid += (f.valid.empty() ? "" : ", ") + item.id +
                 (item.label.empty() || item.label == item.id ? "" : " (" + item.label + ")");
    }
  };
  add("stage", labels.stages);
  add("touchpoint", labels.touchpoints);
  return ResolveFilterValues(where, vocabulary);
}

std::string ShortText(const std::string& s, size_t max_graphemes) {
  bool cut = false;
  std::string out = GraphemePrefix(s, max_graphemes, &cut);
  if (cut) out += "…";
  return out;
}

int RunJourney(AppContext& app, const JourneyOptions& given) {
  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  JourneyOptions options = given;
  // One read of the model's labels serves the filter, --why and the map.
  const JourneyLabels labels = JourneyLabelsFor(app, **db, options.model);
  auto where = ResolveWhere(labels, options.query.where);
  if (!where.ok()) return ReportError(where.status());
  options.query.where = std::move(*where);
  if (!options.why.empty()) {
    auto pain = ResolveTouchpoint(labels, options.why);
    if (!pain.ok()) return ReportError(pain.status());
    std::optional<PhaseMeter> progress(std::in_place, "journey", !app.options().quiet);
    progress->Phase("root causes");
    auto why = DrillDown(**db, options.query, *pain);
    progress.reset();
    if (!why.ok()) return ReportError(why.status());
    if (options.json) {
      fmt::print("{}\n", DumpJson(*why));
    } else {
      PrintDrivers(*why);
    }
    return kExitOk;
  }
  std::optional<PhaseMeter> progress(std::in_place, "journey", !app.options().quiet);
  progress->Phase("building the map");
  auto map = BuildJourneyMap(**db, labels, options.query);
  progress.reset();
  if (!map.ok()) return ReportError(map.status());
  if (options.json) {
    fmt::print("{}\n", DumpJson(JourneyMapJson(*map)));
    return kExitOk;
  }
  PrintOverall(map->overall);
  PrintMap(map->all, fmt::format("Journey map ({})", labels.model));
  for (const JourneyGroup& g : map->groups) {
    fmt::print("\n");
    const std::string value = TerminalSafe(g.value);
    PrintMap(g.map, fmt::format("{} = {}", options.query.by, value.empty() ? "(none)" : value));
  }
  return kExitOk;
}

int RunQuery(AppContext& app, const QueryOptions& options) {
  if (auto syntax = CompileFilter(options.where); !syntax.ok()) return ReportError(syntax.status());
  auto db = OpenDatabaseForReading(app);
  if (!db.ok()) return ReportError(db.status());
  auto where = ResolveWhere(JourneyLabelsFor(app, **db, ""), options.where);
  if (!where.ok()) return ReportError(where.status());
  auto filter = CompileFilter(*where);
  if (!filter.ok()) return ReportError(filter.status());
  if (options.count) {
    auto n = CountFacts(**db, *filter);
    if (!n.ok()) return ReportError(n.status());
    fmt::print("{}\n", *n);
    return kExitOk;
  }
  std::optional<PhaseMeter> progress(std::in_place, "query", !app.options().quiet && !options.jsonl);
  progress->Phase("reading records");
  uint64_t read_rows = 0;
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
      r["results"] = std::move(extra->results);
      r["answers"] = std::move(extra->answers);
      r["spans"] = std::move(extra->spans);
    }
    progress->Count(++read_rows, "records");
    if (options.jsonl) {
      fmt::print("{}\n", DumpJson(r));
    } else {
      rows.push_back(std::move(r));
    }
    return Status::Ok();
  });
  progress.reset();
  if (!read.ok()) return ReportError(read);
  if (options.jsonl) return kExitOk;
  if (options.json) {
    fmt::print("{}\n", DumpJson(rows));
    return kExitOk;
  }
  for (const auto& r : rows) {
    std::string text = r["text"].is_null() ? "" : ShortText(TerminalSafe(r["text"].get<std::string>()), 80);
    auto s = [&](const char* k) { return r[k].is_null() ? std::string("-") : TerminalSafe(r[k].get<std::string>()); };
    fmt::print("{} {} {} {} {} {}\n", FitColumns(s("language"), 8), FitColumns(s("channel"), 8),
               FitColumns(s("touchpoint"), 16), FitColumns(s("stage"), 14), FitColumns(s("sentiment"), 9),
               text);
  }
  fmt::print(stderr, "{} records\n", rows.size());
  return kExitOk;
}

}  // namespace cxmap::core
