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

#include "core/plugin_host/isolated_analysis.h"
#include "cxmap/strings.h"

namespace cxmap::core {
namespace fs = std::filesystem;

std::shared_ptr<DescriptorCopy> DescriptorCopy::Of(const cxmap_plugin_descriptor& d) {
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
    uint32_t fields = 0;
    if (!r.Str(&p.name) || !(p.descriptor = DescriptorCopy::Decode(&r)) || !r.U32(&fields) ||
        !r.Fits(fields, 16)) {
      return false;
    }
    for (uint32_t j = 0; j < fields; ++j) {
      FieldDecl f;
      uint32_t type = 0;
      if (!r.Str(&f.name) || !r.U32(&type) || !r.Str(&f.description) || !r.Str(&f.role)) return false;
      f.type = static_cast<int32_t>(type);
      p.fields.push_back(std::move(f));
    }
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
    DescriptorCopy::Of(*p.descriptor)->Encode(w);
    w->U32(static_cast<uint32_t>(p.fields.size()));
    for (const FieldDecl& f : p.fields) {
      w->Str(f.name);
      w->U32(static_cast<uint32_t>(f.type));
      w->Str(f.description);
      w->Str(f.role);
    }
  }
}

Result<ModuleProbe> ProbeModule(const fs::path& module, double timeout_s) {
  const std::string what = module.string();
  std::string binary = PluginHostBinary();
  if (binary.empty()) {
    return Status::NotFound(what + ": cannot read its plugins: cxmap-plugin-host is missing beside the "
                                   "cxmap binary; reinstall cxmap");
  }
  auto child = SpawnPluginHost(binary, {"--describe", module.string()}, what);
  if (!child.ok()) return child.status();
  const pid_t pid = child->pid;
  const int fd = child->fd;
  // Read until the child closes its end, within the time limit.
  std::string bytes;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  char buffer[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 100)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() > wire::kMaxFrameBytes) break;
  }
  ::close(fd);
  if (timed_out) ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::kill(-pid, SIGKILL);  // nothing a static initialiser forked outlives the probe
  if (timed_out) {
    return Status::Internal(fmt::format("{}: loading it took more than {} s; stopped (its static "
                                        "initialisers hang?)", what, timeout_s));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::Internal(fmt::format("{}: {} while loading (in its static initialisers or "
                                        "descriptor); its plugins are not available",
                                        what, DescribeExit(status)));
  }
  ModuleProbe probe;
  if (!DecodeProbe(bytes, &probe)) {
    return Status::Internal(what + ": the description of its plugins came back malformed");
  }
  return probe;
}

}  // namespace cxmap::core
