// SPDX-License-Identifier: Apache-2.0
// CsvSurveySource::Inspect: how a file will be read, for `cxmap inspect`.
#include "csv_survey_source.h"

namespace cxmap::csv {

Result<Inspection> CsvSurveySource::Inspect(std::string_view path) {
  auto counted = SourcePlugin::Inspect(path);  // Open() and a full read into a counter
  if (!counted.ok()) return counted.status();
  Inspection in = std::move(*counted);
  in.format = std::string(PlatformName(platform_));
  const StreamInfo& info = stream_->info();
  in.encoding = info.encoding;
  in.delimiter = info.delimiter != 0 ? std::string(1, info.delimiter) : "";
  in.header_rows = static_cast<uint32_t>(rows_before_data_);
  in.unit = "responses";
  in.responses = builder_ ? builder_->stats().rows : 0;
  // `records` counts text units: a response without text adds none.
  if (builder_) in.records -= builder_->stats().responses_without_text;
  std::string texts, pii;
  for (size_t i = 0; i < headers_.size(); ++i) {
    std::string question = i < layout_.columns.size() ? layout_.columns[i].question_text : "";
    in.columns.push_back({static_cast<uint32_t>(i + 1), headers_[i], std::string(RoleName(roles_.roles[i])),
                          question});
    if (roles_.roles[i] == Role::kText) texts += (texts.empty() ? "" : ", ") + headers_[i];
    if (i < layout_.columns.size() && layout_.columns[i].pii) pii += (pii.empty() ? "" : ", ") + headers_[i];
  }
  in.details.emplace_back("container", info.container);
  if (!info.sheet.empty()) in.details.emplace_back("sheet", info.sheet);
  in.details.emplace_back("encoding_reason", info.encoding_reason);
  in.details.emplace_back("profile_reason", detection_reason_);
  for (const auto& d : layout_.details) in.details.push_back(d);
  in.details.emplace_back("open_ended_questions", texts.empty() ? "none" : texts);
  std::string closed;
  for (const AnswerColumn& a : answer_columns_) {
    closed += (closed.empty() ? "" : ", ") + headers_[a.column] + " (" +
              std::string(AnswerKindName(a.kind)) + ")";
  }
  in.details.emplace_back("closed_questions", closed.empty() ? "none" : closed);
  if (builder_) {
    in.details.emplace_back("responses_without_text",
                            std::to_string(builder_->stats().responses_without_text));
    in.details.emplace_back("closed_answers", std::to_string(builder_->stats().answers));
    in.details.emplace_back("empty_rows_skipped", std::to_string(builder_->stats().empty_rows));
  }
  if (!pii.empty()) {
    in.details.emplace_back("pii_columns", pii + (options_.GetBool("drop_pii", false) ? " (dropped)" : ""));
  }
  return in;
}

}  // namespace cxmap::csv
