// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/module_probe.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "core/plugin_host/plugin_process.h"
#include "cxmap/strings.h"

namespace cxmap::core {
namespace fs = std::filesystem;

std::shared_ptr<DescriptorCopy> DescriptorCopy::Of(const cxmap_plugin_descriptor& d,
                                                   const std::vector<FieldDecl>& fields) {
  auto copy = std::make_shared<DescriptorCopy>();
  copy->struct_size_ = d.struct_size;
  copy->abi_major_ = d.abi_major;
  copy->abi_minor_ = d.abi_minor;
  copy->kind_ = d.kind;
  copy->name_ = FromC(d.name);
  copy->version_ = FromC(d.version);
  copy->description_ = FromC(d.description);
  copy->vendor_ = FromC(d.vendor);
  for (size_t i = 0; i < d.option_count; ++i) {
    const cxmap_option_decl& o = d.options[i];
    copy->options_.push_back({std::string(FromC(o.name)), std::string(FromC(o.default_value)),
                              std::string(FromC(o.help)), o.type});
  }
  copy->fields_ = fields;
  copy->Bind();
  return copy;
}

void DescriptorCopy::Bind() {
  c_options_.clear();
  for (const Option& o : options_) {
    cxmap_option_decl d{};
    d.struct_size = sizeof(cxmap_option_decl);
    d.name = ToC(o.name);
    d.type = o.type;
    d.default_value = ToC(o.default_value);
    d.help = ToC(o.help);
    c_options_.push_back(d);
  }
  c_fields_.clear();
  for (const FieldDecl& f : fields_) {
    cxmap_field_decl d{};
    d.struct_size = sizeof(cxmap_field_decl);
    d.name = ToC(f.name);
    d.type = f.type;
    d.description = ToC(f.description);
    d.role = ToC(f.role);
    c_fields_.push_back(d);
  }
  c_ = {};
  c_.struct_size = struct_size_;
  c_.abi_major = abi_major_;
  c_.abi_minor = abi_minor_;
  c_.kind = kind_;
  c_.name = ToC(name_);
  c_.version = ToC(version_);
  c_.description = ToC(description_);
  c_.vendor = ToC(vendor_);
  c_.options = c_options_.empty() ? nullptr : c_options_.data();
  c_.option_count = c_options_.size();
  c_.fields = c_fields_.empty() ? nullptr : c_fields_.data();
  c_.field_count = c_fields_.size();
  c_.vtable = nullptr;  // the code stays in the module until Vtable() loads it
}

void DescriptorCopy::Encode(wire::Writer* w) const {
  w->U32(struct_size_);
  w->U32(abi_major_);
  w->U32(abi_minor_);
  w->U32(static_cast<uint32_t>(kind_));
  for (const std::string* s : {&name_, &version_, &description_, &vendor_}) w->Str(*s);
  w->U32(static_cast<uint32_t>(options_.size()));
  for (const Option& o : options_) {
    w->Str(o.name);
    w->Str(o.default_value);
    w->Str(o.help);
    w->U32(static_cast<uint32_t>(o.type));
  }
  w->U32(static_cast<uint32_t>(fields_.size()));
  for (const FieldDecl& f : fields_) {
    w->Str(f.name);
    w->U32(static_cast<uint32_t>(f.type));
    w->Str(f.description);
    w->Str(f.role);
  }
}

std::shared_ptr<DescriptorCopy> DescriptorCopy::Decode(wire::Reader* r) {
  auto copy = std::make_shared<DescriptorCopy>();
  uint32_t major = 0, minor = 0, kind = 0, count = 0;
  if (!r->U32(&copy->struct_size_) || !r->U32(&major) || !r->U32(&minor) || !r->U32(&kind) ||
      !r->Str(&copy->name_) || !r->Str(&copy->version_) || !r->Str(&copy->description_) ||
      !r->Str(&copy->vendor_) || !r->U32(&count) || !r->Fits(count, 16)) {
    return nullptr;
  }
  copy->abi_major_ = static_cast<uint16_t>(major);
  copy->abi_minor_ = static_cast<uint16_t>(minor);
  copy->kind_ = static_cast<int32_t>(kind);
  for (uint32_t i = 0; i < count; ++i) {
    Option o;
    uint32_t type = 0;
    if (!r->Str(&o.name) || !r->Str(&o.default_value) || !r->Str(&o.help) || !r->U32(&type)) return nullptr;
    o.type = static_cast<int32_t>(type);
    copy->options_.push_back(std::move(o));
  }
  if (!r->U32(&count) || !r->Fits(count, 16)) return nullptr;
  for (uint32_t i = 0; i < count; ++i) {
    FieldDecl f;
    uint32_t type = 0;
    if (!r->Str(&f.name) || !r->U32(&type) || !r->Str(&f.description) || !r->Str(&f.role)) return nullptr;
    f.type = static_cast<int32_t>(type);
    copy->fields_.push_back(std::move(f));
  }
  copy->Bind();
  return copy;
}

namespace {

void EncodeStrings(const std::vector<std::string>& list, wire::Writer* w) {
  w->U32(static_cast<uint32_t>(list.size()));
  for (const std::string& s : list) w->Str(s);
}

bool DecodeStrings(wire::Reader* r, std::vector<std::string>* list) {
  uint32_t n = 0;
  if (!r->U32(&n) || !r->Fits(n, 4)) return false;
  list->resize(n);
  for (std::string& s : *list) {
    if (!r->Str(&s)) return false;
  }
  return true;
}

bool DecodeProbe(std::string_view bytes, ModuleProbe* out) {
  wire::Reader r(bytes);
  if (!DecodeStrings(&r, &out->problems) || !DecodeStrings(&r, &out->skipped)) return false;
  uint32_t n = 0;
  if (!r.U32(&n) || !r.Fits(n, 16)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    ProbedPlugin p;
    if (!r.Str(&p.name) || !(p.descriptor = DescriptorCopy::Decode(&r))) return false;
    out->plugins.push_back(std::move(p));
  }
  return r.Done();
}

}  // namespace

void EncodeProbe(const PluginRegistry& registry, wire::Writer* w) {
  EncodeStrings(registry.problems(), w);
  EncodeStrings(registry.skipped(), w);
  w->U32(static_cast<uint32_t>(registry.plugins().size()));
  for (const PluginInfo& p : registry.plugins()) {
    w->Str(p.name);
    DescriptorCopy::Of(*p.descriptor, p.fields)->Encode(w);
  }
}

Result<ModuleProbe> ProbeModule(const fs::path& module, const std::vector<std::string>& names,
                                double timeout_s) {
  const std::string what = module.string();
  std::string binary = PluginHostBinary();
  if (binary.empty()) {
    return Status::NotFound(what + ": cannot read its plugins: cxmap-plugin-host is missing beside the "
                                   "cxmap binary; reinstall cxmap");
  }
  std::vector<std::string> args = {"--describe", module.string()};
  args.insert(args.end(), names.begin(), names.end());
  auto child = SpawnPluginHost(binary, args, what);
  if (!child.ok()) return child.status();
  const pid_t pid = child->pid;
  const int fd = child->fd;
  // One message, its length first: read until it is complete (a process
  // the module forked may hold the socket open long after), the child
  // closes it, or the time limit passes.
  std::string bytes;
  uint32_t size = 0;
  bool complete = false, timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  auto left_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
        .count();
  };
  char buffer[65536];
  while (!complete) {
    if (left_ms() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left_ms(), 100)));
    if (ready <= 0) continue;
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() >= 4) {
      std::memcpy(&size, bytes.data(), 4);
      if (size > wire::kMaxFrameBytes) break;
      complete = bytes.size() >= 4 + size_t{size};
    }
  }
  ::close(fd);
  // The child exits as soon as it has written; give it until the deadline.
  int status = 0;
  bool reaped = false;
  while (!timed_out) {
    pid_t got = ::waitpid(pid, &status, WNOHANG);
    if (got == pid) {
      reaped = true;
      break;
    }
    if (got < 0 && errno != EINTR) break;
    if (left_ms() <= 0) {
      timed_out = !complete;  // with its answer complete, a child stuck on the way out is just killed
      break;
    }
    ::usleep(2000);
  }
  ::kill(-pid, SIGKILL);  // nothing the module forked outlives the probe
  if (!reaped) ::waitpid(pid, &status, 0);
  if (timed_out) {
    return Status::Internal(fmt::format("{}: loading it took more than {} s; stopped (its static "
                                        "initialisers hang?)", what, timeout_s));
  }
  if (!complete && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
    return Status::Internal(fmt::format("{}: {} while loading (in its static initialisers or "
                                        "descriptor); its plugins are not available",
                                        what, DescribeExit(status)));
  }
  ModuleProbe probe;
  if (!complete || bytes.size() != 4 + size_t{size} ||
      !DecodeProbe(std::string_view(bytes).substr(4, size), &probe)) {
    return Status::Internal(what + ": the description of its plugins came back malformed");
  }
  return probe;
}

}  // namespace cxmap::core
