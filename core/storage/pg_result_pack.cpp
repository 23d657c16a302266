// SPDX-License-Identifier: Apache-2.0
#include "core/storage/pg_result_pack.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <map>

#include "core/storage/record_codec.h"
#include "cxmap/support/utf8.h"

namespace cxmap::core {

namespace {

int32_t TypeOfName(std::string_view name) {
  for (int32_t t = CXMAP_TYPE_NULL; t <= CXMAP_TYPE_JSON; ++t) {
    if (ValueTypeName(t) == name) return t;
  }
  return -1;
}

// Written by hand rather than through nlohmann::json: building a JSON
// document for every value cost more client time than the server spent
// storing it (20k units: 1.5 s of 3 s). Strings are checked UTF-8 (plugin
// results and sources are checked before, so this is a guard) and escaped
// as RFC 8259 asks; numbers use fmt's shortest exact form.
void AppendString(std::string& out, std::string_view s) {
  if (!support::IsValidUtf8(s)) {
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
}

void AppendReal(std::string& out, double v) {
  if (std::isfinite(v)) {
    fmt::format_to(std::back_inserter(out), "{}", v);
  } else {
    out += std::isnan(v) ? "\"NaN\"" : (v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  }
}

}  // namespace

std::string PackValues(const std::vector<const ResultRow*>& rows) {
  std::string out = "[";
  // A sentence's text is written once: plugins give it with every value
  // of the sentence, and it was the larger part of the packed bytes.
  std::map<int32_t, std::string_view> written;
  for (const ResultRow* r : rows) {
    if (out.size() > 1) out += ',';
    out += '[';
    AppendString(out, r->field);
    fmt::format_to(std::back_inserter(out), ",{},", r->sentence);
    auto [first, fresh] = written.emplace(r->sentence, r->sentence_text);
    if (!fresh && first->second == r->sentence_text && r->sentence_text.size() > 4) {
      out += "null";
    } else {
      AppendString(out, r->sentence_text);
    }
    out += ',';
    AppendString(out, ValueTypeName(r->type).value_or("null"));
    out += ',';
    switch (r->type) {
      case CXMAP_TYPE_INTEGER:
      case CXMAP_TYPE_BOOL:
        fmt::format_to(std::back_inserter(out), "{}", r->integer);
        break;
      case CXMAP_TYPE_REAL:
        AppendReal(out, r->real);
        break;
      case CXMAP_TYPE_STRING:
      case CXMAP_TYPE_JSON:
        AppendString(out, r->text);
        break;
      default:
        out += "null";
        break;
    }
    out += ",[";
    for (size_t i = 0; i < r->evidence.size(); ++i) {
      if (i > 0) out += ',';
      AppendString(out, r->evidence[i]);
    }
    out += "],";
    if (r->spans.empty()) {
      out += "null";
    } else {
      out += '[';
      for (size_t i = 0; i < r->spans.size(); ++i) {
        const ResultSpan& sp = r->spans[i];
        fmt::format_to(std::back_inserter(out), "{}[{},{},{}]", i > 0 ? "," : "", sp.begin, sp.end,
                       sp.evidence);
      }
      out += ']';
    }
    out += ']';
  }
  out += ']';
  return out;
}

Status UnpackValues(std::string_view packed, const std::string& plugin,
                    std::vector<ResultRow>* out) {
  try {
    const nlohmann::json array = nlohmann::json::parse(packed);
    if (!array.is_array()) return Status::Corruption("packed values are not a JSON array");
    std::map<int32_t, std::string> sentence_texts;  // the first given for each sentence
    for (const nlohmann::json& e : array) {
      if (!e.is_array() || e.size() != 7) {
        return Status::Corruption(fmt::format("packed value of {} has not 7 parts", plugin));
      }
      ResultRow r;
      r.plugin = plugin;
      r.field = e[0].get<std::string>();
      r.sentence = e[1].get<int32_t>();
      if (e[2].is_null()) {
        auto said = sentence_texts.find(r.sentence);
        if (said == sentence_texts.end()) {
          return Status::Corruption(fmt::format(
              "packed value {}.{} refers to the text of sentence {}, not given before", plugin,
              r.field, r.sentence));
        }
        r.sentence_text = said->second;
      } else {
        r.sentence_text = e[2].get<std::string>();
        sentence_texts.emplace(r.sentence, r.sentence_text);
      }
      r.type = TypeOfName(e[3].get<std::string>());
      if (r.type < 0) {
        return Status::Corruption(
            fmt::format("value {}.{} has unknown type {}", plugin, r.field, e[3].dump()));
      }
      const nlohmann::json& v = e[4];
      switch (r.type) {
        case CXMAP_TYPE_INTEGER:
        case CXMAP_TYPE_BOOL:
          r.integer = v.get<int64_t>();
          break;
        case CXMAP_TYPE_REAL:
          r.real = v.is_string() ? std::strtod(v.get<std::string>().c_str(), nullptr)
                                 : v.get<double>();
          break;
        case CXMAP_TYPE_STRING:
        case CXMAP_TYPE_JSON:
          r.text = v.get<std::string>();
          break;
        default:
          break;
      }
      for (const auto& ev : e[5]) r.evidence.push_back(ev.get<std::string>());
      if (!e[6].is_null()) {
        for (const auto& s : e[6]) {
          r.spans.push_back({s.at(0).get<size_t>(), s.at(1).get<size_t>(), s.at(2).get<uint32_t>()});
        }
      }
      out->push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(fmt::format("packed values of {}: {}", plugin, e.what()));
  }
  return Status::Ok();
}

}  // namespace cxmap::core
