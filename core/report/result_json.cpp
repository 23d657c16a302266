// SPDX-License-Identifier: Apache-2.0
#include "core/report/result_json.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace cxmap::core {

std::string PluginKey(std::string_view name) {
  for (std::string_view prefix : {"analysis_", "source_"}) {
    if (name.substr(0, prefix.size()) == prefix) return std::string(name.substr(prefix.size()));
  }
  return std::string(name);
}

nlohmann::ordered_json ValueToJson(const ResultRow& row) {
  switch (row.type) {
    case CXMAP_TYPE_STRING: return row.text;
    case CXMAP_TYPE_INTEGER: return row.integer;
    case CXMAP_TYPE_REAL: return row.real;
    case CXMAP_TYPE_BOOL: return row.integer != 0;
    case CXMAP_TYPE_JSON: return nlohmann::ordered_json::parse(row.text, nullptr, /*allow_exceptions=*/false);
    default: return nullptr;
  }
}

namespace {

// A JSON list whose entries are each added once. The seen keys are kept
// beside it: searching the list itself made a long transcript with
// thousands of cues quadratic.
struct UniqueList {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  std::unordered_set<std::string> seen;

  void Add(std::string key, nlohmann::ordered_json item) {
    if (seen.insert(std::move(key)).second) items.push_back(std::move(item));
  }
};

void AddEvidence(UniqueList& list, const std::vector<std::string>& evidence) {
  for (const auto& e : evidence) list.Add(e, e);
}

// Spans were checked against the text by the host; the bound check stays so
// a row from elsewhere cannot read past it.
void AddSpans(UniqueList& list, const ResultRow& row, std::string_view text) {
  for (const ResultSpan& s : row.spans) {
    if (s.end > text.size() || s.begin > s.end || s.evidence >= row.evidence.size()) continue;
    const std::string& evidence = row.evidence[s.evidence];
    std::string key = std::to_string(s.begin) + ',' + std::to_string(s.end) + ',' + evidence;
    list.Add(std::move(key), {{"begin", s.begin},
                              {"end", s.end},
                              {"text", text.substr(s.begin, s.end - s.begin)},
                              {"evidence", evidence}});
  }
}

/// One sentence's object and the lists it is building.
struct SentenceJson {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  UniqueList evidence, spans;
};

}  // namespace

nlohmann::ordered_json ComposePluginResult(const std::vector<const ResultRow*>& rows,
                                           std::string_view text) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  UniqueList evidence, spans;
  std::map<int32_t, SentenceJson> sentences;
  for (const ResultRow* r : rows) {
    if (r->sentence < 0) {
      out[r->field] = ValueToJson(*r);
      AddEvidence(evidence, r->evidence);
      AddSpans(spans, *r, text);
      continue;
    }
    auto [it, inserted] = sentences.try_emplace(r->sentence);
    nlohmann::ordered_json& s = it->second.object;
    if (inserted) {
      s["text"] = r->sentence_text;
      s["evidence"] = nullptr;  // filled below; the keys keep this order
      s["spans"] = nullptr;
    } else if (s["text"].get_ref<const std::string&>().empty()) {
      s["text"] = r->sentence_text;
    }
    s[r->field] = ValueToJson(*r);
    AddEvidence(it->second.evidence, r->evidence);
    AddSpans(it->second.spans, *r, text);
  }
  out["evidence"] = std::move(evidence.items);
  out["spans"] = std::move(spans.items);
  if (!sentences.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (auto& [index, s] : sentences) {
      s.object["evidence"] = std::move(s.evidence.items);
      s.object["spans"] = std::move(s.spans.items);
      list.push_back(std::move(s.object));
    }
    out["sentences"] = std::move(list);
  }
  return out;
}

std::string DumpJson(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace cxmap::core
