// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/wire_source.h"

namespace cxmap::core::wire {

namespace {

void PutAnswers(const std::vector<Answer>& answers, Writer* w) {
  w->U32(static_cast<uint32_t>(answers.size()));
  for (const Answer& a : answers) {
    w->Str(a.question);
    w->Str(a.question_text);
    w->U32(static_cast<uint32_t>(a.kind));
    w->Str(a.value);
    OptF64(w, a.number);
    w->U8(a.scale.has_value());
    w->F64(a.scale ? a.scale->first : 0);
    w->F64(a.scale ? a.scale->second : 0);
  }
}

bool GetAnswers(Reader* r, std::vector<Answer>* answers) {
  uint32_t n = 0;
  if (!r->U32(&n) || !r->Fits(n, 39)) return false;
  answers->resize(n);
  for (Answer& a : *answers) {
    uint32_t kind;
    uint8_t has_scale;
    double lo, hi;
    if (!r->Str(&a.question) || !r->Str(&a.question_text) || !r->U32(&kind) || !r->Str(&a.value) ||
        !OptF64(r, &a.number) || !r->U8(&has_scale) || !r->F64(&lo) || !r->F64(&hi)) {
      return false;
    }
    // The host checks the kind again (record_convert.h) like any plugin's.
    a.kind = static_cast<AnswerKind>(static_cast<int32_t>(kind));
    if (has_scale) a.scale = std::make_pair(lo, hi);
  }
  return true;
}

void PutRejections(const std::vector<Rejection>& list, Writer* w) {
  w->U32(static_cast<uint32_t>(list.size()));
  for (const Rejection& x : list) {
    w->Str(x.file);
    w->U64(x.line);
    w->Str(x.reason);
    w->Str(x.excerpt);
  }
}

bool GetRejections(Reader* r, std::vector<Rejection>* list) {
  uint32_t n = 0;
  if (!r->U32(&n) || !r->Fits(n, 20)) return false;
  list->resize(n);
  for (Rejection& x : *list) {
    if (!r->Str(&x.file) || !r->U64(&x.line) || !r->Str(&x.reason) || !r->Str(&x.excerpt)) {
      return false;
    }
  }
  return true;
}

void PutInspection(bool inspected, const Inspection& in, Writer* w) {
  w->U8(inspected);
  if (!inspected) return;
  w->Str(in.format);
  w->Str(in.encoding);
  w->Str(in.delimiter);
  w->U32(in.header_rows);
  w->U64(in.responses);
  w->Str(in.unit);
  w->U64(in.records);
  w->U64(in.rejected);
  w->U32(static_cast<uint32_t>(in.columns.size()));
  for (const InspectColumn& c : in.columns) {
    w->U32(c.index);
    w->Str(c.name);
    w->Str(c.role);
    w->Str(c.question);
  }
  w->U32(static_cast<uint32_t>(in.details.size()));
  for (const auto& [k, v] : in.details) {
    w->Str(k);
    w->Str(v);
  }
}

bool GetInspection(Reader* r, bool* inspected, Inspection* in) {
  uint8_t has = 0;
  if (!r->U8(&has)) return false;
  *inspected = has != 0;
  if (!*inspected) return true;
  uint32_t columns = 0, details = 0;
  if (!r->Str(&in->format) || !r->Str(&in->encoding) || !r->Str(&in->delimiter) ||
      !r->U32(&in->header_rows) || !r->U64(&in->responses) || !r->Str(&in->unit) ||
      !r->U64(&in->records) || !r->U64(&in->rejected) || !r->U32(&columns) ||
      !r->Fits(columns, 16)) {
    return false;
  }
  in->columns.resize(columns);
  for (InspectColumn& c : in->columns) {
    if (!r->U32(&c.index) || !r->Str(&c.name) || !r->Str(&c.role) || !r->Str(&c.question)) {
      return false;
    }
  }
  if (!r->U32(&details) || !r->Fits(details, 8)) return false;
  in->details.resize(details);
  for (auto& [k, v] : in->details) {
    if (!r->Str(&k) || !r->Str(&v)) return false;
  }
  return true;
}

}  // namespace

void EncodeSourceRequest(const SourceRequest& m, Writer* w) {
  w->Str(m.path);
  w->Str(m.display);
  w->Str(m.head);
  w->U32(static_cast<uint32_t>(m.options.size()));
  for (const auto& [k, v] : m.options) {
    w->Str(k);
    w->Str(v);
  }
  w->U64(m.hint);
  w->Str(m.token);
}

bool DecodeSourceRequest(std::string_view payload, SourceRequest* m) {
  Reader r(payload);
  uint32_t n = 0;
  if (!r.Str(&m->path) || !r.Str(&m->display) || !r.Str(&m->head) || !r.U32(&n) || !r.Fits(n, 8)) {
    return false;
  }
  for (uint32_t i = 0; i < n; ++i) {
    std::string k, v;
    if (!r.Str(&k) || !r.Str(&v)) return false;
    m->options[k] = v;
  }
  return r.U64(&m->hint) && r.Str(&m->token) && r.Done();
}

void EncodeSourceAnswer(const SourceAnswer& m, Writer* w) {
  w->U32(static_cast<uint32_t>(m.status.code()));
  w->Str(m.status.message());
  w->U32(static_cast<uint32_t>(m.logs.size()));
  for (const LogLine& l : m.logs) {
    w->U32(l.severity);
    w->Str(l.tag);
    w->Str(l.message);
  }
  w->F64(m.confidence);
  w->Str(m.format);
  w->Str(m.reason);
  w->U8(m.at_end);
  w->U64(m.bytes_done);
  w->U64(m.bytes_total);
  w->U32(static_cast<uint32_t>(m.records.size()));
  for (const FeedbackRecord& fr : m.records) {
    PutRecord(fr, w);
    PutAnswers(fr.rec.answers, w);
  }
  PutRejections(m.rejects, w);
  PutRejections(m.skips, w);
  PutInspection(m.inspected, m.inspection, w);
  w->U32(static_cast<uint32_t>(m.pieces.size()));
  for (const Piece& p : m.pieces) {
    w->Str(p.token);
    w->U64(p.bytes);
  }
}

bool DecodeSourceAnswer(std::string_view payload, SourceAnswer* m) {
  Reader r(payload);
  uint32_t code, logs, records;
  std::string message;
  if (!r.U32(&code) || code > static_cast<uint32_t>(Code::kInternal) || !r.Str(&message) ||
      !r.U32(&logs) || !r.Fits(logs, 12) || logs > kMaxLogLines + 1) {
    return false;
  }
  m->status = code == 0 ? Status::Ok() : Status(static_cast<Code>(code), std::move(message));
  m->logs.resize(logs);
  for (LogLine& l : m->logs) {
    if (!r.U32(&l.severity) || !r.Str(&l.tag) || !r.Str(&l.message)) return false;
  }
  uint8_t at_end;
  if (!r.F64(&m->confidence) || !r.Str(&m->format) || !r.Str(&m->reason) || !r.U8(&at_end) ||
      !r.U64(&m->bytes_done) || !r.U64(&m->bytes_total) || !r.U32(&records) ||
      !r.Fits(records, 68)) {
    return false;
  }
  m->at_end = at_end != 0;
  m->records.resize(records);
  for (FeedbackRecord& fr : m->records) {
    if (!GetRecord(&r, &fr) || !GetAnswers(&r, &fr.rec.answers)) return false;
  }
  uint32_t pieces = 0;
  if (!GetRejections(&r, &m->rejects) || !GetRejections(&r, &m->skips) ||
      !GetInspection(&r, &m->inspected, &m->inspection) || !r.U32(&pieces) ||
      !r.Fits(pieces, 12)) {
    return false;
  }
  m->pieces.resize(pieces);
  for (Piece& p : m->pieces) {
    if (!r.Str(&p.token) || !r.U64(&p.bytes)) return false;
  }
  return r.Done();
}

}  // namespace cxmap::core::wire
