// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/result_check.h"

#include <fmt/format.h>

#include "core/plugin_host/json_check.h"
#include "core/plugin_host/plugin_options.h"
#include "cxmap/support/utf8.h"

namespace cxmap::core {

namespace {

bool IsBoundary(std::string_view text, size_t at) {
  return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

Status CheckText(const ResultRow& row, const char* what, std::string_view s, size_t limit) {
  if (s.size() > limit) {
    return Status::InvalidArgument(fmt::format("field {}: {} of {} bytes is over the limit of {}",
                                               row.field, what, s.size(), limit));
  }
  if (!support::IsValidUtf8(s)) {
    return Status::InvalidArgument(fmt::format("field {}: {} is not valid UTF-8", row.field, what));
  }
  return Status::Ok();
}

Status CheckSpans(const ResultRow& row, std::string_view text) {
  // A span must land on character boundaries, or a report that highlights
  // it would cut a character in two.
  for (const ResultSpan& s : row.spans) {
    if (s.begin > s.end || s.end > text.size() || !IsBoundary(text, s.begin) ||
        !IsBoundary(text, s.end)) {
      return Status::InvalidArgument(
          fmt::format("field {}: span [{}, {}) is not a stretch of whole characters of the "
                      "record's {}-byte text",
                      row.field, s.begin, s.end, text.size()));
    }
    if (s.evidence >= row.evidence.size()) {
      return Status::InvalidArgument(fmt::format("field {}: span points at evidence {} of {}",
                                                 row.field, s.evidence, row.evidence.size()));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view AnalysedText(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && !IsBoundary(text, end)) --end;
  return text.substr(0, end);
}

Status CheckResultRow(const PluginInfo& plugin, const ResultRow& row, std::string_view text,
                      const AnalysisLimits& limits) {
  const FieldDecl* declared = nullptr;
  for (const FieldDecl& f : plugin.fields) {
    if (f.name == row.field) {
      declared = &f;
      break;
    }
  }
  if (declared == nullptr) {
    return Status::InvalidArgument(
        fmt::format("result for undeclared field '{}'", support::SafeExcerpt(row.field, 100)));
  }
  if (row.type != CXMAP_TYPE_NULL && row.type != declared->type) {
    return Status::InvalidArgument(fmt::format("field {} is declared {} but got {}", row.field,
                                               TypeName(declared->type), TypeName(row.type)));
  }
  // -1 is the whole record; a text cannot hold more sentences than bytes.
  if (row.sentence < -1 || (row.sentence >= 0 && static_cast<size_t>(row.sentence) >=
                                                     std::max<size_t>(text.size(), 1))) {
    return Status::InvalidArgument(fmt::format("field {}: sentence index {} for a {}-byte text",
                                               row.field, row.sentence, text.size()));
  }
  CXMAP_RETURN_IF_ERROR(CheckText(row, "value", row.text, limits.value_bytes));
  CXMAP_RETURN_IF_ERROR(CheckText(row, "sentence text", row.sentence_text, limits.value_bytes));
  if (row.evidence.size() > limits.evidence_items || row.spans.size() > 4 * limits.evidence_items) {
    return Status::InvalidArgument(fmt::format(
        "field {}: {} evidence items and {} spans, over the limit of {} evidence items", row.field,
        row.evidence.size(), row.spans.size(), limits.evidence_items));
  }
  for (const std::string& e : row.evidence) {
    CXMAP_RETURN_IF_ERROR(CheckText(row, "an evidence item", e, limits.evidence_bytes));
  }
  if (row.type == CXMAP_TYPE_JSON && !IsWellFormedJson(row.text)) {
    return Status::InvalidArgument(fmt::format("field {}: value is not valid JSON", row.field));
  }
  return CheckSpans(row, text);
}

}  // namespace cxmap::core
