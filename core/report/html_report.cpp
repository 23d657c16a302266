// SPDX-License-Identifier: Apache-2.0
#include "core/report/html_report.h"

#include <ctemplate/template.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/report/report_panels.h"
#include "core/text/grapheme.h"
#include "core/util/files.h"

namespace cxmap::core {
namespace {

namespace fs = std::filesystem;

constexpr size_t kRejectsShown = 50;
constexpr uint64_t kMinCompare = 5;  // sentences on each side before a difference is tested

std::string Pct(double share) { return fmt::format("{:.0f}%", 100 * share); }
std::string Count(uint64_t n) { return fmt::format("{}", n); }
std::string Signed(double v) { return fmt::format("{:+.0f}", v); }

// Seven colour classes by mean sentiment (−1 … 1), defined in the template.
std::string SentimentClass(const SentimentShares& s) {
  if (s.n == 0) return "empty";
  static constexpr double kEdges[] = {-0.5, -0.25, -0.05, 0.05, 0.25, 0.5};
  int bucket = 0;
  while (bucket < 6 && s.mean > kEdges[bucket]) ++bucket;
  return "s" + std::to_string(bucket);
}

// Six heat classes by share negative.
std::string HeatClass(const SentimentShares& s) {
  if (s.n == 0) return "empty";
  return "h" + std::to_string(std::min(5, static_cast<int>(s.negative * 6)));
}

std::string NpsShort(const std::optional<Nps>& nps) { return nps ? Signed(nps->value) : "–"; }

// One headline card: its value, interval and n, or a dash when nobody gave it.
struct Kpi {
  const char* name;
  std::string value, interval;
  uint64_t n = 0;
};

void AddKpis(const OverallScores& overall, Dict* dict) {
  const CellScores& c = overall.scores;
  std::vector<Kpi> kpis;
  if (c.nps) {
    kpis.push_back({"NPS", Signed(c.nps->value),
                    fmt::format("95 % CI {:+.0f} to {:+.0f}", c.nps->ci_low, c.nps->ci_high),
                    c.nps->n});
  }
  if (c.csat) {
    kpis.push_back({"CSAT", fmt::format("{:.0f}%", c.csat->top2),
                    fmt::format("95 % CI {:.0f}–{:.0f}%, mean {:.2f}", c.csat->ci_low,
                                c.csat->ci_high, c.csat->mean),
                    c.csat->n});
  }
  if (c.ces) {
    kpis.push_back({"CES", fmt::format("{:.1f}", c.ces->mean),
                    fmt::format("95 % CI {:.1f}–{:.1f}, {:.0f}% easy", c.ces->ci_low,
                                c.ces->ci_high, c.ces->easy_share),
                    c.ces->n});
  }
  for (const char* name : {"NPS", "CSAT", "CES"}) {
    auto it = std::find_if(kpis.begin(), kpis.end(),
                           [&](const Kpi& k) { return k.name == std::string_view(name); });
    const Kpi shown = it != kpis.end() ? *it : Kpi{name, "–", "no respondent gave it", 0};
    Dict* d = dict->AddSectionDictionary("KPI");
    d->SetValue("NAME", shown.name);
    d->SetValue("VALUE", shown.value);
    d->SetValue("INTERVAL", shown.interval);
    d->SetValue("N", Count(shown.n));
  }
}

const std::string& StageLabel(const MapBody& map, const std::string& id) {
  for (const StageCell& s : map.stages) {
    if (s.id == id) return s.label;
  }
  return id;
}

void AddGrid(const MapBody& map, Dict* dict) {
  for (const StageCell& s : map.stages) {
    Dict* h = dict->AddSectionDictionary("STAGE_HEAD");
    h->SetValue("LABEL", s.label);
    h->SetValue("VOLUME", Count(s.volume));
  }
  std::map<std::pair<std::string, std::string>, const GridCell*> cells;
  for (const GridCell& g : map.grid) cells[{g.touchpoint, g.stage}] = &g;
  for (const TouchpointCell& t : map.touchpoints) {
    if (t.volume == 0) continue;
    Dict* row = dict->AddSectionDictionary("TP_ROW");
    row->SetValue("LABEL", t.label);
    row->SetValue("OWNER", t.owner.empty() ? "–" : t.owner);
    row->SetValue("VOLUME", Count(t.volume));
    for (const StageCell& s : map.stages) {
      Dict* cell = row->AddSectionDictionary("CELL");
      auto it = cells.find({t.id, s.id});
      if (it == cells.end()) {
        cell->SetValue("CLASS", "empty");
        continue;
      }
      const GridCell& g = *it->second;
      cell->SetValue("CLASS", SentimentClass(g.scores.sentiment));
      Dict* filled = cell->AddSectionDictionary("FILLED");
      filled->SetValue("VOLUME", Count(g.volume));
      filled->SetValue("NEG", Pct(g.scores.sentiment.negative));
      filled->SetValue("NPS", NpsShort(g.scores.nps));
      filled->SetValue("TITLE",
                       fmt::format("{} × {}: {} responses, mean sentiment {:+.2f}, {} of their "
                                   "text units negative, NPS {}{}",
                                   t.label, s.label, g.volume, g.scores.sentiment.mean,
                                   Pct(g.scores.sentiment.negative), NpsShort(g.scores.nps),
                                   g.scores.nps ? fmt::format(" (n = {})", g.scores.nps->n) : ""));
    }
  }
}

// Back stage: which department stands behind which touchpoints.
void AddOwners(const MapBody& map, Dict* dict) {
  struct Owner {
    std::vector<std::string> touchpoints;
    uint64_t volume = 0;
    double negative = 0, sentences = 0;
  };
  std::map<std::string, Owner> owners;
  for (const TouchpointCell& t : map.touchpoints) {
    if (t.volume == 0) continue;
    Owner& o = owners[t.owner.empty() ? "(no owner)" : t.owner];
    o.touchpoints.push_back(t.label);
    o.volume += t.volume;
    o.negative += t.scores.sentiment.negative * static_cast<double>(t.scores.sentiment.n);
    o.sentences += static_cast<double>(t.scores.sentiment.n);
  }
  for (const auto& [name, o] : owners) {
    Dict* d = dict->AddSectionDictionary("OWNER");
    d->SetValue("NAME", name);
    d->SetValue("TOUCHPOINTS", fmt::format("{}", fmt::join(o.touchpoints, ", ")));
    d->SetValue("VOLUME", Count(o.volume));
    d->SetValue("NEG", o.sentences > 0 ? Pct(o.negative / o.sentences) : "–");
  }
}

}  // namespace

void AddQuote(const Quote& q, Dict* d) {
  bool cut = false;
  d->SetValue("TEXT", GraphemePrefix(q.text, kReportQuoteGraphemes, &cut));
  if (cut) d->ShowSection("CUT");
  d->SetValue("LANG", q.language.empty() ? "und" : q.language);
  d->SetValue("RECORD", Count(static_cast<uint64_t>(q.record)));
}

namespace {

void AddPainPoints(const MapBody& map, Dict* dict) {
  std::vector<const TouchpointCell*> order;
  for (const TouchpointCell& t : map.touchpoints) {
    if (!t.pain_points.empty()) order.push_back(&t);
  }
  auto weight = [](const TouchpointCell* t) {
    double w = 0;
    for (const PainPoint& p : t->pain_points) w += p.score;
    return w;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](auto* a, auto* b) { return weight(a) > weight(b); });
  for (const TouchpointCell* t : order) {
    Dict* d = dict->AddSectionDictionary("PAIN_TP");
    d->SetValue("LABEL", t->label);
    d->SetValue("OWNER", t->owner.empty() ? "no owner" : t->owner);
    d->SetValue("STAGE", t->stage ? StageLabel(map, *t->stage) : "–");
    d->SetValue("VOLUME", Count(t->volume));
    d->SetValue("NEG", Pct(t->scores.sentiment.negative));
    // A sentence holding several themes is quoted once, under the first.
    std::set<std::pair<int64_t, std::string>> quoted;
    for (const PainPoint& p : t->pain_points) {
      Dict* th = d->AddSectionDictionary("THEME");
      th->SetValue("THEME", p.theme);
      th->SetValue("VOLUME", Count(p.volume));
      th->SetValue("NEGATIVITY", fmt::format("{:.2f}", p.negativity));
      if (p.trend) {
        const PainTrend& tr = *p.trend;
        Dict* trend = th->AddSectionDictionary("TREND");
        trend->SetValue("MARK", tr.direction > 0 ? "▲ rising" : tr.direction < 0 ? "▼ falling" : "steady");
        trend->SetValue("CLASS", tr.direction > 0 ? "up" : tr.direction < 0 ? "down" : "flat");
        trend->SetValue("TEXT", fmt::format("{} of {} → {} of {}", tr.earlier, tr.earlier_base,
                                            tr.recent, tr.recent_base));
      }
      for (const Quote& q : p.quotes) {
        if (quoted.insert({q.record, q.text}).second)
          AddQuote(q, th->AddSectionDictionary("QUOTE"));
      }
    }
  }
}

// Negative share of a touchpoint in one segment against all other
// segments: a two-proportion z-test on text-unit counts.
std::optional<double> NegativeZ(const SentimentShares& in, const SentimentShares& all) {
  const double n1 = static_cast<double>(in.n), n2 = static_cast<double>(all.n) - n1;
  if (in.n < kMinCompare || n2 < kMinCompare) return std::nullopt;
  const double x1 = std::round(in.negative * n1);
  const double x2 = std::round(all.negative * static_cast<double>(all.n)) - x1;
  const double p = (x1 + x2) / (n1 + n2);
  const double se = std::sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (se <= 0) return std::nullopt;
  return (x1 / n1 - x2 / n2) / se;
}

void AddSegments(const JourneyMap& map, Dict* dict) {
  if (map.groups.size() < 2) return;
  Dict* sec = dict->AddSectionDictionary("SEGMENTS");
  std::vector<const TouchpointCell*> columns;
  for (const TouchpointCell& t : map.all.touchpoints) {
    if (t.volume > 0) columns.push_back(&t);
  }
  for (const TouchpointCell* t : columns)
    sec->AddSectionDictionary("TP_HEAD")->SetValue("LABEL", t->label);
  for (const JourneyGroup& g : map.groups) {
    Dict* row = sec->AddSectionDictionary("SEG_ROW");
    row->SetValue("NAME", g.value.empty() ? "(none)" : g.value);
    row->SetValue("RECORDS", Count(g.map.records));
    for (const TouchpointCell* col : columns) {
      Dict* cell = row->AddSectionDictionary("SEG_CELL");
      const TouchpointCell* mine = nullptr;
      for (const TouchpointCell& t : g.map.touchpoints) {
        if (t.id == col->id) mine = &t;
      }
      if (mine == nullptr || mine->scores.sentiment.n == 0) {
        cell->SetValue("CLASS", "empty");
        cell->SetValue("NEG", "");
        continue;
      }
      const SentimentShares& se = mine->scores.sentiment;
      cell->SetValue("CLASS", HeatClass(se));
      cell->SetValue("NEG", Pct(se.negative));
      cell->SetValue(
          "TITLE", fmt::format("{} × {}: {} negative of {} text units, NPS {}", g.value, col->label,
                               Pct(se.negative), se.n, NpsShort(mine->scores.nps)));
      if (auto z = NegativeZ(se, col->scores.sentiment); z && std::fabs(*z) >= 1.96) {
        Dict* sig = cell->AddSectionDictionary("SIG");
        sig->SetValue("MARK", *z > 0 ? "▲" : "▼");
        sig->SetValue("WHY", fmt::format("{} than the other segments (z = {:+.1f})",
                                         *z > 0 ? "more negative" : "less negative", *z));
      }
    }
  }
}

void AddDrivers(const KeyDrivers& kd, Dict* dict) {
  Dict* sec = dict->AddSectionDictionary("DRIVERS");
  sec->SetValue("NOTE", kd.note);
  if (kd.drivers.empty()) {
    sec->ShowSection("NO_DRIVERS");
    return;
  }
  Dict* chart = sec->AddSectionDictionary("DRIVER_CHART");
  chart->SetValue("OUTCOME", kd.outcome);
  chart->SetValue("N", Count(kd.respondents));
  chart->SetValue("R2", fmt::format("{:.0f}%", 100 * kd.r2));
  chart->SetValue("RESAMPLES", fmt::format("{}", kd.resamples));
  double top = 0;
  for (const KeyDriver& d : kd.drivers) top = std::max({top, d.weight, d.high});
  for (const KeyDriver& d : kd.drivers) {
    Dict* row = chart->AddSectionDictionary("DRIVER");
    row->SetValue("KIND", d.kind == "rating" ? "rating" : "complaints about");
    row->SetValue("LABEL", d.label);
    row->SetValue("WEIGHT", fmt::format("{:.1f}", 100 * d.weight));
    row->SetValue("LOW", fmt::format("{:.1f}", 100 * d.low));
    row->SetValue("HIGH", fmt::format("{:.1f}", 100 * d.high));
    row->SetValue("SHARE", fmt::format("{:.0f}%", kd.r2 > 0 ? 100 * d.weight / kd.r2 : 0));
    row->SetValue("R", fmt::format("{:+.2f}", d.r));
    row->SetValue("N", Count(d.n));
    // Bar and interval whisker, in percent of the widest.
    auto pct = [&](double v) {
      return fmt::format("{:.1f}", top > 0 ? 100 * std::max(0.0, v) / top : 0);
    };
    row->SetValue("BAR", pct(d.weight));
    row->SetValue("LOW_AT", pct(d.low));
    row->SetValue("SPAN",
                  fmt::format("{:.1f}", top > 0 ? 100 * std::max(0.0, d.high - d.low) / top : 0));
  }
}

void AddMix(const std::map<std::string, uint64_t>& counts, const char* section, Dict* dict) {
  uint64_t total = 0;
  for (const auto& [k, n] : counts) total += n;
  std::vector<std::pair<std::string, uint64_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [name, n] : rows) {
    Dict* d = dict->AddSectionDictionary(section);
    d->SetValue("NAME", name.empty() ? "(unknown)" : name);
    d->SetValue("COUNT", Count(n));
    d->SetValue("PCT",
                fmt::format("{:.0f}", total == 0 ? 0.0 : 100.0 * static_cast<double>(n) / total));
  }
}

void AddQuality(const ReportInput& in, Dict* dict) {
  const StoreCounts& c = in.counts;
  dict->SetValue("UNITS", Count(c.records));
  dict->SetValue("ANSWERS", Count(c.answers));
  dict->SetValue("REJECTED", Count(c.rejected));
  dict->SetValue("SKIPPED", Count(c.skipped));
  for (const auto& [reason, n] : c.skipped_by_reason) {
    Dict* d = dict->AddSectionDictionary("SKIP_REASON");
    d->SetValue("REASON", reason);
    d->SetValue("COUNT", Count(n));
  }
  dict->SetValue("UNMAPPED", Count(in.map->all.unmapped));
  dict->SetValue("NOT_ANALYSED", Count(in.map->all.not_analysed));
  if (!in.rejects.empty()) {
    Dict* sec = dict->AddSectionDictionary("REJECTS");
    sec->SetValue("SHOWN", Count(std::min(in.rejects.size(), kRejectsShown)));
    for (size_t i = 0; i < in.rejects.size() && i < kRejectsShown; ++i) {
      const RejectRow& r = in.rejects[i];
      Dict* d = sec->AddSectionDictionary("REJECT");
      d->SetValue("FILE", fs::path(r.file).filename().string());
      d->SetValue("LINE", Count(r.line));
      d->SetValue("REASON", r.reason);
      d->SetValue("EXCERPT", GraphemePrefix(r.excerpt, 120));
    }
  }
  if (!in.map->all.unmapped_examples.empty()) dict->ShowSection("UNMAPPED_HEAD");
  for (const UnmappedExample& e : in.map->all.unmapped_examples) {
    Dict* d = dict->AddSectionDictionary("UNMAPPED_EX");
    Quote q{e.text, e.language, e.record, 0};
    AddQuote(q, d);
  }
}

}  // namespace

std::string DefaultReportTemplate() {
  std::error_code ec;
  const fs::path installed =
      ExecutableDir() / ".." / "share" / "cxmap" / "templates" / "report.html.tpl";
  if (fs::is_regular_file(installed, ec)) return installed.lexically_normal().string();
  return std::string(CXMAP_SOURCE_TEMPLATES_DIR) + "/report.html.tpl";
}

Result<std::string> RenderHtmlReport(const ReportInput& in, const std::string& template_path) {
  if (in.map == nullptr) return Status::InvalidArgument("report: no journey map");
  // With an error code: a folder this user may not read (a build tree of
  // someone else's) is an error to report, not an exception that aborts.
  std::error_code ec;
  if (!fs::is_regular_file(template_path, ec)) {
    return Status::NotFound("report template " + template_path +
                            (ec ? " cannot be read (" + ec.message() + ")" : " not found") +
                            " (reinstall cxmap)");
  }
  Dict dict("report");
  const JourneyMap& map = *in.map;
  dict.SetValue("TITLE", "Customer journey — " + fs::path(in.database).filename().string());
  dict.SetValue("DATABASE", in.database);
  dict.SetValue("MODEL", map.model);
  dict.SetValue("GENERATED", in.generated_at);
  dict.SetValue("VERSION", CXMAP_VERSION);
  dict.SetValue("RESPONSES", Count(map.overall.responses));
  dict.SetValue("WITH_TEXT", Count(map.overall.with_text));
  dict.SetValue("WITH_TEXT_PCT",
                map.overall.responses == 0
                    ? "–"
                    : Pct(static_cast<double>(map.overall.with_text) / map.overall.responses));
  dict.SetValue("KPI_BASIS", map.overall.basis);
  dict.SetValue("RECORDS", Count(map.all.records));
  AddKpis(map.overall, &dict);
  AddGrid(map.all, &dict);
  AddOwners(map.all, &dict);
  AddEmotionCurve(map.all, &dict);
  if (map.query.by == "segment") AddSegmentCurves(map, &dict);
  if (in.empathy != nullptr) AddEmpathyPanel(*in.empathy, &dict);
  if (in.stakeholders != nullptr) AddStakeholderPanel(*in.stakeholders, &dict);
  AddPainPoints(map.all, &dict);
  if (in.drivers != nullptr) AddDrivers(*in.drivers, &dict);
  if (map.query.by == "segment") AddSegments(map, &dict);
  AddMix(in.counts.records_by_language, "LANGUAGE", &dict);
  AddMix(in.counts.responses_by_channel, "CHANNEL", &dict);
  AddQuality(in, &dict);

  std::string out;
  // Read afresh each time (a long-lived process may be handed another file).
  ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(
      ctemplate::TemplateCache::LAZY_RELOAD);
  if (!ctemplate::ExpandTemplate(template_path, ctemplate::DO_NOT_STRIP, &dict, &out)) {
    return Status::Corruption("report template " + template_path + " could not be read or parsed");
  }
  return out;
}

Status WriteHtmlReport(const ReportInput& input, const std::string& path) {
  auto html = RenderHtmlReport(input, DefaultReportTemplate());
  if (!html.ok()) return html.status();
  return WriteFileAtomically(path, *html);
}

}  // namespace cxmap::core
