// SPDX-License-Identifier: Apache-2.0
// `cxmap classify`: every text through every analysis plugin, no database.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "core/app/commands.h"
#include "core/app/text_runner.h"
#include "core/pipeline/import_job.h"
#include "core/report/result_json.h"
#include "core/util/files.h"

namespace cxmap::core {

namespace {

bool IsLineInput(const ClassifyOptions& o) {
  if (!o.column.empty() || !o.source.empty() || !o.format.empty()) return false;
  return o.input == "-" || o.input.size() < 4 || o.input.substr(o.input.size() - 4) == ".txt";
}

void PrintHuman(const nlohmann::ordered_json& j) {
  fmt::print("{}\n  language: {}\n", TerminalSafe(j["text"].get<std::string>()),
             TerminalSafe(j["language"].get<std::string>()));
  for (const auto& [key, value] : j.items()) {
    if (!value.is_object()) continue;
    std::string fields;
    for (const auto& [k, v] : value.items()) {
      if (k == "evidence" || k == "spans" || k == "sentences") continue;
      fields += fmt::format(" {}={}", k, v.is_string() ? v.get<std::string>() : DumpJson(v));
      fields = TerminalSafe(fields);
    }
    fmt::print("  {}:{}  evidence: {}\n", TerminalSafe(key), fields, TerminalSafe(DumpJson(value["evidence"])));
  }
}

/// Reads `input` with a source plugin, keeping the records of `column`.
Status FeedFromSource(AppContext& app, const ClassifyOptions& options, TextRunner& runner,
                      uint64_t* rejected) {
  // A vendor's source sniffs and reads in a process of its own here too
  // (there is no database to quarantine it in: it only fails this command).
  SniffOptions sniff{app.runner_options(), app.cancelled(), {}};
  auto chosen =
      ChooseSource(app.registry(), options.input, options.source, options.format, nullptr, sniff);
  if (!chosen.ok()) return chosen.status();
  const PluginInfo& plugin = *app.registry().Find(chosen->plugin);
  auto source_options =
      SourceOptions(plugin, OptionsFor(app.plugin_options(), plugin.name), options.format);
  if (!source_options.ok()) return source_options.status();
  std::string fault;
  auto source =
      StartSource(plugin, *source_options, app.runner_options(), app.cancelled(), &fault);
  if (!source.ok()) return source.status();
  CXMAP_RETURN_IF_ERROR((*source)->Open(options.input));
  for (bool at_end = false; !at_end;) {
    Batch batch;
    Status read = (*source)->Next(512, batch, &at_end);
    for (const auto& rej : batch.rejects) {
      ++*rejected;
      fmt::print(stderr, "cxmap: warning: {}:{}: {}\n", rej.file, rej.line, rej.reason);
    }
    for (auto& r : batch.records) {
      // A response without text (a survey row without a comment) has
      // nothing to classify; an older source's empty record still does.
      bool textless_response = r.rec.text.empty() && !r.rec.response_id.empty();
      bool keep = options.column.empty() && !textless_response;
      for (const auto& [k, v] : r.rec.attributes) keep |= k == "question" && v == options.column;
      if (keep) CXMAP_RETURN_IF_ERROR(runner.Add(std::move(r)));
    }
    CXMAP_RETURN_IF_ERROR(read);
  }
  return Status::Ok();
}

Status FeedLines(const ClassifyOptions& options, TextRunner& runner) {
  std::ifstream file;
  if (options.input != "-") {
    // Standard input is `-`; a named FIFO or a device would block or
    // never end.
    CXMAP_RETURN_IF_ERROR(CheckRegularFile(options.input));
    file.open(options.input, std::ios::binary);
    if (!file) return Status::NotFound(options.input + ": cannot open");
  }
  std::istream& in = options.input == "-" ? std::cin : file;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // BOM
    CXMAP_RETURN_IF_ERROR(runner.AddLine(line, n));
  }
  return Status::Ok();
}

}  // namespace

int RunClassify(AppContext& app, const ClassifyOptions& options) {
  auto runner = TextRunner::Start(app, [&](const FeedbackRecord&, const nlohmann::ordered_json& j) {
    if (options.jsonl) {
      fmt::print("{}\n", DumpJson(j));
    } else {
      PrintHuman(j);
    }
  });
  if (!runner.ok()) return ReportError(runner.status());
  uint64_t rejected = 0;
  Status fed = IsLineInput(options) ? FeedLines(options, **runner)
                                    : FeedFromSource(app, options, **runner, &rejected);
  Status finished = (*runner)->Finish();
  std::fflush(stdout);
  if (!fed.ok()) return ReportError(fed);
  if (!finished.ok()) return ReportError(finished);
  for (const auto& f : (*runner)->failures()) fmt::print(stderr, "cxmap: error: {}\n", f.message);
  if (!(*runner)->failures().empty()) return kExitFailure;
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace cxmap::core
