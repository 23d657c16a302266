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

}  // namespace cxmap::callcenter
