// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/batch.h"

namespace cxmap::core {

/// The JSON key of a plugin in `classify --jsonl` and exports: its name
/// without the kind prefix ("analysis_sentiment" -> "sentiment").
std::string PluginKey(std::string_view plugin_name);

/// A typed result value as JSON (JSON-typed values are parsed).
nlohmann::ordered_json ValueToJson(const ResultRow& row);

/// Composes one plugin's results for one record (whose text is `text`) into
/// the documented shape:
///   {"<field>": value, ..., "evidence": [...], "spans": [...],
///    "sentences": [{"text": ..., "<field>": value, ..., "evidence": [...],
///                   "spans": [...]}, ...]}
/// Record-level evidence is the union, in order, of the record-level rows'
/// evidence; a span is {"begin", "end", "text", "evidence"}: UTF-8 bytes
/// [begin, end) of the record's text, those bytes, and the evidence entry
/// found there (each distinct span once). "sentences" appears only when
/// the plugin emitted any, ordered by sentence index.
nlohmann::ordered_json ComposePluginResult(const std::vector<const ResultRow*>& rows,
                                           std::string_view text);

/// Dumps JSON as UTF-8, replacing any invalid byte rather than throwing.
std::string DumpJson(const nlohmann::ordered_json& j, int indent = -1);

}  // namespace cxmap::core
