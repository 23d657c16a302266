// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "cxmap/status.h"
#include "cxmap/support/utf8.h"

struct UConverter;

namespace cxmap::csv {

/// The encoding chosen for a whole file.
struct EncodingGuess {
  std::string name;         ///< ICU converter name: "UTF-8", "UTF-16LE", "windows-1258", ...
  size_t bom_length = 0;    ///< bytes of byte-order mark at the start of the file to skip
  double confidence = 0;    ///< 0..1
  std::string reason;       ///< for a person, e.g. "UTF-8 with BOM"
};

/// Guesses the encoding of a file from its first bytes, once per file.
/// Order: byte-order mark; UTF-16 by the parity of zero bytes; strict UTF-8
/// validation; else each legacy candidate (windows-1258, windows-874,
/// GB18030, Big5) is decoded and scored on how plausible its non-ASCII
/// characters are for its language; windows-1252 when none is plausible.
/// `is_whole_file` says the head is not cut mid-character. Thread-safe.
EncodingGuess DetectEncoding(std::string_view head, bool is_whole_file);

/// Length of the byte-order mark of `encoding` at the start of `head`, or 0.
size_t BomLength(std::string_view head, std::string_view encoding);

/// Checks that ICU knows `name` and returns its canonical spelling for
/// messages ("GBK" stays "GBK"). InvalidArgument when unknown.
Result<std::string> ValidateEncodingName(std::string_view name);

/// True when `s` is well-formed UTF-8. With `allow_truncated_tail` an
/// incomplete sequence at the very end (a cut sample) is accepted.
using support::IsValidUtf8;

/// Streaming conversion of one file's bytes to UTF-8 with an ICU converter.
/// UTF-8 input is passed through without a copy (validated later, per
/// value); bytes invalid in the source encoding become U+FFFD. Not
/// thread-safe; one decoder per file.
class Utf8Decoder {
 public:
  /// InvalidArgument when ICU has no converter of that name.
  static Result<std::unique_ptr<Utf8Decoder>> Create(std::string_view encoding);
  ~Utf8Decoder();
  Utf8Decoder(const Utf8Decoder&) = delete;
  Utf8Decoder& operator=(const Utf8Decoder&) = delete;

  /// Converts the next `input` bytes (continuing any character cut at the
  /// end of the previous call); `last` flushes. The returned view is valid
  /// until the next call and may alias `input`.
  Result<std::string_view> Decode(std::string_view input, bool last);

  bool passthrough() const { return source_ == nullptr; }

 private:
  Utf8Decoder() = default;
  UConverter* source_ = nullptr;  // null: UTF-8 passthrough
  UConverter* utf8_ = nullptr;
  std::unique_ptr<char16_t[]> pivot_;
  char16_t* pivot_source_ = nullptr;
  char16_t* pivot_target_ = nullptr;
  bool reset_ = true;
  std::string out_;
};

}  // namespace cxmap::csv
