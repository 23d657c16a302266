// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "call_model.h"
#include "cxmap/record.h"

namespace cxmap::callcenter {

/// How calls become feedback records.
struct EmitOptions {
  bool per_call = false;        ///< unit=call: one record per call
  bool include_agents = false;  ///< speakers=all: agent and system turns as records too
  size_t context_bytes = 1000;  ///< bound of the `context` attribute
  std::string file;             ///< provenance of every record
  std::string default_language;
};

/// Appends the records of `call` to `out`, numbering them from
/// `record_number` (advanced). Per turn (default): one record per customer
/// turn, the preceding agent turn as attribute `context`. A call whose
/// speakers all have unknown roles becomes one record with the whole
/// conversation either way (attribute speaker_roles=unknown), so agent
/// speech is never scored as customer feedback by mistake. A call without
/// turns (CDR row, log record) becomes one record with empty text that
/// carries the call metadata. Attribute names are listed in README.md.
void CallToRecords(const Call& call, const EmitOptions& options, uint64_t& record_number,
                   std::vector<Record>& out);

/// CallToRecords a bounded number of records at a time: a transcript that is
/// one call of a million turns must not become a million records in memory
/// at once. The context of the next turn is carried as text, so turns already
/// emitted may be released by the caller (see `emitted_turns`).
class CallEmitter {
 public:
  CallEmitter(const Call& call, const EmitOptions& options);

  /// Appends at most `max` (>= 1) records to `out`; true once the call is done.
  bool Next(uint64_t& record_number, size_t max, std::vector<Record>& out);

  /// Turns [0, emitted_turns()) are behind the cursor and no longer read.
  size_t emitted_turns() const { return next_turn_; }

 private:
  const Call& call_;
  const EmitOptions& options_;
  bool roles_known_ = false;  ///< some turn is the customer's or an agent's
  bool per_turn_ = false;
  size_t next_turn_ = 0;
  std::string last_agent_, last_customer_;  ///< the `context` of the next turn
  bool has_agent_ = false, has_customer_ = false;
};

}  // namespace cxmap::callcenter
