// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/wire_format.h"

#include <cstring>

namespace cxmap::core::wire {

void Writer::U32(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
}

void Writer::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
}

void Writer::F64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  U64(bits);
}

void Writer::Str(std::string_view s) {
  U32(static_cast<uint32_t>(s.size()));
  out_.append(s);
}

bool Reader::Take(size_t n, const char** p) {
  if (!ok_ || in_.size() < n) return ok_ = false;
  *p = in_.data();
  in_.remove_prefix(n);
  return true;
}

bool Reader::U8(uint8_t* v) {
  const char* p;
  if (!Take(1, &p)) return false;
  *v = static_cast<uint8_t>(*p);
  return true;
}

bool Reader::U32(uint32_t* v) {
  const char* p;
  if (!Take(4, &p)) return false;
  *v = 0;
  for (int i = 0; i < 4; ++i)
    *v |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return true;
}

bool Reader::U64(uint64_t* v) {
  const char* p;
  if (!Take(8, &p)) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i)
    *v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return true;
}

bool Reader::I64(int64_t* v) {
  uint64_t u;
  if (!U64(&u)) return false;
  *v = static_cast<int64_t>(u);
  return true;
}

bool Reader::F64(double* v) {
  uint64_t bits;
  if (!U64(&bits)) return false;
  std::memcpy(v, &bits, sizeof bits);
  return true;
}

bool Reader::Str(std::string* s) {
  uint32_t n;
  const char* p;
  if (!U32(&n) || !Take(n, &p)) return false;
  s->assign(p, n);
  return true;
}

// Optional numbers travel as a presence byte and the value.
void OptF64(Writer* w, const std::optional<double>& v) {
  w->U8(v.has_value());
  w->F64(v.value_or(0));
}

bool OptF64(Reader* r, std::optional<double>* v) {
  uint8_t has;
  double x;
  if (!r->U8(&has) || !r->F64(&x)) return false;
  *v = has ? std::optional<double>(x) : std::nullopt;
  return true;
}

void EncodeInit(const InitMessage& m, Writer* w) {
  w->U32(m.version);
  w->U8(static_cast<uint8_t>(m.role));
  w->Str(m.module_path);
  w->Str(m.plugin);
  w->U32(static_cast<uint32_t>(m.options.size()));
  for (const auto& [k, v] : m.options) {
    w->Str(k);
    w->Str(v);
  }
  w->U64(m.limits.text_bytes);
  w->U64(m.limits.value_bytes);
  w->U64(m.limits.evidence_items);
  w->U64(m.limits.evidence_bytes);
  w->U32(m.log_threshold);
}

bool DecodeInit(std::string_view payload, InitMessage* m) {
  Reader r(payload);
  uint32_t n = 0;
  uint8_t role = 0;
  if (!r.U32(&m->version) || m->version != kWireVersion || !r.U8(&role) ||
      role > static_cast<uint8_t>(ChildRole::kSource)) {
    return false;
  }
  m->role = static_cast<ChildRole>(role);
  if (!r.Str(&m->module_path) || !r.Str(&m->plugin) || !r.U32(&n) || !r.Fits(n, 8)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    std::string k, v;
    if (!r.Str(&k) || !r.Str(&v)) return false;
    m->options[k] = v;
  }
  uint64_t t, vb, ei, eb;
  if (!r.U64(&t) || !r.U64(&vb) || !r.U64(&ei) || !r.U64(&eb) || !r.U32(&m->log_threshold)) {
    return false;
  }
  m->limits = {t, vb, ei, eb};
  return r.Done();
}

void PutRecord(const FeedbackRecord& fr, Writer* w) {
  const Record& r = fr.rec;
  w->Str(fr.id);
  w->Str(r.external_id);
  w->U32(static_cast<uint32_t>(r.channel));
  w->Str(r.sub_channel);
  w->U8(r.time_unix_ms.has_value());
  w->I64(r.time_unix_ms.value_or(0));
  w->Str(r.language);
  w->Str(r.text);
  w->Str(r.respondent);
  w->Str(r.segment);
  for (const auto* s : {&r.nps, &r.csat, &r.ces, &r.rating}) OptF64(w, *s);
  w->U32(static_cast<uint32_t>(r.attributes.size()));
  for (const auto& [k, v] : r.attributes) {
    w->Str(k);
    w->Str(v);
  }
  w->Str(r.file);
  w->U64(r.line);
  w->U64(r.record_number);
  w->Str(r.response_id);
  w->U32(static_cast<uint32_t>(r.speaker_role));
}

bool GetRecord(Reader* in, FeedbackRecord* fr) {
  Reader& r = *in;
  Record& x = fr->rec;
  uint32_t channel, attrs, role;
  uint8_t has_time;
  int64_t time;
  if (!r.Str(&fr->id) || !r.Str(&x.external_id) || !r.U32(&channel) || !r.Str(&x.sub_channel) ||
      !r.U8(&has_time) || !r.I64(&time) || !r.Str(&x.language) || !r.Str(&x.text) ||
      !r.Str(&x.respondent) || !r.Str(&x.segment)) {
    return false;
  }
  x.channel = static_cast<Channel>(channel);
  if (has_time) x.time_unix_ms = time;
  for (auto* s : {&x.nps, &x.csat, &x.ces, &x.rating}) {
    if (!OptF64(&r, s)) return false;
  }
  if (!r.U32(&attrs) || !r.Fits(attrs, 8)) return false;
  for (uint32_t i = 0; i < attrs; ++i) {
    std::string k, v;
    if (!r.Str(&k) || !r.Str(&v)) return false;
    x.attributes.emplace_back(std::move(k), std::move(v));
  }
  if (!r.Str(&x.file) || !r.U64(&x.line) || !r.U64(&x.record_number) || !r.Str(&x.response_id) ||
      !r.U32(&role)) {
    return false;
  }
  x.speaker_role = static_cast<SpeakerRole>(role);
  return true;
}

void EncodeRecords(const std::vector<FeedbackRecord>& records, Writer* w) {
  w->U32(static_cast<uint32_t>(records.size()));
  for (const FeedbackRecord& fr : records) PutRecord(fr, w);
}

bool DecodeRecords(std::string_view payload, std::vector<FeedbackRecord>* records) {
  Reader r(payload);
  uint32_t n = 0;
  if (!r.U32(&n) || !r.Fits(n, 64)) return false;
  records->assign(n, FeedbackRecord{});
  for (FeedbackRecord& fr : *records) {
    if (!GetRecord(&r, &fr)) return false;
  }
  return r.Done();
}

void EncodeResults(const Status& status, const std::vector<ResultRow>& rows, Writer* w) {
  w->U32(static_cast<uint32_t>(status.code()));
  w->Str(status.message());
  w->U32(static_cast<uint32_t>(rows.size()));
  for (const ResultRow& row : rows) {
    w->U32(row.record_index);
    w->Str(row.field);
    w->U32(static_cast<uint32_t>(row.sentence));
    w->Str(row.sentence_text);
    w->U32(static_cast<uint32_t>(row.type));
    w->I64(row.integer);
    w->F64(row.real);
    w->Str(row.text);
    w->U32(static_cast<uint32_t>(row.evidence.size()));
    for (const auto& e : row.evidence) w->Str(e);
    w->U32(static_cast<uint32_t>(row.spans.size()));
    for (const ResultSpan& s : row.spans) {
      w->U64(s.begin);
      w->U64(s.end);
      w->U32(s.evidence);
    }
  }
}

bool DecodeResults(std::string_view payload, Status* status, std::vector<ResultRow>* rows,
                   const AnalysisLimits& limits) {
  Reader r(payload);
  uint32_t code, n;
  std::string message;
  if (!r.U32(&code) || !r.Str(&message) || !r.U32(&n) || !r.Fits(n, 48)) return false;
  if (code > static_cast<uint32_t>(Code::kInternal)) return false;
  *status = code == 0 ? Status::Ok() : Status(static_cast<Code>(code), std::move(message));
  rows->assign(n, ResultRow{});
  for (ResultRow& row : *rows) {
    uint32_t sentence, type, evidence, spans;
    if (!r.U32(&row.record_index) || !r.Str(&row.field) || !r.U32(&sentence) ||
        !r.Str(&row.sentence_text) || !r.U32(&type) || !r.I64(&row.integer) || !r.F64(&row.real) ||
        !r.Str(&row.text) || !r.U32(&evidence) || !r.Fits(evidence, 4) ||
        evidence > limits.evidence_items) {
      return false;
    }
    row.sentence = static_cast<int32_t>(sentence);
    row.type = static_cast<int32_t>(type);
    row.evidence.resize(evidence);
    for (auto& e : row.evidence) {
      if (!r.Str(&e)) return false;
    }
    if (!r.U32(&spans) || !r.Fits(spans, 20) || spans > 4 * limits.evidence_items) return false;
    row.spans.resize(spans);
    for (ResultSpan& s : row.spans) {
      uint64_t b, e;
      if (!r.U64(&b) || !r.U64(&e) || !r.U32(&s.evidence)) return false;
      s.begin = b;
      s.end = e;
    }
  }
  return r.Done();
}

}  // namespace cxmap::core::wire
