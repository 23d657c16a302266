// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/plugin_registry.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <cstdlib>
#include <system_error>

#include "core/plugin_host/abi_sizes.h"
#include "core/plugin_host/module_probe.h"
#include "core/util/files.h"
#include "core/util/log.h"
#include "cxmap/support/utf8.h"
#include "cxmap/strings.h"

namespace cxmap::core {
namespace fs = std::filesystem;

/// The in-process half of a probed module: loaded on first use.
struct LazyModule {
  fs::path path;
  std::string symbol, name;
  int32_t kind = 0;
  std::mutex mu;
  bool tried = false;
  std::shared_ptr<Module> module;
  Result<const void*> vtable = Status::Internal("not loaded");

  Result<const void*> Load() {
    std::lock_guard<std::mutex> lock(mu);
    if (tried) return vtable;
    tried = true;
    vtable = LoadOnce();
    // A refusal here (a folder made writable since the probe) is a failed
    // plugin, never a usage error: InvalidArgument would read as exit 2.
    if (!vtable.ok() && vtable.status().code() == Code::kInvalidArgument) {
      vtable = Status::Internal(vtable.status().message());
    }
    return vtable;
  }

 private:
  Result<const void*> LoadOnce() {
    // The file may have changed since the probe read it: check it again.
    std::error_code ec;
    fs::path real = fs::canonical(path, ec);
    if (ec) return Status::NotFound(path.string() + ": " + ec.message());
    CXMAP_RETURN_IF_ERROR(CheckLoadablePath(real));
    CXMAP_RETURN_IF_ERROR(CheckLoadablePath(real.parent_path()));
    auto loaded = Module::Load(path);
    if (!loaded.ok()) return loaded.status();
    auto desc = (*loaded)->Descriptor(symbol);
    if (!desc.ok()) return desc.status();
    const cxmap_plugin_descriptor* d = *desc;
    if (d->struct_size < kDescriptorSizeV1_0 || d->abi_major != CXMAP_ABI_MAJOR || FromC(d->name) != name ||
        d->kind != kind || d->vtable == nullptr) {
      return Status::Internal(fmt::format("plugin {} in {}: its descriptor changed since it was read",
                                          name, path.string()));
    }
    module = *loaded;
    return d->vtable;
  }
};

Result<const void*> PluginInfo::Vtable() const {
  if (lazy == nullptr) return descriptor->vtable;
  return lazy->Load();
}

std::string_view PluginInfo::version() const { return FromC(descriptor->version); }
std::string_view PluginInfo::description() const { return FromC(descriptor->description); }
std::string_view PluginInfo::vendor() const { return FromC(descriptor->vendor); }

std::string_view KindName(int32_t kind) {
  switch (kind) {
    case CXMAP_KIND_SOURCE: return "source";
    case CXMAP_KIND_ANALYSIS: return "analysis";
    default: return "unknown";
  }
}

namespace {

/// Splits "cxmap_v<major>_<name>"; false if the symbol is not one of ours.
bool ParseSymbol(const std::string& symbol, unsigned* major, std::string* name) {
  std::string_view s(symbol);
  constexpr std::string_view kPrefix = CXMAP_SYMBOL_PREFIX;
  if (s.substr(0, kPrefix.size()) != kPrefix) return false;
  s.remove_prefix(kPrefix.size());
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *major);
  if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != '_') return false;
  *name = std::string(ptr + 1, s.data() + s.size());
  return !name->empty();
}

}  // namespace

std::vector<fs::path> PluginSearchPath(const std::vector<std::string>& cli_dirs) {
  std::vector<fs::path> dirs(cli_dirs.begin(), cli_dirs.end());
  if (const char* env = std::getenv("CXMAP_PLUGIN_PATH")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string_view part = rest.substr(0, colon);
      if (!part.empty()) dirs.emplace_back(part);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  fs::path exe_dir = ExecutableDir();
  if (!exe_dir.empty()) dirs.push_back((exe_dir / ".." / CXMAP_PLUGIN_RELDIR).lexically_normal());
  return dirs;
}

Status CheckLoadablePath(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound(path.string() + ": cannot stat");
  const char* what = S_ISDIR(st.st_mode) ? "folder" : "file";
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return Status::InvalidArgument(fmt::format(
        "refusing to load plugins from {} {}: it is {}-writable (mode {:o}), so anyone could "
        "plant code there; run `chmod go-w {}` if you trust it",
        what, path.string(), (st.st_mode & S_IWOTH) ? "world" : "group", st.st_mode & 07777,
        path.string()));
  }
  if (st.st_uid != 0 && st.st_uid != ::geteuid()) {
    return Status::InvalidArgument(fmt::format(
        "refusing to load plugins from {} {}: owned by uid {}, neither root nor you", what,
        path.string(), st.st_uid));
  }
  return Status::Ok();
}

void PluginRegistry::ScanDirectory(const fs::path& dir, bool must_exist,
                                   const std::vector<std::string_view>* bundled) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (must_exist) problems_.push_back("plugin folder " + dir.string() + " does not exist");
    return;
  }
  // --plugin-dir and CXMAP_PLUGIN_PATH may name one folder twice (or by a
  // link): its plugins are not duplicates of themselves.
  fs::path canonical = fs::canonical(dir, ec);
  if (ec) canonical = dir;
  if (std::find(scanned_.begin(), scanned_.end(), canonical) != scanned_.end()) return;
  scanned_.push_back(canonical);
  if (Status s = CheckLoadablePath(dir); !s.ok()) {
    problems_.push_back(s.message());
    return;
  }
  std::vector<fs::path> modules;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".so") modules.push_back(entry.path());
  }
  std::sort(modules.begin(), modules.end());  // deterministic order and messages
  for (const auto& m : modules) {
    const std::string stem = m.stem().string();
    AddModule(m, bundled != nullptr &&
                     std::find(bundled->begin(), bundled->end(), stem) != bundled->end());
  }
}

void PluginRegistry::AddModule(const fs::path& module, bool bundled) {
  if (Status s = CheckLoadablePath(module); !s.ok()) return problems_.push_back(s.message());
  if (Status s = CheckLoadablePath(module.parent_path().empty() ? "." : module.parent_path());
      !s.ok()) {
    return problems_.push_back(s.message());
  }
  // A link in a safe folder may lead to a file in an unsafe one: check the
  // file that would really be mapped and the folder it is really in.
  std::error_code ec;
  fs::path real = fs::canonical(module, ec);
  if (ec) return problems_.push_back(module.string() + ": cannot resolve: " + ec.message());
  if (real != fs::absolute(module).lexically_normal()) {
    if (Status s = CheckLoadablePath(real); !s.ok()) {
      return problems_.push_back(module.string() + " links to " + real.string() + ": " +
                                 s.message());
    }
    if (Status s = CheckLoadablePath(real.parent_path()); !s.ok()) {
      return problems_.push_back(module.string() + " links to " + real.string() + ": " +
                                 s.message());
    }
  }
  auto symbols = ListPluginSymbols(module);
  if (!symbols.ok()) {
    // Not fatal (a folder may hold other shared objects), but never silent.
    skipped_.push_back(symbols.status().message());
    return;
  }
  // Decide everything we can from symbol names before loading: no plugin
  // code (not even static initialisers) runs for a refused module.
  std::vector<std::pair<std::string, std::string>> accepted;  // symbol, name
  for (const auto& symbol : *symbols) {
    unsigned major = 0;
    std::string name;
    if (!ParseSymbol(symbol, &major, &name)) continue;
    if (!only_.empty() && std::find(only_.begin(), only_.end(), name) == only_.end()) continue;
    if (major != CXMAP_ABI_MAJOR) {
      problems_.push_back(fmt::format(
          "plugin {} in {} was built for plugin ABI {}, but this cxmap speaks ABI {}; rebuild it "
          "against cxmap SDK {}.x",
          name, module.string(), major, CXMAP_ABI_MAJOR, CXMAP_ABI_MAJOR));
      continue;
    }
    if (std::find(disabled_.begin(), disabled_.end(), name) != disabled_.end()) {
      disabled_found_.push_back(name);
      continue;
    }
    // A second plugin of a known name is refused here, from the symbol,
    // before its module's constructors get a chance to run.
    if (const PluginInfo* other = Find(name)) {
      problems_.push_back(fmt::format(
          "two plugins are named {}: {} and {}; remove one or give it another name", name,
          other->module_path.string(), module.string()));
      continue;
    }
    accepted.emplace_back(symbol, name);
  }
  if (accepted.empty()) return;
  if (!bundled && probe_timeout_s_ > 0) return AddProbed(module, accepted);
  auto loaded = Module::Load(module);
  if (!loaded.ok()) return problems_.push_back(loaded.status().message());
  for (const auto& [symbol, name] : accepted) AddPlugin(module, *loaded, symbol, name, bundled);
}

void PluginRegistry::AddProbed(const fs::path& module,
                               const std::vector<std::pair<std::string, std::string>>& accepted) {
  std::vector<std::string> names;
  for (const auto& a : accepted) names.push_back(a.second);
  auto probe = ProbeModule(module, names, probe_timeout_s_);
  // A module that crashes or hangs while loading is left out with a
  // warning, like a broken .so: every other plugin stays usable.
  if (!probe.ok()) return skipped_.push_back(probe.status().message());
  for (const std::string& p : probe->problems) {
    // The child repeats what the symbol names already told (an ABI major).
    if (std::find(problems_.begin(), problems_.end(), p) == problems_.end()) problems_.push_back(p);
  }
  for (const std::string& s : probe->skipped) skipped_.push_back(s);
  for (ProbedPlugin& p : probe->plugins) {
    auto it = std::find_if(accepted.begin(), accepted.end(), [&](const auto& a) { return a.second == p.name; });
    if (it == accepted.end()) continue;  // disabled, or refused above
    auto lazy = std::make_shared<LazyModule>();
    lazy->path = module;
    lazy->symbol = it->first;
    lazy->name = p.name;
    lazy->kind = p.descriptor->c().kind;
    // The copy came from a process running the module's code: checked
    // exactly as a descriptor read here is.
    Accept(PluginInfo{p.name, 0, module, module.parent_path() / p.name, &p.descriptor->c(), nullptr, {}, false,
                      p.descriptor, std::move(lazy)});
  }
}

void PluginRegistry::AddPlugin(const fs::path& module, const std::shared_ptr<Module>& loaded,
                               const std::string& symbol, const std::string& name, bool bundled) {
  auto desc = loaded->Descriptor(symbol);
  if (!desc.ok()) return problems_.push_back(desc.status().message());
  Accept(PluginInfo{name, 0, module, module.parent_path() / name, *desc, loaded, {}, bundled});
}

void PluginRegistry::Accept(PluginInfo info) {
  const cxmap_plugin_descriptor* d = info.descriptor;
  const std::string& name = info.name;
  const std::string module = info.module_path.string();
  // Every field read below exists in 1.0; fields a later minor appends must
  // be read only when struct_size covers them.
  if (d->struct_size < kDescriptorSizeV1_0 || d->abi_major != CXMAP_ABI_MAJOR) {
    return problems_.push_back(fmt::format(
        "plugin {} in {} declares plugin ABI {}.{} (descriptor of {} bytes), but this cxmap "
        "speaks ABI {}.{}; rebuild it against the installed SDK",
        name, module, d->abi_major, d->abi_minor, d->struct_size, CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR));
  }
  // A probed copy has no vtable: its module is loaded when one is needed.
  if (FromC(d->name) != name || (d->kind != CXMAP_KIND_SOURCE && d->kind != CXMAP_KIND_ANALYSIS) ||
      (d->vtable == nullptr && info.lazy == nullptr)) {
    return problems_.push_back(fmt::format("plugin {} in {}: malformed descriptor (name '{}', kind {})", name,
                                           module, FromC(d->name), d->kind));
  }
  for (size_t i = 0; i < d->option_count; ++i) {
    std::string_view option = FromC(d->options[i].name);
    if (option.empty() || option.find('\0') != std::string_view::npos || !support::IsValidUtf8(option)) {
      return problems_.push_back(fmt::format("plugin {} in {}: option declaration {} has no NUL-free UTF-8 name",
                                             name, module, i));
    }
  }
  if (const PluginInfo* other = Find(name)) {
    return problems_.push_back(fmt::format(
        "two plugins are named {}: {} and {}; remove one or give it another name", name,
        other->module_path.string(), module));
  }
  auto fields = ReadFieldDecls(*d);
  if (!fields.ok()) {
    return problems_.push_back(fmt::format("plugin {} in {}: {}", name, module, fields.status().message()));
  }
  info.kind = d->kind;
  info.fields = std::move(fields).value();
  plugins_.push_back(std::move(info));
}

Result<std::vector<FieldDecl>> ReadFieldDecls(const cxmap_plugin_descriptor& d) {
  std::vector<FieldDecl> fields;
  if (d.field_count == 0) return fields;
  // An array of structs of the plugin's size: step by its struct_size, so
  // a newer host reads an older plugin's array right (a 1.3 declaration
  // has no role).
  const size_t stride = d.fields == nullptr ? 0 : d.fields[0].struct_size;
  if (stride < kFieldDeclSizeV1_0 || d.field_count > 10000) {
    return Status::InvalidArgument(fmt::format("malformed field declarations ({} of {} bytes)",
                                               d.field_count, stride));
  }
  const auto* base = reinterpret_cast<const unsigned char*>(d.fields);
  for (size_t i = 0; i < d.field_count; ++i) {
    const auto& in = *reinterpret_cast<const cxmap_field_decl*>(base + i * stride);
    cxmap_field_decl f;
    // Every element the same size as the first: a larger one would be read
    // past the end of the array.
    if (in.struct_size != stride || !WidenAbiStruct(in, kFieldDeclSizeV1_0, &f)) {
      return Status::InvalidArgument(fmt::format(
          "field declaration {} is {} bytes, the first is {}", i, in.struct_size, stride));
    }
    // Names reach generated SQL views as quoted literals, and the store
    // keeps them as text: no NUL, valid UTF-8.
    for (cxmap_str text : {f.name, f.role}) {
      std::string_view v = FromC(text);
      if (v.find('\0') != std::string_view::npos || !support::IsValidUtf8(v)) {
        return Status::InvalidArgument(fmt::format("field declaration {}: name or role is not"
                                                   " NUL-free UTF-8", i));
      }
    }
    if (FromC(f.name).empty()) {
      return Status::InvalidArgument(fmt::format("field declaration {} has no name", i));
    }
    fields.push_back({std::string(FromC(f.name)), f.type, std::string(FromC(f.description)),
                      std::string(FromC(f.role))});
  }
  return fields;
}

const PluginInfo* PluginRegistry::Find(std::string_view name) const {
  for (const auto& p : plugins_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<const PluginInfo*> PluginRegistry::OfKind(int32_t kind) const {
  std::vector<const PluginInfo*> out;
  for (const auto& p : plugins_) {
    if (p.kind == kind) out.push_back(&p);
  }
  return out;
}

Status PluginRegistry::Check() const {
  if (problems_.empty()) return Status::Ok();
  std::string all;
  for (const auto& p : problems_) all += (all.empty() ? "" : "\n  ") + p;
  return Status::InvalidArgument(all);
}

}  // namespace cxmap::core
