// SPDX-License-Identifier: Apache-2.0
#include "call_center_source.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "cdr_reader.h"
#include "json_readers.h"
#include "text_values.h"
#include "transcript_reader.h"

namespace cxmap::callcenter {
namespace {

constexpr std::string_view kFormats[] = {"auto", "transcript", "call_log", "contact_lens", "vcon", "cdr"};

std::string RejectReason(const ParseReject& r) {
  return r.column == 0 ? r.reason : "column " + std::to_string(r.column) + ": " + r.reason;
}

/// Fills empty call fields from a CDR row and adds its cdr_* attributes.
void MergeCdr(const Call& cdr, Call& call) {
  if (call.agent.empty()) call.agent = cdr.agent;
  if (call.queue.empty()) call.queue = cdr.queue;
  if (call.disposition.empty()) call.disposition = cdr.disposition;
  if (call.customer.empty()) call.customer = cdr.customer;
  if (!call.start_ms) call.start_ms = cdr.start_ms;
  if (!call.duration_s) call.duration_s = cdr.duration_s;
  for (const auto& [k, v] : cdr.attributes) AddAttribute(call.attributes, k, v);
  AddAttribute(call.attributes, "cdr_joined", "true");
}

}  // namespace

std::optional<int> ParseUtcOffset(std::string_view s) {
  s = TrimBlanks(s);
  if (s.empty() || s == "Z" || s == "UTC" || s == "GMT") return 0;
  if (s.substr(0, 3) == "UTC" || s.substr(0, 3) == "GMT") s.remove_prefix(3);
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  std::string_view rest = s.substr(1);
  size_t colon = rest.find(':');
  auto h = ParseNumber(rest.substr(0, colon));
  std::optional<double> m = colon == std::string_view::npos ? 0.0 : ParseNumber(rest.substr(colon + 1));
  if (!h || !m || *h < 0 || *h > 14 || *m < 0 || *m >= 60 || *h != static_cast<int>(*h)) return std::nullopt;
  return sign * static_cast<int>(*h * 60 + *m);
}

Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound("no such file: " + path);
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  if (size > max_bytes) {
    return Status::InvalidArgument(path + " is " + std::to_string(size) + " bytes, more than max_file_bytes (" +
                                   std::to_string(max_bytes) + ")");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open " + path);
  std::string data(size, '\0');
  size_t got = std::fread(data.data(), 1, size, f);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IoError("cannot read " + path);
  data.resize(got);
  return data;
}

CallCenterSource::CallCenterSource(const Host& host, const OptionValues& options) : host_(host) {
  (void)options;
}

Result<std::unique_ptr<CallCenterSource>> CallCenterSource::Create(const Host& host,
                                                                    const OptionValues& options) {
  std::unique_ptr<CallCenterSource> s(new CallCenterSource(host, options));
  s->format_ = options.GetString("format", "auto");
  bool known = false;
  for (std::string_view f : kFormats) known = known || f == s->format_;
  if (!known) {
    return Status::InvalidArgument("format '" + s->format_ +
                                   "': use auto, transcript, call_log, contact_lens, vcon or cdr");
  }
  std::string unit = options.GetString("unit", "turn");
  if (unit != "turn" && unit != "call") return Status::InvalidArgument("unit '" + unit + "': use turn or call");
  std::string speakers = options.GetString("speakers", "customer");
  if (speakers != "customer" && speakers != "all") {
    return Status::InvalidArgument("speakers '" + speakers + "': use customer or all");
  }
  std::string tz = options.GetString("timezone");
  if (!tz.empty()) {
    s->utc_offset_minutes_ = ParseUtcOffset(tz);
    if (!s->utc_offset_minutes_) {
      return Status::InvalidArgument("timezone '" + tz + "': write a UTC offset such as +07:00");
    }
  }
  long long context = options.GetInteger("context_bytes", 1000);
  long long turn = options.GetInteger("max_turn_bytes", 1 << 20);
  long long file = options.GetInteger("max_file_bytes", 268435456);
  if (context < 0 || turn < 1 || file < 1) {
    return Status::InvalidArgument("context_bytes must be >= 0, max_turn_bytes and max_file_bytes >= 1");
  }
  s->emit_.per_call = unit == "call";
  s->emit_.include_agents = speakers == "all";
  s->emit_.context_bytes = static_cast<size_t>(context);
  s->emit_.default_language = options.GetString("language");
  s->max_turn_bytes_ = static_cast<size_t>(turn);
  s->max_file_bytes_ = static_cast<uint64_t>(file);
  s->cdr_file_ = options.GetString("cdr_file");
  return s;
}

Status CallCenterSource::Open(std::string_view path_view) {
  std::string path(path_view);
  emitter_.reset();  // it points into parsed_, which is replaced below
  released_turns_ = 0;
  next_call_ = 0;
  auto data = ReadWholeFile(path, max_file_bytes_);
  if (!data.ok()) return data.status();
  std::string format = format_;
  if (format == "auto") {
    SniffResult sniff = Sniff(path, std::string_view(*data).substr(0, size_t{64} << 10));
    if (sniff.confidence <= 0.2) {
      return Status::NotSupported(path + " is not a call-centre export this plugin reads (" + sniff.reason +
                                  "); force one with -o source_call_center.format=…");
    }
    format = sniff.format;
  }
  int tz = utc_offset_minutes_.value_or(0);
  if (format == "contact_lens") {
    parsed_ = ReadContactLens(*data);
  } else if (format == "vcon") {
    parsed_ = ReadVcon(*data, tz);
  } else if (format == "cdr") {
    parsed_ = ReadCdr(*data, utc_offset_minutes_);
  } else {
    parsed_ = ReadTranscript(*data, {tz, max_turn_bytes_});
    if (format == "call_log" && parsed_.format == "transcript") format = "transcript";
  }
  emit_.file = path;
  if (!cdr_file_.empty()) CXMAP_RETURN_IF_ERROR(JoinCdr(cdr_file_));
  return Status::Ok();
}

Status CallCenterSource::JoinCdr(const std::string& cdr_path) {
  auto data = ReadWholeFile(cdr_path, max_file_bytes_);
  if (!data.ok()) return Status(data.status().code(), "cdr_file: " + data.status().message());
  ParsedInput cdr = ReadCdr(*data, utc_offset_minutes_);
  std::map<std::string, const Call*> by_id;
  for (const Call& c : cdr.calls) {
    if (!c.id.empty()) by_id.emplace(c.id, &c);
    if (const std::string* linked = FindAttribute(c.attributes, "cdr_linkedid")) by_id.emplace(*linked, &c);
  }
  size_t joined = 0;
  for (Call& call : parsed_.calls) {
    auto it = by_id.find(call.id);
    if (call.id.empty() || it == by_id.end()) continue;
    MergeCdr(*it->second, call);
    ++joined;
  }
  join_details_ = {{"cdr_file", cdr_path},
                   {"cdr_rows", std::to_string(cdr.calls.size())},
                   {"cdr_rejected", std::to_string(cdr.rejects.size())},
                   {"cdr_joined", std::to_string(joined)}};
  if (!cdr.rejects.empty()) {
    host_.Log(LogLevel::kWarn, "cdr_file " + cdr_path + ": " + std::to_string(cdr.rejects.size()) +
                                      " rows could not be read (first: line " +
                                      std::to_string(cdr.rejects.front().line) + ": " +
                                      cdr.rejects.front().reason + ")");
  }
  return Status::Ok();
}

Status CallCenterSource::NextBatch(RecordSink& sink, bool& at_end) {
  for (; next_reject_ < parsed_.rejects.size(); ++next_reject_) {
    const ParseReject& r = parsed_.rejects[next_reject_];
    sink.Reject(emit_.file, r.line, RejectReason(r), r.excerpt);
  }
  std::vector<Record> records;
  size_t want = std::max<size_t>(sink.batch_hint(), 1);
  while (next_call_ < parsed_.calls.size() && records.size() < want) {
    if (host_.Cancelled()) return Status::Cancelled("stopped");
    Call& call = parsed_.calls[next_call_];
    if (!emitter_) emitter_.emplace(call, emit_);
    bool done = emitter_->Next(record_number_, want - records.size(), records);
    // Emitted turns are never read again but by Inspect's counts: free their
    // text so that a long call's memory shrinks as it is imported.
    for (; released_turns_ < emitter_->emitted_turns(); ++released_turns_) {
      std::string().swap(call.turns[released_turns_].text);
    }
    if (done) {
      emitter_.reset();
      released_turns_ = 0;
      ++next_call_;
    }
  }
  for (const Record& r : records) CXMAP_RETURN_IF_ERROR(sink.Emit(r));
  sink.Progress(next_call_, parsed_.calls.size());
  at_end = next_call_ >= parsed_.calls.size();
  return Status::Ok();
}

Result<Inspection> CallCenterSource::Inspect(std::string_view path) {
  auto counted = SourcePlugin::Inspect(path);
  if (!counted.ok()) return counted.status();
  Inspection out = std::move(*counted);
  out.format = parsed_.format;
  out.encoding = "UTF-8";
  out.delimiter = parsed_.format == "cdr" ? "," : "";
  out.header_rows = 0;
  out.unit = "calls";
  out.responses = parsed_.calls.size();
  std::map<std::string, size_t> by_role;
  std::set<std::string> speakers;
  size_t turns = 0, with_csat = 0, with_duration = 0, with_id = 0;
  for (const Call& c : parsed_.calls) {
    turns += c.turns.size();
    with_csat += c.csat ? 1 : 0;
    with_duration += c.duration_s ? 1 : 0;
    with_id += c.id.empty() ? 0 : 1;
    for (const Turn& t : c.turns) {
      ++by_role[std::string(RoleName(t.role))];
      if (speakers.size() < 12) speakers.insert(t.speaker);
    }
  }
  out.details = parsed_.details;
  out.details.emplace_back("turns", std::to_string(turns));
  for (const auto& [role, n] : by_role) out.details.emplace_back(role + "_turns", std::to_string(n));
  std::string list;
  for (const std::string& s : speakers) list += (list.empty() ? "" : ", ") + s;
  if (!list.empty()) out.details.emplace_back("speakers", list);
  out.details.emplace_back("calls_with_id", std::to_string(with_id));
  out.details.emplace_back("calls_with_duration", std::to_string(with_duration));
  out.details.emplace_back("calls_with_csat", std::to_string(with_csat));
  out.details.emplace_back("unit", emit_.per_call ? "call" : "turn");
  for (const auto& d : join_details_) out.details.push_back(d);
  if (parsed_.format == "cdr") {
    std::string layout = "cdr_csv";
    for (const auto& [k, v] : parsed_.details) layout = k == "cdr_layout" ? v : layout;
    uint32_t i = 0;
    for (std::string_view name : CdrColumnNames(layout)) {
      std::string_view role = name == "uniqueid" ? "id" : name == "start" ? "time"
                              : name == "src"    ? "respondent" : "attribute";
      out.columns.push_back({i++, std::string(name), std::string(role), ""});
    }
  }
  return out;
}

}  // namespace cxmap::callcenter
