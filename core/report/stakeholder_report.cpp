// SPDX-License-Identifier: Apache-2.0
#include "core/report/stakeholder_report.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "core/journey/journey_map_json.h"
#include "core/storage/report_reads.h"
#include "core/util/ascii.h"

namespace cxmap::core {

namespace {

using Json = nlohmann::ordered_json;


// "customer service", "customer_service" and "Customer-Service" are one owner.
std::string OwnerKey(const std::string& s) {
  std::string out;
  for (char c : AsciiLower(s)) out += (c == '_' || c == '-') ? ' ' : c;
  return out;
}

/// The touchpoints `department` owns, worst (lowest mean sentiment) first.
Json Owned(const JourneyMap& journey, const std::string& department) {
  std::vector<const TouchpointCell*> owned;
  for (const TouchpointCell& t : journey.all.touchpoints) {
    if (!department.empty() && OwnerKey(t.owner) == OwnerKey(department)) owned.push_back(&t);
  }
  std::stable_sort(owned.begin(), owned.end(), [](const TouchpointCell* a, const TouchpointCell* b) {
    const bool ea = a->volume == 0, eb = b->volume == 0;
    if (ea != eb) return eb;  // touchpoints with feedback first
    return a->scores.sentiment.mean < b->scores.sentiment.mean;
  });
  Json out = Json::array();
  for (const TouchpointCell* t : owned) {
    Json pains = Json::array();
    for (const PainPoint& p : t->pain_points) {
      if (pains.size() >= 2) break;
      pains.push_back({{"theme", p.theme}, {"volume", p.volume},
                       {"quote", p.quotes.empty() ? Json(nullptr) : Json(p.quotes[0].text)}});
    }
    out.push_back({{"id", t->id}, {"label", t->label}, {"volume", t->volume},
                   {"sentiment_mean", t->scores.sentiment.mean},
                   {"negative", t->scores.sentiment.negative}, {"nps", NpsJson(t->scores.nps)},
                   {"pain_points", std::move(pains)}});
  }
  return out;
}


}  // namespace

Result<Json> BuildStakeholderMap(SqliteDb& db, const JourneyMap& journey) {
  auto by_record = ReadStakeholderFields(db);
  if (!by_record.ok()) return by_record.status();
  Json out;
  out["stakeholders"] = Json::array();
  for (auto& [record, f] : *by_record) {
    auto text = [&](const char* k) {
      return f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : std::string();
    };
    std::string department_key = text("department_key");
    Json s{{"record", record},
           {"name", text("name")},
           {"department", text("department")},
           {"department_key", department_key},
           {"role", text("role")},
           {"support", f.value("support", Json(nullptr))},
           {"influence", f.value("influence", Json(nullptr))},
           {"quadrant", f.value("quadrant", Json(nullptr))},
           {"strategy", f.value("strategy", Json(nullptr))},
           {"action", text("action")},
           {"reason", text("reason")},
           {"origin", text("origin")}};
    s["owns"] = Owned(journey, department_key.empty() ? text("department") : department_key);
    out["stakeholders"].push_back(std::move(s));
  }
  return out;
}

}  // namespace cxmap::core
