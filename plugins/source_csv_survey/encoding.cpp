// SPDX-License-Identifier: Apache-2.0
#include "encoding.h"

#include <unicode/ucnv.h>

#include <cstring>

#include "icu_status.h"

namespace cxmap::csv {
namespace {

constexpr size_t kPivotCapacity = 4096;

bool SameName(std::string_view a, std::string_view b) {
  return ucnv_compareNames(std::string(a).c_str(), std::string(b).c_str()) == 0;
}

}  // namespace

size_t BomLength(std::string_view head, std::string_view encoding) {
  auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
  if (SameName(encoding, "UTF-8") && starts("\xEF\xBB\xBF")) return 3;
  if (SameName(encoding, "UTF-16LE") && starts("\xFF\xFE")) return 2;
  if (SameName(encoding, "UTF-16BE") && starts("\xFE\xFF")) return 2;
  return 0;  // "UTF-16" and others consume their own signature
}

Result<std::string> ValidateEncodingName(std::string_view name) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(std::string(name).c_str(), &err);
  if (U_FAILURE(err) || cnv == nullptr) {
    return Status::InvalidArgument("unknown encoding '" + std::string(name) +
                                   "' (use an ICU converter name such as UTF-8, UTF-16LE, "
                                   "windows-1258, windows-874, GB18030, Big5, or auto)");
  }
  ucnv_close(cnv);
  return std::string(name);
}

Result<std::unique_ptr<Utf8Decoder>> Utf8Decoder::Create(std::string_view encoding) {
  std::unique_ptr<Utf8Decoder> d(new Utf8Decoder());
  if (SameName(encoding, "UTF-8")) return d;
  auto valid = ValidateEncodingName(encoding);
  if (!valid.ok()) return valid.status();
  UErrorCode err = U_ZERO_ERROR;
  d->source_ = ucnv_open(std::string(encoding).c_str(), &err);
  d->utf8_ = ucnv_open("UTF-8", &err);
  CXMAP_RETURN_IF_ERROR(FromIcu(err, "opening converter " + std::string(encoding)));
  d->pivot_ = std::make_unique<char16_t[]>(kPivotCapacity);
  d->pivot_source_ = d->pivot_target_ = d->pivot_.get();
  return d;
}

Utf8Decoder::~Utf8Decoder() {
  if (source_ != nullptr) ucnv_close(source_);
  if (utf8_ != nullptr) ucnv_close(utf8_);
}

Result<std::string_view> Utf8Decoder::Decode(std::string_view input, bool last) {
  if (passthrough()) return input;
  // Legacy CJK is at most 3 UTF-8 bytes per 2 input bytes, single-byte
  // encodings 3 per byte; start at 2x and grow on overflow.
  out_.resize(input.size() * 2 + 64);
  const char* src = input.data();
  const char* src_end = src + input.size();
  size_t written = 0;
  while (true) {
    char* target = out_.data() + written;
    UErrorCode err = U_ZERO_ERROR;
    ucnv_convertEx(utf8_, source_, &target, out_.data() + out_.size(), &src, src_end,
                   pivot_.get(), &pivot_source_, &pivot_target_, pivot_.get() + kPivotCapacity,
                   reset_, last, &err);
    reset_ = false;
    written = static_cast<size_t>(target - out_.data());
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      out_.resize(out_.size() * 2);
      continue;
    }
    CXMAP_RETURN_IF_ERROR(FromIcu(err, "decoding input"));
    break;
  }
  out_.resize(written);
  return std::string_view(out_);
}

}  // namespace cxmap::csv
