// SPDX-License-Identifier: Apache-2.0
// Which analysis plugins a command runs, and how: --disable, --only,
// --isolate, --plugin-timeout, and the quarantine of plugins whose process
// crashed, aborted or hung (docs/cli.md, "Plugins that fail").
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>

#include "core/app/app_context.h"
#include "core/util/log.h"
#include "core/util/utc_time.h"

namespace cxmap::core {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::string NamesOfKind(const PluginRegistry& registry, int32_t kind) {
  std::string names;
  for (const PluginInfo* p : registry.OfKind(kind)) names += (names.empty() ? "" : ", ") + p->name;
  return names.empty() ? "(none)" : names;
}

/// Size and modification time of a module, to notice a rebuilt one.
std::pair<int64_t, int64_t> ModuleStamp(const std::filesystem::path& module) {
  struct stat st {};
  if (::stat(module.c_str(), &st) != 0) return {-1, -1};
  return {static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_mtime)};
}

}  // namespace

Status AppContext::ApplyRunnerFlags() {
  const std::string& isolate = options_.isolate;
  if (isolate.empty() || isolate == "third-party")
    runner_.isolation = Isolation::kThirdParty;
  else if (isolate == "all")
    runner_.isolation = Isolation::kAll;
  else if (isolate == "none")
    runner_.isolation = Isolation::kNone;
  else {
    return Status::InvalidArgument(
        fmt::format("--isolate '{}': expected third-party, all or none", isolate));
  }
  double seconds = options_.plugin_timeout_s;
  if (!std::isfinite(seconds) || (seconds != 0 && seconds < 0.001) || seconds > 86400) {
    return Status::InvalidArgument(
        fmt::format("--plugin-timeout {}: expected seconds between 0.001 and 86400", seconds));
  }
  if (seconds > 0) {
    runner_.batch_timeout = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  }
  return Status::Ok();
}

Status AppContext::CheckPluginSelection() const {
  for (const std::string& name : options_.disable) {
    if (!Contains(registry_.disabled_found(), name)) {
      Log(Severity::kWarn, "plugins",
          fmt::format("--disable {}: no plugin of that name was found", name));
    }
  }
  for (const std::string& name : options_.only) {
    const PluginInfo* p = registry_.Find(name);
    if (p == nullptr || p->kind != CXMAP_KIND_ANALYSIS) {
      return Status::InvalidArgument(
          fmt::format("--only {}: no analysis plugin of that name; loaded: {}", name,
                      NamesOfKind(registry_, CXMAP_KIND_ANALYSIS)));
    }
  }
  return Status::Ok();
}

std::vector<const PluginInfo*> AppContext::SelectedAnalyses() const {
  std::vector<const PluginInfo*> out;
  for (const PluginInfo* p : registry_.OfKind(CXMAP_KIND_ANALYSIS)) {
    if (options_.only.empty() || Contains(options_.only, p->name)) out.push_back(p);
  }
  return out;
}

namespace {

// Whether `p` stays quarantined: warned about with `consequence` and how
// to retry; a quarantine whose module changed since is ended instead.
Result<bool> StillQuarantined(Store& store, const PluginInfo& p,
                              const std::vector<QuarantinedPlugin>& quarantined,
                              const char* consequence) {
  auto q = std::find_if(quarantined.begin(), quarantined.end(),
                        [&](const QuarantinedPlugin& x) { return x.plugin == p.name; });
  if (q == quarantined.end()) return false;
  auto [size, mtime] = ModuleStamp(p.module_path);
  if (q->module == p.module_path.string() && q->module_size == size && q->module_mtime == mtime) {
    Log(Severity::kWarn, p.name,
        fmt::format("quarantined since {}: {}; {}", q->since, q->reason,
                    fmt::format(fmt::runtime(consequence), p.name)));
    return true;
  }
  // A new build of the module deserves a new chance, without asking.
  Log(Severity::kInfo, p.name,
      fmt::format("was quarantined ({}), but its module changed since; trying it again",
                  q->reason));
  CXMAP_RETURN_IF_ERROR(store.ReleasePlugin(p.name).status());
  return false;
}

}  // namespace

Result<std::vector<const PluginInfo*>> AppContext::Analyses(Store& store) const {
  auto quarantined = store.QuarantinedPlugins();
  if (!quarantined.ok()) return quarantined.status();
  std::vector<const PluginInfo*> out;
  for (const PluginInfo* p : SelectedAnalyses()) {
    auto still = StillQuarantined(store, *p, *quarantined,
                                  "not run, so its results are missing. After fixing it, "
                                  "`cxmap plugins retry {}` and `cxmap analyze` add them");
    if (!still.ok()) return still.status();
    if (!*still) out.push_back(p);
  }
  return out;
}

Result<std::vector<std::string>> AppContext::QuarantinedSources(Store& store) const {
  auto quarantined = store.QuarantinedPlugins();
  if (!quarantined.ok()) return quarantined.status();
  std::vector<std::string> out;
  for (const PluginInfo* p : registry_.OfKind(CXMAP_KIND_SOURCE)) {
    auto still = StillQuarantined(store, *p, *quarantined,
                                  "not used to read files. After fixing it, `cxmap plugins retry "
                                  "{}` and the same import again add what its files hold");
    if (!still.ok()) return still.status();
    if (*still) out.push_back(p->name);
  }
  return out;
}

void AppContext::Quarantine(Store& store, const std::vector<PluginFailure>& failures) const {
  for (const PluginFailure& f : failures) {
    if (f.fault.empty()) continue;
    const PluginInfo* p = registry_.Find(f.plugin);
    if (p == nullptr) continue;
    auto [size, mtime] = ModuleStamp(p->module_path);
    Status s =
        store.QuarantinePlugin({p->name, p->module_path.string(), size, mtime, f.fault, UtcNow()});
    if (!s.ok()) {
      Log(Severity::kError, p->name, "could not be quarantined: " + s.message());
      continue;
    }
    Log(Severity::kError, p->name,
        fmt::format(
            "quarantined: later runs on this database leave it out until its module changes or "
            "`cxmap plugins retry {}`",
            p->name));
  }
}

}  // namespace cxmap::core
