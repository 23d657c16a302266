// SPDX-License-Identifier: Apache-2.0
#include "core/storage/store_location.h"

#include <string>

namespace cxmap::core {

std::string RedactStoreUrl(std::string_view url) {
  std::string out(url);
  // scheme://user:password@host…: libpq ends the user info at the first '@'
  // before the path; the password is everything after the user's ':'. A
  // password may hold '?' or '#' when percent-encoding was skipped.
  const size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const size_t auth = scheme_end + 3;
    const size_t at = out.find('@', auth);
    const size_t slash = out.find('/', auth);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const size_t colon = out.find(':', auth);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // …?password=secret&sslpassword=…, and key=value strings.
  for (const std::string_view key : {"password=", "sslpassword="}) {
    for (size_t p = out.find(key); p != std::string::npos; p = out.find(key, p + 1)) {
      if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&' && out[p - 1] != ' ') continue;
      const size_t value = p + key.size();
      size_t end = out.find_first_of("& ", value);
      if (end == std::string::npos) end = out.size();
      out.replace(value, end - value, "***");
    }
  }
  return out;
}

Result<StoreLocation> ParseStoreLocation(std::string_view text) {
  if (text.empty()) return Status::InvalidArgument("empty store location");
  StoreLocation loc;
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    loc.kind = StoreLocation::Kind::kPostgres;
    loc.target = std::string(text);
    loc.display = RedactStoreUrl(text);
    return loc;
  }
  // A key=value connection string would otherwise become a file name,
  // password and all.
  for (const std::string_view key :
       {"host=", "hostaddr=", "dbname=", "user=", "service=", "port="}) {
    if (text.starts_with(key)) {
      return Status::InvalidArgument(
          "a key=value connection string is not a store: give it as a postgresql:// URL");
    }
  }
  if (text.starts_with("sqlite:")) text.remove_prefix(7);
  if (text.find("://") != std::string_view::npos) {
    const std::string shown = RedactStoreUrl(text);
    return Status::InvalidArgument("unknown store '" + shown.substr(0, shown.find("://")) +
                                   "://': use a SQLite file path or postgresql://…");
  }
  if (text.empty()) return Status::InvalidArgument("empty SQLite path in store location");
  loc.target = std::string(text);
  loc.display = loc.target;
  return loc;
}

}  // namespace cxmap::core
