// SPDX-License-Identifier: Apache-2.0
// `cxmap classify`: every text through every analysis plugin, no database.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <map>
#include <utility>

#include "core/app/commands.h"
#include "core/pipeline/import_job.h"
#include "core/plugin_host/record_convert.h"
#include "core/report/result_json.h"
#include "core/text/normalize.h"

namespace cxmap::core {

namespace {

bool IsLineInput(const ClassifyOptions& o) {
  if (!o.column.empty() || !o.source.empty()) return false;
  return o.input == "-" || o.input.size() < 4 || o.input.substr(o.input.size() - 4) == ".txt";
}

/// One JSON object per record, in input order.
nlohmann::ordered_json RecordJson(const Batch& batch, size_t index,
                          const std::map<std::string, std::vector<const ResultRow*>>& by_plugin,
                          const std::vector<std::string>& all_plugins) {
  const Record& r = batch.records[index].rec;
  nlohmann::ordered_json j = {{"text", r.text}, {"language", r.language.empty() ? "und" : r.language}};
  for (const auto& name : all_plugins) {
    auto it = by_plugin.find(name);
    bool ran = std::find(batch.plugins.begin(), batch.plugins.end(), name) != batch.plugins.end();
    j[PluginKey(name)] = !ran ? nlohmann::ordered_json(nullptr)
                              : ComposePluginResult(it == by_plugin.end() ? std::vector<const ResultRow*>{}
                                                                          : it->second);
  }
  return j;
}

void PrintHuman(const nlohmann::ordered_json& j) {
  fmt::print("{}\n", j["text"].get<std::string>());
  for (const auto& [key, value] : j.items()) {
    if (key == "text" || !value.is_object()) continue;
    std::string fields;
    for (const auto& [k, v] : value.items()) {
      if (k == "evidence" || k == "sentences") continue;
      fields += fmt::format(" {}={}", k, v.is_string() ? v.get<std::string>() : DumpJson(v));
    }
    fmt::print("  {}:{}  evidence: {}\n", key, fields, DumpJson(value["evidence"]));
  }
}

}  // namespace

int RunClassify(AppContext& app, const ClassifyOptions& options) {
  std::vector<const PluginInfo*> analyses = app.registry().OfKind(CXMAP_KIND_ANALYSIS);
  std::vector<std::string> names;
  for (const auto* a : analyses) names.push_back(a->name);
  auto consume = [&](Batch& batch) -> Status {
    std::vector<std::map<std::string, std::vector<const ResultRow*>>> rows(batch.records.size());
    for (const auto& r : batch.results) rows[r.record_index][r.plugin].push_back(&r);
    for (size_t i = 0; i < batch.records.size(); ++i) {
      nlohmann::ordered_json j = RecordJson(batch, i, rows[i], names);
      if (options.jsonl) fmt::print("{}\n", DumpJson(j));
      else PrintHuman(j);
    }
    std::fflush(stdout);
    return Status::Ok();
  };
  PipelineOptions po;
  po.workers = app.threads();
  auto pipeline = Pipeline::Start(analyses, app.plugin_options(), po, app.cancelled(), consume);
  if (!pipeline.ok()) return ReportError(pipeline.status());

  constexpr size_t kBatch = 512;
  Status status;
  uint64_t rejected = 0;
  if (IsLineInput(options)) {
    std::ifstream file;
    if (options.input != "-") {
      file.open(options.input, std::ios::binary);
      if (!file) return ReportError(Status::NotFound(options.input + ": cannot open"));
    }
    std::istream& in = options.input == "-" ? std::cin : file;
    Batch batch;
    std::string line;
    for (uint64_t n = 1; status.ok() && std::getline(in, line); ++n) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // BOM
      FeedbackRecord r;
      r.id = fmt::format("classify:{}", n);
      r.rec.text = NormalizeNfc(SafeExcerpt(line, SIZE_MAX));
      r.rec.line = r.rec.record_number = n;
      batch.records.push_back(std::move(r));
      if (batch.records.size() == kBatch) status = (*pipeline)->Submit(std::exchange(batch, {}));
    }
    if (status.ok() && !batch.records.empty()) status = (*pipeline)->Submit(std::move(batch));
  } else {
    auto chosen = ChooseSource(app.registry(), options.input, options.source);
    if (!chosen.ok()) return ReportError(chosen.status());
    const PluginInfo& plugin = *app.registry().Find(chosen->plugin);
    auto opts = app.plugin_options().find(plugin.name);
    auto source = SourceInstance::Create(
        plugin, opts == app.plugin_options().end() ? OptionMap{} : opts->second, app.cancelled());
    if (!source.ok()) return ReportError(source.status());
    status = (*source)->Open(options.input);
    for (bool at_end = false; status.ok() && !at_end;) {
      Batch batch;
      status = (*source)->Next(kBatch, batch, &at_end);
      for (const auto& rej : batch.rejects) {
        ++rejected;
        fmt::print(stderr, "cxmap: warning: {}:{}: {}\n", rej.file, rej.line, rej.reason);
      }
      batch.rejects.clear();
      if (!options.column.empty()) {
        std::erase_if(batch.records, [&](const FeedbackRecord& r) {
          for (const auto& [k, v] : r.rec.attributes) {
            if (k == "question" && v == options.column) return false;
          }
          return true;
        });
      }
      if (!batch.records.empty()) {
        Status s = (*pipeline)->Submit(std::move(batch));
        if (status.ok()) status = s;
      }
    }
  }
  Status finished = (*pipeline)->Finish();
  if (!status.ok()) return ReportError(status);
  if (!finished.ok()) return ReportError(finished);
  for (const auto& f : (*pipeline)->failures()) {
    fmt::print(stderr, "cxmap: error: {}\n", f.message);
  }
  if (!(*pipeline)->failures().empty()) return kExitFailure;
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace cxmap::core
