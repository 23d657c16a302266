// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/isolated_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/plugin_host/record_convert.h"
#include "core/util/log.h"
#include "core/util/record_id.h"

namespace cxmap::core {
using wire::FrameType;

Result<std::unique_ptr<IsolatedSource>> IsolatedSource::Start(const PluginInfo& plugin,
                                                              const RunnerOptions& runner_options,
                                                              const std::atomic<bool>* cancelled,
                                                              std::string* fault) {
  std::unique_ptr<IsolatedSource> self(new IsolatedSource(&plugin, runner_options, cancelled));
  CXMAP_RETURN_IF_ERROR(self->process_.Spawn());
  wire::InitMessage init;
  init.role = wire::ChildRole::kSource;
  init.module_path = plugin.module_path.string();
  init.plugin = plugin.name;
  init.log_threshold = static_cast<uint32_t>(LogThreshold());
  wire::Writer w;
  wire::EncodeInit(init, &w);
  Status ready = self->process_.Exchange(FrameType::kInit, w.bytes(), FrameType::kReady, "load");
  if (!ready.ok()) {
    *fault = self->process_.fault();
    return ready;
  }
  return self;
}

namespace {

// inspect() and split() read a whole input in one call, where next_batch()
// reads one batch: a limit meant for a batch would fail a vendor's inspect
// of a 3 GB file that runs fine in process. They get the limit plus one
// second per 8 MiB of the file (a reader of 8 MiB/s is slow by any
// standard), and a hang is still stopped.
std::chrono::milliseconds WholeFileLimit(std::chrono::milliseconds limit, const std::string& path) {
  std::error_code ec;
  const uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (ec) return limit;
  return limit + std::chrono::milliseconds(static_cast<int64_t>(bytes >> 23) * 1000);
}

}  // namespace

Status IsolatedSource::Call(FrameType type, const wire::SourceRequest& request, const char* during,
                            wire::SourceAnswer* answer, bool whole_file) {
  if (!process_.alive()) {
    return Status::Internal(fmt::format("plugin {}: its process is gone", name()));
  }
  wire::Writer w;
  wire::EncodeSourceRequest(request, &w);
  std::string payload = std::move(w.bytes());
  const std::chrono::milliseconds limit =
      whole_file ? WholeFileLimit(process_.timeout(), request.path) : process_.timeout();
  CXMAP_RETURN_IF_ERROR(process_.Exchange(type, payload, FrameType::kSourceAnswer, during, limit));
  if (!wire::DecodeSourceAnswer(payload, answer)) {
    return process_.Stop(fmt::format("answered {} with garbage", during));
  }
  // Logged here, tagged with the plugin's name whatever tag the child
  // gave: every line of this process is this plugin's doing.
  for (const wire::LogLine& line : answer->logs) {
    Log(static_cast<Severity>(std::min<uint32_t>(line.severity, 3)), name(), line.message);
  }
  return Status::Ok();
}

Status IsolatedSource::NamingFile(Status s) const {
  if (s.ok() || s.code() == Code::kCancelled || display_.empty()) return s;
  if (s.message().find(display_) != std::string::npos) return s;
  return Status(s.code(), display_ + ": " + s.message());
}

Status IsolatedSource::Sniff(const std::string& path, std::string_view head, SniffCandidate* out) {
  wire::SourceRequest request;
  request.path = path;
  request.head = std::string(head);
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(Call(FrameType::kSniff, request, "sniff", &answer));
  if (!answer.status.ok()) return answer.status;
  // The child clamps too; a NaN from a forged answer must not reach the sort.
  double confidence = std::isfinite(answer.confidence) ? answer.confidence : 0;
  *out = {name(), std::clamp(confidence, 0.0, 1.0), SafeExcerpt(answer.format, 64),
          SafeExcerpt(answer.reason, 256), ""};
  return Status::Ok();
}

Status IsolatedSource::Create(const OptionMap& options) {
  wire::SourceRequest request;
  request.options = options;
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(Call(FrameType::kCreate, request, "create", &answer));
  return answer.status;
}

Status IsolatedSource::Open(const std::string& path, const std::string& display) {
  display_ = display.empty() ? path : display;
  wire::SourceRequest request;
  request.path = path;
  request.display = display_;
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(NamingFile(Call(FrameType::kOpen, request, "open", &answer)));
  return answer.status;  // the child's SourceInstance named the file already
}

Status IsolatedSource::Next(size_t hint, Batch& batch, bool* at_end) {
  *at_end = false;
  wire::SourceRequest request;
  request.hint = hint;
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(NamingFile(Call(FrameType::kNext, request, "next_batch", &answer)));
  std::vector<cxmap_kv> kv;
  std::vector<cxmap_answer> answers;
  for (FeedbackRecord& sent : answer.records) {
    // What the child checked is checked again: its bytes may be anything.
    FeedbackRecord fr;
    fr.source = name();
    cxmap_record c = ToC(sent.rec, kv, answers);
    if (Status s = CopyRecordFromPlugin(c, &fr.rec); !s.ok()) {
      batch.rejects.push_back({SafeExcerpt(sent.rec.file, 4096), sent.rec.line, s.message(),
                               SafeExcerpt(sent.rec.text)});
      continue;
    }
    fr.id = MakeRecordId(fr.source, fr.rec);
    batch.records.push_back(std::move(fr));
  }
  auto safe = [](std::vector<Rejection>& from, std::vector<Rejection>& to) {
    for (Rejection& r : from) {
      to.push_back(
          {SafeExcerpt(r.file, 4096), r.line, SafeExcerpt(r.reason, 1000), SafeExcerpt(r.excerpt)});
    }
  };
  safe(answer.rejects, batch.rejects);
  safe(answer.skips, batch.skips);
  batch.bytes_done = answer.bytes_done;
  batch.bytes_total = answer.bytes_total;
  *at_end = answer.at_end;
  return answer.status;
}

Result<std::vector<Piece>> IsolatedSource::Split(const std::string& path, uint32_t parts) {
  if (parts < 2) return std::vector<Piece>{};
  display_ = path;
  wire::SourceRequest request;
  request.path = path;
  request.hint = parts;
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(NamingFile(Call(FrameType::kSplit, request, "split", &answer, true)));
  if (!answer.status.ok()) return answer.status;
  CXMAP_RETURN_IF_ERROR(CheckPieces(name(), path, answer.pieces, parts));
  return std::move(answer.pieces);
}

Status IsolatedSource::OpenPiece(const std::string& path, const std::string& token,
                                 const std::string& display) {
  display_ = display.empty() ? path : display;
  wire::SourceRequest request;
  request.path = path;
  request.display = display_;
  request.token = token;
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(NamingFile(Call(FrameType::kOpenPiece, request, "open_piece", &answer)));
  return answer.status;
}

Result<Inspection> IsolatedSource::Inspect(const std::string& path) {
  display_ = path;
  wire::SourceRequest request;
  request.path = path;
  wire::SourceAnswer answer;
  CXMAP_RETURN_IF_ERROR(NamingFile(Call(FrameType::kInspect, request, "inspect", &answer, true)));
  if (!answer.status.ok()) return answer.status;
  if (!answer.inspected) {
    return process_.Stop("answered inspect without an inspection");
  }
  return SafeInspection(std::move(answer.inspection));
}

}  // namespace cxmap::core
