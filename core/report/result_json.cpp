// SPDX-License-Identifier: Apache-2.0
#include "core/report/result_json.h"

#include <algorithm>
#include <map>

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

void AddEvidence(nlohmann::ordered_json& list, const std::vector<std::string>& evidence) {
  for (const auto& e : evidence) {
    if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
  }
}

// Spans were checked against the text by the host; the bound check stays so
// a row from elsewhere cannot read past it.
void AddSpans(nlohmann::ordered_json& list, const ResultRow& row, std::string_view text) {
  for (const ResultSpan& s : row.spans) {
    if (s.end > text.size() || s.begin > s.end || s.evidence >= row.evidence.size()) continue;
    nlohmann::ordered_json span = {{"begin", s.begin},
                                   {"end", s.end},
                                   {"text", text.substr(s.begin, s.end - s.begin)},
                                   {"evidence", row.evidence[s.evidence]}};
    if (std::find(list.begin(), list.end(), span) == list.end()) list.push_back(std::move(span));
  }
}

}  // namespace

nlohmann::ordered_json ComposePluginResult(const std::vector<const ResultRow*>& rows,
                                           std::string_view text) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
  nlohmann::ordered_json spans = nlohmann::ordered_json::array();
  std::map<int32_t, nlohmann::ordered_json> sentences;
  for (const ResultRow* r : rows) {
    if (r->sentence < 0) {
      out[r->field] = ValueToJson(*r);
      AddEvidence(evidence, r->evidence);
      AddSpans(spans, *r, text);
      continue;
    }
    auto [it, inserted] = sentences.try_emplace(r->sentence, nlohmann::ordered_json::object());
    nlohmann::ordered_json& s = it->second;
    if (inserted) {
      s["text"] = r->sentence_text;
      s["evidence"] = nlohmann::ordered_json::array();
      s["spans"] = nlohmann::ordered_json::array();
    } else if (s["text"].get_ref<const std::string&>().empty()) {
      s["text"] = r->sentence_text;
    }
    s[r->field] = ValueToJson(*r);
    AddEvidence(s["evidence"], r->evidence);
    AddSpans(s["spans"], *r, text);
  }
  out["evidence"] = std::move(evidence);
  out["spans"] = std::move(spans);
  if (!sentences.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (auto& [index, s] : sentences) list.push_back(std::move(s));
    out["sentences"] = std::move(list);
  }
  return out;
}

std::string DumpJson(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace cxmap::core
