// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/source_instance.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstddef>
#include <cstring>

#include "core/plugin_host/plugin_call.h"
#include "core/plugin_host/record_convert.h"
#include "core/util/files.h"
#include "core/util/stdin_spool.h"
#include "core/util/record_id.h"
#include "cxmap/strings.h"

namespace cxmap::core {

Result<std::string> ReadHead(const std::string& path, size_t max_bytes) {
  // Only regular files: a FIFO or a device would block or never end, and
  // what this read takes from a pipe the source would never see.
  Result<std::FILE*> opened = OpenRegularFile(path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<FILE, int (*)(FILE*)> f(*opened, &std::fclose);
  std::string head(max_bytes, '\0');
  head.resize(std::fread(head.data(), 1, max_bytes, f.get()));
  if (std::ferror(f.get())) return Status::IoError(path + ": read failed");
  return head;
}

SniffCandidate SniffOne(const PluginInfo& p, const std::string& path, std::string_view head) {
  auto vtable = p.Vtable();
  if (!vtable.ok()) return {p.name, 0, "", vtable.status().message()};
  auto* vt = static_cast<const cxmap_source_vtable*>(*vtable);
  cxmap_sniff_result r{};
  r.struct_size = sizeof(r);
  Status s = CallPlugin(p.name, "sniff", [&](cxmap_error*) {
    return vt->sniff(ToC(path), ToC(head), &r);
  });
  r.format[sizeof(r.format) - 1] = r.reason[sizeof(r.reason) - 1] = '\0';
  if (!s.ok()) return {p.name, 0, "", s.message()};
  return {p.name, std::clamp(r.confidence, 0.0, 1.0), r.format, r.reason};
}

Result<std::unique_ptr<SourceInstance>> SourceInstance::Create(const PluginInfo& plugin,
                                                               const OptionMap& options,
                                                               const std::atomic<bool>* cancelled,
                                                               ProgressFn progress) {
  std::unique_ptr<SourceInstance> self(new SourceInstance(
      &plugin, std::make_unique<HostContext>(plugin, cancelled, std::move(progress))));
  auto vtable = plugin.Vtable();
  if (!vtable.ok()) return vtable.status();
  self->vtable_ = static_cast<const cxmap_source_vtable*>(*vtable);
  CXMAP_RETURN_IF_ERROR(CreateWithOptions(plugin, options, self->vtable_->create,
                                          self->host_->c(), &self->instance_));
  return self;
}

SourceInstance::~SourceInstance() {
  if (instance_ == nullptr) return;
  try {
    vtable_->destroy(instance_);
  } catch (...) {  // a plugin's destructor must not take the engine down
  }
}

namespace {

// A plugin's message names a part of the input ("xl/sharedStrings.xml:
// …") or a line; the person reading it needs the file too. Its options
// were checked by Create(), so an invalid argument here is a bad input,
// not a bad command line (exit 3, not 2: docs/cli.md).
Status NamingFile(Status s, const std::string& path, const std::string& display) {
  if (s.ok()) return s;
  Code code = s.code() == Code::kInvalidArgument ? Code::kCorruption : s.code();
  std::string message = WithDisplayName(s.message(), path, display);
  if (display.empty() || message.find(display) != std::string::npos) return Status(code, message);
  return Status(code, display + ": " + message);
}

// The file name a plugin gave a record or reject, with the spool file's
// path replaced by the input's display name.
std::string Renamed(cxmap_str file, const std::string& path, const std::string& display) {
  std::string name = SafeExcerpt(FromC(file), 4096);
  return name == path ? display : name;
}

}  // namespace

Status SourceInstance::Open(const std::string& path, const std::string& display) {
  path_ = path;
  display_ = display.empty() ? path : display;
  if (display_ != path_) host_->RenameInLogs(path_, display_);
  return NamingFile(CallPlugin(plugin_->name, "open",
                               [&](cxmap_error* e) { return vtable_->open(instance_, ToC(path), e); }),
                    path_, display_);
}

namespace {

bool HasPieces(const cxmap_source_vtable* v) {
  constexpr size_t kEnd = offsetof(cxmap_source_vtable, open_piece) + sizeof(v->open_piece);
  return v->struct_size >= kEnd && v->split != nullptr && v->open_piece != nullptr;
}

}  // namespace

Result<std::vector<Piece>> SourceInstance::Split(const std::string& path, uint32_t parts) {
  std::vector<Piece> pieces;
  if (!HasPieces(vtable_) || parts < 2) return pieces;
  std::string bad;
  cxmap_piece_sink sink{sizeof(sink), &pieces, [](void* ctx, cxmap_str token, uint64_t bytes) {
                          auto* out = static_cast<std::vector<Piece>*>(ctx);
                          out->push_back({std::string(FromC(token)), bytes});
                        }};
  CXMAP_RETURN_IF_ERROR(NamingFile(CallPlugin(plugin_->name, "split", [&](cxmap_error* e) {
                                     return vtable_->split(instance_, ToC(path), parts, &sink, e);
                                   }),
                                   path, path));
  CXMAP_RETURN_IF_ERROR(CheckPieces(plugin_->name, path, pieces, parts));
  return pieces;
}

Status SourceInstance::OpenPiece(const std::string& path, const std::string& token,
                                 const std::string& display) {
  path_ = path;
  display_ = display.empty() ? path : display;
  if (display_ != path_) host_->RenameInLogs(path_, display_);
  if (!HasPieces(vtable_)) return SourceRunner::OpenPiece(path, token, display);
  return NamingFile(CallPlugin(plugin_->name, "open_piece",
                               [&](cxmap_error* e) {
                                 return vtable_->open_piece(instance_, ToC(path), ToC(token), e);
                               }),
                    path_, display_);
}

Status SourceInstance::Next(size_t hint, Batch& batch, bool* at_end) {
  cxmap_record_sink sink{sizeof(cxmap_record_sink), this, hint, &EmitThunk, &RejectThunk,
                         &ProgressThunk, &SkipThunk};
  current_ = &batch;
  int32_t end = 0;
  Status s = CallPlugin(plugin_->name, "next_batch", [&](cxmap_error* e) {
    return vtable_->next_batch(instance_, &sink, &end, e);
  });
  current_ = nullptr;
  *at_end = end != 0;
  return NamingFile(std::move(s), path_, display_);
}

namespace {

Inspection CopyInspection(const cxmap_inspection& c) {
  Inspection out;
  out.format = std::string(FromC(c.format));
  out.encoding = std::string(FromC(c.encoding));
  out.delimiter = std::string(FromC(c.delimiter));
  out.header_rows = c.header_rows;
  out.responses = c.responses;
  out.unit = std::string(FromC(c.unit));
  out.records = c.records;
  out.rejected = c.rejected;
  for (size_t i = 0; c.columns != nullptr && i < c.column_count; ++i) {
    const cxmap_inspect_column& col = c.columns[i];
    out.columns.push_back({col.index, std::string(FromC(col.name)), std::string(FromC(col.role)),
                           std::string(FromC(col.question))});
  }
  for (size_t i = 0; c.details != nullptr && i < c.detail_count; ++i) {
    out.details.emplace_back(FromC(c.details[i].key), FromC(c.details[i].value));
  }
  return SafeInspection(std::move(out));
}

}  // namespace

Result<Inspection> SourceInstance::Inspect(const std::string& path) {
  constexpr size_t kInspectEnd = offsetof(cxmap_source_vtable, inspect) + sizeof(vtable_->inspect);
  if (vtable_->struct_size >= kInspectEnd && vtable_->inspect != nullptr) {
    Inspection out;
    bool delivered = false;
    struct Ctx {
      Inspection* out;
      bool* delivered;
    } ctx{&out, &delivered};
    cxmap_inspection_sink sink{sizeof(sink), &ctx, [](void* p, const cxmap_inspection* c) {
                                 auto* x = static_cast<Ctx*>(p);
                                 if (c == nullptr || *x->delivered) return;
                                 *x->out = CopyInspection(*c);
                                 *x->delivered = true;
                               }};
    CXMAP_RETURN_IF_ERROR(NamingFile(CallPlugin(plugin_->name, "inspect", [&](cxmap_error* e) {
                                       return vtable_->inspect(instance_, ToC(path), &sink, e);
                                     }),
                                     path, path));
    if (!delivered) return Status::Internal(plugin_->name + ": inspect() returned no inspection");
    return out;
  }
  // A 1.0 source: read it through, counting.
  CXMAP_RETURN_IF_ERROR(Open(path));
  Inspection out;
  for (bool at_end = false; !at_end;) {
    Batch batch;
    CXMAP_RETURN_IF_ERROR(Next(4096, batch, &at_end));
    out.records += batch.records.size();
    out.rejected += batch.rejects.size();
  }
  out.responses = out.records;
  return SafeInspection(std::move(out));
}

int32_t SourceInstance::EmitThunk(void* ctx, const cxmap_record* record) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ == nullptr || record == nullptr) return CXMAP_INVALID_ARGUMENT;
  FeedbackRecord fr;
  fr.source = self->plugin_->name;
  Status s = CopyRecordFromPlugin(*record, &fr.rec);
  if (!s.ok()) {
    // The host cannot trust this record: it becomes a reject, never a crash.
    self->current_->rejects.push_back({Renamed(record->file, self->path_, self->display_), record->line,
                                       s.message(), SafeExcerpt(FromC(record->text))});
    return CXMAP_OK;
  }
  if (fr.rec.file == self->path_) fr.rec.file = self->display_;
  fr.id = MakeRecordId(fr.source, fr.rec);
  self->current_->records.push_back(std::move(fr));
  return CXMAP_OK;
}

void SourceInstance::RejectThunk(void* ctx, const cxmap_reject* r) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ == nullptr || r == nullptr) return;
  self->current_->rejects.push_back({Renamed(r->file, self->path_, self->display_), r->line,
                                     SafeExcerpt(FromC(r->reason), 1000), SafeExcerpt(FromC(r->excerpt))});
}

void SourceInstance::SkipThunk(void* ctx, const cxmap_reject* r) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ == nullptr || r == nullptr) return;
  self->current_->skips.push_back({Renamed(r->file, self->path_, self->display_), r->line,
                                   SafeExcerpt(FromC(r->reason), 1000), ""});
}

void SourceInstance::ProgressThunk(void* ctx, uint64_t done, uint64_t total) {
  auto* self = static_cast<SourceInstance*>(ctx);
  if (self->current_ != nullptr) {
    self->current_->bytes_done = done;
    self->current_->bytes_total = total;
  }
}

}  // namespace cxmap::core
