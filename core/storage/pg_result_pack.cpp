// SPDX-License-Identifier: Apache-2.0
#include "core/storage/pg_result_pack.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

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
  if (v == 0 && std::signbit(v)) {
    out += "-0.0";  // "-0", fmt's form, reads back as +0
  } else if (std::isfinite(v)) {
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

// simdjson rather than nlohmann::json::parse: a read command on a
// PostgreSQL store unpacks every value of the store (pg_snapshot.h), and
// building nlohmann's DOM was 28 % of `journey --json`'s CPU there (100k
// units). simdjson's DOM is one flat tape, reused across calls.
Status UnpackValues(std::string_view packed, const std::string& plugin,
                    std::vector<ResultRow>* out) {
  thread_local simdjson::dom::parser parser;
  auto corrupt = [&](std::string_view what) {
    return Status::Corruption(fmt::format("packed values of {}: {}", plugin, what));
  };
  simdjson::dom::element root;
  if (auto error = parser.parse(packed.data(), packed.size(), /*realloc_if_needed=*/true).get(root)) {
    return corrupt(simdjson::error_message(error));
  }
  simdjson::dom::array array;
  if (root.get_array().get(array)) return Status::Corruption("packed values are not a JSON array");
  std::map<int32_t, std::string_view> sentence_texts;  // the first given for each sentence
  for (simdjson::dom::element item : array) {
    simdjson::dom::array e;
    if (item.get_array().get(e) || e.size() != 7) {
      return Status::Corruption(fmt::format("packed value of {} has not 7 parts", plugin));
    }
    ResultRow r;
    r.plugin = plugin;
    std::string_view field, type_name, text;
    int64_t sentence = 0;
    if (e.at(0).get_string().get(field)) return corrupt("a field name is not a string");
    if (e.at(1).get_int64().get(sentence) || sentence < std::numeric_limits<int32_t>::min() ||
        sentence > std::numeric_limits<int32_t>::max()) {
      return corrupt("a sentence index is not a 32-bit integer");
    }
    r.field = field;
    r.sentence = static_cast<int32_t>(sentence);
    const simdjson::dom::element said = e.at(2);
    if (said.is_null()) {
      auto first = sentence_texts.find(r.sentence);
      if (first == sentence_texts.end()) {
        return Status::Corruption(fmt::format(
            "packed value {}.{} refers to the text of sentence {}, not given before", plugin,
            r.field, r.sentence));
      }
      r.sentence_text = first->second;
    } else {
      if (said.get_string().get(text)) return corrupt("a sentence text is not a string");
      r.sentence_text = text;
      sentence_texts.emplace(r.sentence, text);
    }
    if (e.at(3).get_string().get(type_name)) return corrupt("a type name is not a string");
    r.type = TypeOfName(type_name);
    if (r.type < 0) {
      return Status::Corruption(
          fmt::format("value {}.{} has unknown type \"{}\"", plugin, r.field, type_name));
    }
    const simdjson::dom::element v = e.at(4);
    switch (r.type) {
      case CXMAP_TYPE_INTEGER:
      case CXMAP_TYPE_BOOL:
        if (v.get_int64().get(r.integer)) return corrupt("an integer value is not an integer");
        break;
      case CXMAP_TYPE_REAL:
        // Not finite: written as "NaN", "Infinity" or "-Infinity".
        if (v.is_string()) {
          const std::string_view word = v.get_string().value_unsafe();
          if (word == "NaN") {
            r.real = std::numeric_limits<double>::quiet_NaN();
          } else if (word == "Infinity" || word == "-Infinity") {
            r.real = word[0] == '-' ? -std::numeric_limits<double>::infinity()
                                    : std::numeric_limits<double>::infinity();
          } else {
            return corrupt("a real value is a string other than NaN or ±Infinity");
          }
        } else if (v.get_double().get(r.real)) {
          return corrupt("a real value is not a number");
        }
        break;
      case CXMAP_TYPE_STRING:
      case CXMAP_TYPE_JSON:
        if (v.get_string().get(text)) return corrupt("a text value is not a string");
        r.text = text;
        break;
      default:
        break;
    }
    simdjson::dom::array evidence;
    if (e.at(5).get_array().get(evidence)) return corrupt("evidence is not an array");
    for (simdjson::dom::element ev : evidence) {
      if (ev.get_string().get(text)) return corrupt("an evidence item is not a string");
      r.evidence.emplace_back(text);
    }
    const simdjson::dom::element spans = e.at(6);
    if (!spans.is_null()) {
      simdjson::dom::array list;
      if (spans.get_array().get(list)) return corrupt("spans are not an array");
      for (simdjson::dom::element s : list) {
        simdjson::dom::array span;
        uint64_t begin = 0, end = 0, evidence_index = 0;
        if (s.get_array().get(span) || span.size() != 3 || span.at(0).get_uint64().get(begin) ||
            span.at(1).get_uint64().get(end) || span.at(2).get_uint64().get(evidence_index) ||
            evidence_index > std::numeric_limits<uint32_t>::max()) {
          return corrupt("a span is not [begin, end, evidence]");
        }
        r.spans.push_back({static_cast<size_t>(begin), static_cast<size_t>(end),
                           static_cast<uint32_t>(evidence_index)});
      }
    }
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace cxmap::core
