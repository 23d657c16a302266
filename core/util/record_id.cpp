// SPDX-License-Identifier: Apache-2.0
#include "core/util/record_id.h"

#include <filesystem>

#include "core/util/hash.h"

namespace cxmap::core {
namespace {
// Length-prefixing every part makes the hash input unambiguous
// ("a","bc" and "ab","c" differ).
void Part(Sha256& h, std::string_view s) {
  std::string len = std::to_string(s.size()) + ":";
  h.Update(len);
  h.Update(s);
}
}  // namespace

std::string MakeRecordId(std::string_view source, const Record& r) {
  std::string id(source);
  id.push_back(':');
  if (!r.external_id.empty()) return id.append(r.external_id);
  Sha256 h;
  Part(h, std::filesystem::path(r.file).filename().string());
  Part(h, std::to_string(r.record_number));
  Part(h, r.time_unix_ms ? std::to_string(*r.time_unix_ms) : "");
  Part(h, r.respondent);
  Part(h, r.text);
  for (const auto& [k, v] : r.attributes) {
    Part(h, k);
    Part(h, v);
  }
  return id.append("h:").append(h.HexDigest().substr(0, 32));
}

}  // namespace cxmap::core
