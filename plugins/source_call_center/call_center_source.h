// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "call_model.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/source_plugin.h"
#include "record_emitter.h"

namespace cxmap::callcenter {

/// Source plugin for call-centre exports: text transcripts and call logs
/// (Spirit X3 grammar), Amazon Connect Contact Lens JSON, vCon, Asterisk
/// CDR CSV. Reads the whole file at Open() (JSON must be whole anyway;
/// `max_file_bytes` bounds it) and hands records out in batches. An
/// instance reads one file and is used by one thread at a time.
class CallCenterSource : public SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_call_center";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Call-centre transcripts and logs, Contact Lens JSON, vCon, Asterisk CDR";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("format", OptionType::kString, "auto",
             "auto, transcript, call_log, contact_lens, vcon or cdr"),
      Option("unit", OptionType::kString, "turn",
             "turn: one record per customer turn; call: one record per call"),
      Option("speakers", OptionType::kString, "customer",
             "customer: only customer turns are records; all: agent and system turns too"),
      Option("cdr_file", OptionType::kString, "",
             "Asterisk CDR CSV whose rows are joined to the calls by call id (uniqueid/linkedid)"),
      Option("timezone", OptionType::kString, "",
             "UTC offset of times written without a zone, e.g. +07:00 (empty: UTC; CDR: from uniqueid)"),
      Option("language", OptionType::kString, "", "BCP 47 tag for calls that do not name one"),
      Option("context_bytes", OptionType::kInteger, "1000",
             "Bound of the preceding-turn `context` attribute"),
      Option("max_turn_bytes", OptionType::kInteger, "1048576", "Longer turns are rejected"),
      Option("max_file_bytes", OptionType::kInteger, "268435456",
             "Larger files are refused (the file is read whole)"),
  };

  /// Stateless and thread-safe: recognises each format from `head`.
  static SniffResult Sniff(std::string_view path, std::string_view head);
  /// Validates options: InvalidArgument for an unknown format, unit,
  /// speakers or timezone, or a negative size.
  static Result<std::unique_ptr<CallCenterSource>> Create(const Host& host,
                                                          const OptionValues& options);

  /// Reads and parses `path` (and `cdr_file`). Errors: NotFound, IoError,
  /// NotSupported (auto format and the file is none of the five formats).
  Status Open(std::string_view path) override;
  Status NextBatch(RecordSink& sink, bool& at_end) override;
  /// Format, calls (`responses`, unit "calls"), records, rejects, and
  /// details: turns per role, speakers, metadata found, CDR joins.
  Result<Inspection> Inspect(std::string_view path) override;

  /// The parsed input, for tests (valid after Open).
  const ParsedInput& parsed() const { return parsed_; }

 private:
  CallCenterSource(const Host& host, const OptionValues& options);
  Status JoinCdr(const std::string& cdr_path);

  Host host_;
  std::string format_;
  std::optional<int> utc_offset_minutes_;
  std::string cdr_file_;
  size_t max_turn_bytes_ = 0;
  uint64_t max_file_bytes_ = 0;
  EmitOptions emit_;

  ParsedInput parsed_;
  size_t next_reject_ = 0;
  size_t next_call_ = 0;
  std::optional<CallEmitter> emitter_;  ///< over parsed_.calls[next_call_]
  size_t released_turns_ = 0;           ///< of that call, text already freed
  uint64_t record_number_ = 0;
  std::vector<std::pair<std::string, std::string>> join_details_;
};

/// Reads a whole file; IoError/NotFound with the path, InvalidArgument when
/// it is larger than `max_bytes`.
Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes);

/// "+07:00", "-05:30", "UTC", "Z", "+7" → minutes; nullopt when unreadable.
std::optional<int> ParseUtcOffset(std::string_view s);

}  // namespace cxmap::callcenter
