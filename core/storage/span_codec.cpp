// SPDX-License-Identifier: Apache-2.0
#include "core/storage/span_codec.h"

#include <cstdint>
#include <limits>

namespace cxmap::core {

namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    const auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;  // longer than any 64-bit value
}

}  // namespace

std::string EncodeSpans(const std::vector<ResultSpan>& spans) {
  std::string out;
  int64_t prev_end = 0, prev_evidence = -1;
  for (const ResultSpan& s : spans) {
    PutVarint(ZigZag(static_cast<int64_t>(s.begin) - prev_end), &out);
    const int64_t skip = static_cast<int64_t>(s.evidence) - prev_evidence - 1;
    PutVarint(static_cast<uint64_t>(s.end - s.begin) << 1 | (skip != 0 ? 1 : 0), &out);
    if (skip != 0) PutVarint(ZigZag(skip), &out);
    prev_end = static_cast<int64_t>(s.end);
    prev_evidence = s.evidence;
  }
  return out;
}

Result<std::vector<ResultSpan>> DecodeSpans(std::string_view blob) {
  std::vector<ResultSpan> spans;
  int64_t prev_end = 0, prev_evidence = -1;
  constexpr int64_t kMaxOffset = std::numeric_limits<int64_t>::max() / 4;
  while (!blob.empty()) {
    uint64_t gap = 0, length = 0, skip = 0;
    if (!GetVarint(&blob, &gap) || !GetVarint(&blob, &length) ||
        ((length & 1) != 0 && !GetVarint(&blob, &skip))) {
      return Status::Corruption("evidence spans: truncated or overlong number");
    }
    const int64_t move = UnZigZag(gap), jump = UnZigZag(skip);
    if (move > kMaxOffset || move < -kMaxOffset || jump > kMaxOffset || jump < -kMaxOffset) {
      return Status::Corruption("evidence spans: offset or evidence index out of range");
    }
    const int64_t begin = prev_end + move;  // no overflow: each term is within kMaxOffset
    const int64_t evidence = prev_evidence + 1 + jump;
    length >>= 1;
    if (begin < 0 || begin > kMaxOffset || length > static_cast<uint64_t>(kMaxOffset) ||
        evidence < 0 || evidence > std::numeric_limits<uint32_t>::max()) {
      return Status::Corruption("evidence spans: offset or evidence index out of range");
    }
    ResultSpan s;
    s.begin = static_cast<size_t>(begin);
    s.end = static_cast<size_t>(begin + static_cast<int64_t>(length));
    s.evidence = static_cast<uint32_t>(evidence);
    spans.push_back(s);
    prev_end = static_cast<int64_t>(s.end);
    prev_evidence = evidence;
  }
  return spans;
}

}  // namespace cxmap::core
