// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "cxmap/status.h"

namespace cxmap::core {

/// Incremental SHA-256 (OpenSSL libcrypto). Not thread-safe; one per job.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view bytes);
  /// Lower-case hex digest; the object cannot be updated afterwards.
  std::string HexDigest();

 private:
  void* ctx_;  // EVP_MD_CTX*, kept opaque so OpenSSL headers stay here
};

/// SHA-256 of a whole string, hex.
std::string Sha256Hex(std::string_view bytes);

/// SHA-256 of a file's content, hex, streamed; also returns its size.
Result<std::string> Sha256File(const std::string& path, uint64_t* size);

}  // namespace cxmap::core
