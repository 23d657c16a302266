// SPDX-License-Identifier: Apache-2.0
#include "core/export/export_views.h"

#include <cmath>
#include <map>

#include "core/storage/export_reads.h"
#include "core/text/grapheme.h"
#include "core/util/utc_time.h"

namespace cxmap::core {
namespace {

using Json = nlohmann::ordered_json;
using Row = std::vector<ExportValue>;

constexpr size_t kQuotesPerRow = 3;
constexpr size_t kQuestionTitleGraphemes = 80;

struct ViewName {
  ExportView view;
  std::string_view name;
};
constexpr ViewName kViews[] = {
    {ExportView::kResponses, "responses"},       {ExportView::kJourney, "journey"},
    {ExportView::kStages, "stages"},             {ExportView::kTouchpoints, "touchpoints"},
    {ExportView::kPainPoints, "pain-points"},    {ExportView::kDrivers, "drivers"},
    {ExportView::kEmpathy, "empathy"},           {ExportView::kStakeholders, "stakeholders"},
    {ExportView::kRejects, "rejects"},
};

// Computed figures to 4 decimals: enough for any chart, and a spreadsheet
// shows 0.6667 rather than 0.6666666666666666.
ExportValue Figure(double v) { return std::round(v * 1e4) / 1e4; }
ExportValue Text(const std::string& s) { return s; }
ExportValue Count(uint64_t n) { return static_cast<int64_t>(n); }
template <typename T>
ExportValue Maybe(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  return static_cast<double>(*v);
}
ExportValue FromJson(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  return std::monostate{};
}

std::vector<ExportColumn> Columns(std::initializer_list<std::string_view> keys) {
  std::vector<ExportColumn> out;
  for (auto k : keys) out.push_back({std::string(k), std::string(k), false});
  return out;
}

void AddQuoteColumns(std::vector<ExportColumn>& columns) {
  for (size_t i = 1; i <= kQuotesPerRow; ++i) {
    const std::string k = "quote_" + std::to_string(i);
    columns.push_back({k, k, true});
    columns.push_back({k + "_language", k + "_language", false});
  }
}

// The score columns of a cell: sentiment shares are fractions 0..1, NPS in
// points (−100..100), CSAT top-2-box in percent, CES the mean on 1..7; each
// with its 95 % interval and the n it stands on (core/journey/journey_metrics.h).
void AddScoreColumns(std::vector<ExportColumn>& columns) {
  for (auto k : {"sentiment_units", "positive_share", "neutral_share", "negative_share",
                 "sentiment_mean", "nps", "nps_low", "nps_high", "nps_n", "csat_top2",
                 "csat_low", "csat_high", "csat_n", "ces_mean", "ces_low", "ces_high", "ces_n"}) {
    columns.push_back({k, k, false});
  }
}

void AddScores(Row& row, const CellScores& s) {
  const SentimentShares& m = s.sentiment;
  row.push_back(Count(m.n));
  for (double v : {m.positive, m.neutral, m.negative, m.mean}) {
    row.push_back(m.n > 0 ? Figure(v) : ExportValue());
  }
  auto put = [&](bool has, std::initializer_list<double> values, uint64_t n) {
    for (double v : values) row.push_back(has ? Figure(v) : ExportValue());
    row.push_back(has ? Count(n) : ExportValue());
  };
  const bool nps = s.nps && s.nps->n > 0, csat = s.csat && s.csat->n > 0, ces = s.ces && s.ces->n > 0;
  put(nps, {nps ? s.nps->value : 0, nps ? s.nps->ci_low : 0, nps ? s.nps->ci_high : 0},
      nps ? s.nps->n : 0);
  put(csat, {csat ? s.csat->top2 : 0, csat ? s.csat->ci_low : 0, csat ? s.csat->ci_high : 0},
      csat ? s.csat->n : 0);
  put(ces, {ces ? s.ces->mean : 0, ces ? s.ces->ci_low : 0, ces ? s.ces->ci_high : 0},
      ces ? s.ces->n : 0);
}

// Rows of the whole map first ("all"), then of each segment's; ends the table.
template <typename Fn>
Status ForEachBody(const JourneyMap& map, TableWriter& w, Fn&& fn) {
  CXMAP_RETURN_IF_ERROR(fn(std::string("all"), map.all));
  for (const auto& g : map.groups) CXMAP_RETURN_IF_ERROR(fn(g.value, g.map));
  return w.EndTable();
}

Status WriteResponses(const ExportInputs& in, TableWriter& w) {
  auto questions = ReadExportQuestions(*in.db);
  if (!questions.ok()) return questions.status();
  std::vector<ExportColumn> columns;
  for (const std::string& c : ResponseExportColumns()) columns.push_back({c, c, c == "text"});
  for (const ExportQuestion& q : *questions) {
    std::string title = q.id;
    if (!q.text.empty() && q.text != q.id) {
      title += ": " + GraphemePrefix(q.text, kQuestionTitleGraphemes);
    }
    columns.push_back({"answer." + q.id, title, false});
  }
  CXMAP_RETURN_IF_ERROR(w.BeginTable("responses", columns));
  Row row;
  uint64_t written = 0;
  CXMAP_RETURN_IF_ERROR(ReadResponsesForExport(
      *in.db, *questions, in.where, [&](const ResponseExportRow& r) -> Status {
        row = r.values;
        for (const auto& a : r.answers) {
          if (!a) {
            row.emplace_back();
          } else if (a->number && a->values.size() == 1) {
            row.emplace_back(*a->number);
          } else {
            std::string joined;
            for (const auto& v : a->values) joined += (joined.empty() ? "" : "; ") + v;
            row.emplace_back(std::move(joined));
          }
        }
        CXMAP_RETURN_IF_ERROR(w.Row(row));
        if (++written % 1000 == 0 && in.on_rows) in.on_rows(written);
        return Status::Ok();
      }));
  if (in.on_rows) in.on_rows(written);
  return w.EndTable();
}

Status WriteJourney(const JourneyMap& map, TableWriter& w) {
  auto columns = Columns({"segment", "stage_id", "stage", "touchpoint_id", "touchpoint", "owner",
                          "responses"});
  AddScoreColumns(columns);
  CXMAP_RETURN_IF_ERROR(w.BeginTable("journey", columns));
  return ForEachBody(map, w, [&](const std::string& segment, const MapBody& body) -> Status {
    std::map<std::string, const StageCell*> stages;
    std::map<std::string, const TouchpointCell*> touchpoints;
    for (const auto& s : body.stages) stages[s.id] = &s;
    for (const auto& t : body.touchpoints) touchpoints[t.id] = &t;
    for (const GridCell& cell : body.grid) {
      const StageCell* s = stages.count(cell.stage) ? stages[cell.stage] : nullptr;
      const TouchpointCell* t = touchpoints.count(cell.touchpoint) ? touchpoints[cell.touchpoint] : nullptr;
      Row row{Text(segment), Text(cell.stage), Text(s ? s->label : cell.stage),
              Text(cell.touchpoint), Text(t ? t->label : cell.touchpoint),
              Text(t ? t->owner : std::string()), Count(cell.volume)};
      AddScores(row, cell.scores);
      CXMAP_RETURN_IF_ERROR(w.Row(row));
    }
    return Status::Ok();
  });
}

Status WriteStages(const JourneyMap& map, TableWriter& w) {
  auto columns = Columns({"segment", "stage_id", "stage", "units"});
  AddScoreColumns(columns);
  CXMAP_RETURN_IF_ERROR(w.BeginTable("stages", columns));
  return ForEachBody(map, w, [&](const std::string& segment, const MapBody& body) -> Status {
    for (const StageCell& s : body.stages) {
      Row row{Text(segment), Text(s.id), Text(s.label), Count(s.volume)};
      AddScores(row, s.scores);
      CXMAP_RETURN_IF_ERROR(w.Row(row));
    }
    return Status::Ok();
  });
}

Status WriteTouchpoints(const JourneyMap& map, TableWriter& w) {
  auto columns = Columns({"segment", "touchpoint_id", "touchpoint", "owner", "stage", "units"});
  AddScoreColumns(columns);
  CXMAP_RETURN_IF_ERROR(w.BeginTable("touchpoints", columns));
  return ForEachBody(map, w, [&](const std::string& segment, const MapBody& body) -> Status {
    for (const TouchpointCell& t : body.touchpoints) {
      Row row{Text(segment), Text(t.id), Text(t.label), Text(t.owner),
              t.stage ? Text(*t.stage) : ExportValue(), Count(t.volume)};
      AddScores(row, t.scores);
      CXMAP_RETURN_IF_ERROR(w.Row(row));
    }
    return Status::Ok();
  });
}

Status WritePainPoints(const JourneyMap& map, TableWriter& w) {
  auto columns = Columns({"segment", "touchpoint_id", "touchpoint", "owner", "rank", "theme",
                          "sentences", "negativity", "score", "trend", "trend_split", "earlier",
                          "earlier_base", "recent", "recent_base"});
  AddQuoteColumns(columns);
  CXMAP_RETURN_IF_ERROR(w.BeginTable("pain-points", columns));
  return ForEachBody(map, w, [&](const std::string& segment, const MapBody& body) -> Status {
    for (const TouchpointCell& t : body.touchpoints) {
      int64_t rank = 0;
      for (const PainPoint& p : t.pain_points) {
        Row row{Text(segment), Text(t.id), Text(t.label), Text(t.owner), ExportValue(++rank),
                Text(p.theme), Count(p.volume), Figure(p.negativity), Figure(p.score)};
        if (p.trend) {
          const PainTrend& t = *p.trend;
          row.insert(row.end(), {Text(t.direction > 0   ? "rising"
                                      : t.direction < 0 ? "falling"
                                                        : "steady"),
                                 Text(FormatUtc(t.split_ms)), Count(t.earlier), Count(t.earlier_base),
                                 Count(t.recent), Count(t.recent_base)});
        } else {
          row.resize(row.size() + 6);
        }
        for (size_t i = 0; i < kQuotesPerRow; ++i) {
          const bool has = i < p.quotes.size();
          row.push_back(has ? Text(p.quotes[i].text) : ExportValue());
          row.push_back(has ? Text(p.quotes[i].language) : ExportValue());
        }
        CXMAP_RETURN_IF_ERROR(w.Row(row));
      }
    }
    return Status::Ok();
  });
}

Status WriteDrivers(const KeyDrivers* drivers, TableWriter& w) {
  CXMAP_RETURN_IF_ERROR(w.BeginTable(
      "drivers", Columns({"outcome", "rank", "kind", "id", "label", "n", "r", "weight",
                          "weight_low", "weight_high", "respondents", "r2", "resamples"})));
  if (drivers != nullptr) {
    int64_t rank = 0;
    for (const KeyDriver& d : drivers->drivers) {
      CXMAP_RETURN_IF_ERROR(w.Row({Text(drivers->outcome), ExportValue(++rank), Text(d.kind),
                                   Text(d.id), Text(d.label), Count(d.n), Figure(d.r),
                                   Figure(d.weight), Figure(d.low), Figure(d.high),
                                   Count(drivers->respondents), Figure(drivers->r2),
                                   ExportValue(static_cast<int64_t>(drivers->resamples))}));
    }
  }
  return w.EndTable();
}

Status WriteEmpathy(const Json* empathy, TableWriter& w) {
  auto columns = Columns({"segment", "quadrant", "quadrant_sentences", "item", "count", "share"});
  AddQuoteColumns(columns);
  CXMAP_RETURN_IF_ERROR(w.BeginTable("empathy", columns));
  if (empathy != nullptr && empathy->contains("groups")) {
    for (const Json& g : (*empathy)["groups"]) {
      if (!g.contains("quadrants")) continue;
      for (const auto& [quadrant, q] : g["quadrants"].items()) {
        for (const Json& item : q.value("items", Json::array())) {
          Row row{FromJson(g.value("value", Json("all"))), Text(quadrant),
                  FromJson(q.value("sentences", Json())), FromJson(item.value("item", Json())),
                  FromJson(item.value("count", Json())),
                  item.value("share", Json()).is_number() ? Figure(item["share"].get<double>())
                                                          : ExportValue()};
          const Json quotes = item.value("quotes", Json::array());
          for (size_t i = 0; i < kQuotesPerRow; ++i) {
            const bool has = i < quotes.size();
            row.push_back(has ? FromJson(quotes[i].value("text", Json())) : ExportValue());
            row.push_back(has ? FromJson(quotes[i].value("language", Json())) : ExportValue());
          }
          CXMAP_RETURN_IF_ERROR(w.Row(row));
        }
      }
    }
  }
  return w.EndTable();
}

Status WriteStakeholders(const Json* stakeholders, TableWriter& w) {
  auto columns = Columns({"name", "department", "department_key", "role", "support", "influence",
                          "quadrant", "strategy", "action", "reason", "origin", "owns",
                          "worst_touchpoint", "worst_sentiment_mean"});
  columns[9].wide = true;
  CXMAP_RETURN_IF_ERROR(w.BeginTable("stakeholders", columns));
  if (stakeholders != nullptr && stakeholders->contains("stakeholders")) {
    for (const Json& s : (*stakeholders)["stakeholders"]) {
      Row row;
      for (auto k : {"name", "department", "department_key", "role", "support", "influence",
                     "quadrant", "strategy", "action", "reason", "origin"}) {
        row.push_back(FromJson(s.value(k, Json())));
      }
      std::string owns;
      const Json owned = s.value("owns", Json::array());
      for (const Json& t : owned) owns += (owns.empty() ? "" : "; ") + t.value("label", std::string());
      row.push_back(Text(owns));
      // `owns` lists touchpoints with feedback first, lowest sentiment first.
      const Json* worst = nullptr;
      for (const Json& t : owned) {
        if (t.value("volume", 0) > 0) {
          worst = &t;
          break;
        }
      }
      row.push_back(worst ? FromJson(worst->value("label", Json())) : ExportValue());
      row.push_back(worst ? FromJson(worst->value("sentiment_mean", Json())) : ExportValue());
      CXMAP_RETURN_IF_ERROR(w.Row(row));
    }
  }
  return w.EndTable();
}

Status WriteRejects(SqliteDb& db, TableWriter& w) {
  auto rejects = ReadRejectsForExport(db);
  if (!rejects.ok()) return rejects.status();
  std::vector<ExportColumn> columns;
  for (const auto& c : rejects->columns) columns.push_back({c, c, c == "excerpt"});
  CXMAP_RETURN_IF_ERROR(w.BeginTable("rejects", columns));
  for (const auto& row : rejects->rows) CXMAP_RETURN_IF_ERROR(w.Row(row));
  return w.EndTable();
}

}  // namespace

const std::vector<ExportView>& AllExportViews() {
  static const std::vector<ExportView> all = [] {
    std::vector<ExportView> v;
    for (const auto& n : kViews) v.push_back(n.view);
    return v;
  }();
  return all;
}

std::string_view ExportViewName(ExportView view) {
  for (const auto& n : kViews) {
    if (n.view == view) return n.name;
  }
  return "?";
}

std::optional<ExportView> ParseExportView(std::string_view name) {
  for (const auto& n : kViews) {
    if (n.name == name) return n.view;
  }
  if (name == "pain_points") return ExportView::kPainPoints;
  return std::nullopt;
}

std::string ExportViewNames() {
  std::string out;
  for (const auto& n : kViews) out += (out.empty() ? "" : ", ") + std::string(n.name);
  return out;
}

bool ExportViewNeedsMap(ExportView view) {
  return view != ExportView::kResponses && view != ExportView::kRejects &&
         view != ExportView::kEmpathy;
}

Status WriteExportView(ExportView view, const ExportInputs& in, TableWriter& w) {
  if (ExportViewNeedsMap(view) && in.map == nullptr) {
    return Status::Internal("export view needs the journey map");
  }
  switch (view) {
    case ExportView::kResponses: return WriteResponses(in, w);
    case ExportView::kJourney: return WriteJourney(*in.map, w);
    case ExportView::kStages: return WriteStages(*in.map, w);
    case ExportView::kTouchpoints: return WriteTouchpoints(*in.map, w);
    case ExportView::kPainPoints: return WritePainPoints(*in.map, w);
    case ExportView::kDrivers: return WriteDrivers(in.drivers, w);
    case ExportView::kEmpathy: return WriteEmpathy(in.empathy, w);
    case ExportView::kStakeholders: return WriteStakeholders(in.stakeholders, w);
    case ExportView::kRejects: return WriteRejects(*in.db, w);
  }
  return Status::Internal("unknown export view");
}

}  // namespace cxmap::core
