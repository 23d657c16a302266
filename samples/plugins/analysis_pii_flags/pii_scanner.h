// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cxmap_samples {

enum class PiiKind { kEmail, kPhone, kCard };

/// "email", "phone" or "card".
std::string_view PiiKindName(PiiKind kind);

/// One piece of personal data found in a text.
struct PiiMatch {
  PiiKind kind;
  /// For phones: "vn", "th", "cn", "vn|th" (a 08x/09x local number with no
  /// language hint: both countries use that shape) or "intl"; else empty.
  std::string_view region;
  size_t begin = 0;  ///< byte offset of the first byte in the scanned text
  size_t end = 0;    ///< byte offset one past the last byte
  /// The match with its identifying characters replaced by '*'. Never
  /// holds the raw value: phones keep two leading and two trailing digits
  /// (or "+<country code>"), cards the last four, e-mail the first letter
  /// of the mailbox and of the domain plus the top-level domain.
  std::string masked;
};

/// What to look for. `language_hint` is the record's BCP 47 tag ("vi",
/// "th-TH"...) and only decides the region of ambiguous local phones.
struct ScanOptions {
  bool emails = true;
  bool phones = true;
  bool cards = true;
  std::string_view language_hint;
};

/// Finds e-mail addresses, phone numbers (Vietnam 0xx / +84, Thailand
/// 0x-xxx-xxxx / +66, China 1xx mobile / +86, other +country numbers) and
/// card-like digit runs of 13-19 digits that pass the Luhn check, in UTF-8
/// `text`. Returns non-overlapping matches in text order. Pure function:
/// thread-safe; linear in the size of `text`.
std::vector<PiiMatch> ScanPii(std::string_view text, const ScanOptions& options);

/// `text` with every match replaced by its `masked` form. `matches` must be
/// as returned by ScanPii for the same text.
std::string MaskText(std::string_view text, const std::vector<PiiMatch>& matches);

/// True when the decimal `digits` pass the Luhn (mod 10) check.
bool LuhnValid(std::string_view digits);

}  // namespace cxmap_samples
