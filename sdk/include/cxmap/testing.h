// SPDX-License-Identifier: Apache-2.0
// Test support for plugin authors: a record sink that keeps copies of what
// a source emits, so a source can be tested without the host, and a way to
// run the real `cxmap` binary (an analysis plugin needs the host's text
// services, which live in the core). Not used by plugins at run time.
// POSIX only (popen), as the host is.
#pragma once

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/abi_source.h"
#include "cxmap/record.h"
#include "cxmap/strings.h"

namespace cxmap::testing {

/// A copied reject.
struct Rejected {
  std::string file;
  uint64_t line = 0;
  std::string reason;
  std::string excerpt;
};

/// Collects what a source emits through the C sink, copying every record
/// (the sink contract: a record is borrowed for the call only). Pass
/// `raw()` where a `cxmap_record_sink*` is expected, or wrap it in a
/// cxmap::RecordSink for SourcePlugin::NextBatch().
class RecordCollector {
 public:
  explicit RecordCollector(size_t batch_hint = 1000) {
    sink_ = {sizeof(cxmap_record_sink), this, batch_hint, &Emit, &OnReject, &OnProgress, &OnSkip};
  }
  RecordCollector(const RecordCollector&) = delete;  // sink_.ctx points at this object
  RecordCollector& operator=(const RecordCollector&) = delete;
  const cxmap_record_sink* raw() const { return &sink_; }

  std::vector<Record> records;
  std::vector<Rejected> rejects;
  std::vector<Rejected> skips;  ///< rows left out on purpose (excerpt empty)
  uint64_t progress_done = 0, progress_total = 0;
  int progress_calls = 0;

 private:
  static int32_t Emit(void* ctx, const cxmap_record* c) {
    Record r;
    r.external_id = std::string(FromC(c->external_id));
    r.channel = static_cast<Channel>(c->channel);
    r.sub_channel = std::string(FromC(c->sub_channel));
    if (c->score_mask & CXMAP_HAS_TIME) r.time_unix_ms = c->time_unix_ms;
    r.language = std::string(FromC(c->language));
    r.text = std::string(FromC(c->text));
    r.respondent = std::string(FromC(c->respondent));
    r.segment = std::string(FromC(c->segment));
    if (c->score_mask & CXMAP_SCORE_NPS) r.nps = c->nps;
    if (c->score_mask & CXMAP_SCORE_CSAT) r.csat = c->csat;
    if (c->score_mask & CXMAP_SCORE_CES) r.ces = c->ces;
    if (c->score_mask & CXMAP_SCORE_RATING) r.rating = c->rating;
    for (size_t i = 0; i < c->attribute_count; ++i) {
      r.attributes.emplace_back(FromC(c->attributes[i].key), FromC(c->attributes[i].value));
    }
    r.file = std::string(FromC(c->file));
    r.line = c->line;
    r.record_number = c->record_number;
    r.response_id = std::string(FromC(c->response_id));
    r.speaker_role = static_cast<SpeakerRole>(c->speaker_role);
    for (size_t i = 0; i < c->answer_count; ++i) {
      const cxmap_answer& a = c->answers[i];
      Answer& out = r.answers.emplace_back();
      out.question = std::string(FromC(a.question));
      out.question_text = std::string(FromC(a.question_text));
      out.kind = static_cast<AnswerKind>(a.kind);
      out.value = std::string(FromC(a.value));
      if (a.flags & CXMAP_ANSWER_HAS_NUMBER) out.number = a.number;
      if (a.flags & CXMAP_ANSWER_HAS_SCALE) out.scale = std::make_pair(a.scale_min, a.scale_max);
    }
    static_cast<RecordCollector*>(ctx)->records.push_back(std::move(r));
    return CXMAP_OK;
  }
  static void OnReject(void* ctx, const cxmap_reject* r) {
    static_cast<RecordCollector*>(ctx)->rejects.push_back(
        {std::string(FromC(r->file)), r->line, std::string(FromC(r->reason)),
         std::string(FromC(r->excerpt))});
  }
  static void OnSkip(void* ctx, const cxmap_reject* r) {
    static_cast<RecordCollector*>(ctx)->skips.push_back(
        {std::string(FromC(r->file)), r->line, std::string(FromC(r->reason)), ""});
  }
  static void OnProgress(void* ctx, uint64_t done, uint64_t total) {
    auto* self = static_cast<RecordCollector*>(ctx);
    self->progress_done = done;
    self->progress_total = total;
    ++self->progress_calls;
  }
  cxmap_record_sink sink_;
};

/// Value of attribute `key` of `r`, or "<absent>".
inline std::string Attr(const Record& r, std::string_view key) {
  for (const auto& [k, v] : r.attributes) {
    if (k == key) return v;
  }
  return "<absent>";
}

/// `s` quoted for a POSIX shell: 'it'\''s'.
inline std::string ShellQuote(std::string_view s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs `command` with /bin/sh and returns what it wrote to stdout (add
/// "2>&1" to the command to get stderr too); *exit_code is its exit
/// status, or -1 when it could not run or was killed.
inline std::string RunCommand(const std::string& command, int* exit_code) {
  FILE* p = ::popen(command.c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; p && (n = ::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = p ? ::pclose(p) : -1;
  *exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

/// RunCommand with `input` on stdin (through a temporary file named after
/// the process, so parallel test processes do not collide).
inline std::string RunCommandWithInput(const std::string& command, std::string_view input,
                                       int* exit_code) {
  std::filesystem::path in = std::filesystem::temp_directory_path() /
                             ("cxmap_test_stdin_" + std::to_string(::getpid()));
  std::ofstream(in, std::ios::binary) << input;
  std::string out = RunCommand(command + " < " + ShellQuote(in.string()), exit_code);
  std::error_code ec;
  std::filesystem::remove(in, ec);
  return out;
}

}  // namespace cxmap::testing
