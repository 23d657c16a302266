// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/source_runner.h"

#include <algorithm>
#include <cmath>

#include "core/plugin_host/isolated_source.h"
#include "core/plugin_host/source_instance.h"

namespace cxmap::core {

bool SourceRunsIsolated(const PluginInfo& plugin, const RunnerOptions& options) {
  return options.isolation != Isolation::kNone && !plugin.bundled;
}

Result<std::unique_ptr<SourceRunner>> StartSource(const PluginInfo& plugin,
                                                  const OptionMap& options,
                                                  const RunnerOptions& runner_options,
                                                  const std::atomic<bool>* cancelled,
                                                  std::string* fault) {
  fault->clear();
  // Checked here, in cxmap, so a typo is a usage error before any plugin
  // code runs, isolated or not.
  CXMAP_RETURN_IF_ERROR(ResolveOptions(plugin, options).status());
  if (SourceRunsIsolated(plugin, runner_options)) {
    auto isolated = IsolatedSource::Start(plugin, runner_options, cancelled, fault);
    if (!isolated.ok()) return isolated.status();
    if (Status created = (*isolated)->Create(options); !created.ok()) {
      *fault = (*isolated)->fault();
      return created;
    }
    return std::unique_ptr<SourceRunner>(std::move(isolated).value());
  }
  auto local = SourceInstance::Create(plugin, options, cancelled);
  if (!local.ok()) return local.status();
  return std::unique_ptr<SourceRunner>(std::move(local).value());
}

namespace {

// sniff() of a source in a process of its own, started for this one call:
// a source that crashes or hangs on one file's head fails only its own
// verdict.
SniffCandidate SniffIsolated(const PluginInfo& p, const std::string& path, std::string_view head,
                             const SniffOptions& options) {
  std::string fault;
  auto child = IsolatedSource::Start(p, options.runner, options.cancelled, &fault);
  SniffCandidate out{p.name, 0, "", "", ""};
  if (!child.ok()) {
    out.reason = child.status().message();
    out.fault = fault;
    return out;
  }
  Status s = (*child)->Sniff(path, head, &out);
  if (!s.ok()) {
    out = {p.name, 0, "", s.message(), (*child)->fault()};
  }
  return out;
}

}  // namespace

std::vector<SniffCandidate> SniffAll(const PluginRegistry& registry, const std::string& path,
                                     std::string_view head, const SniffOptions& options) {
  std::vector<SniffCandidate> out;
  for (const PluginInfo* p : registry.OfKind(CXMAP_KIND_SOURCE)) {
    if (std::find(options.excluded.begin(), options.excluded.end(), p->name) !=
        options.excluded.end()) {
      out.push_back({p->name, 0, "", "quarantined: `cxmap plugins retry " + p->name + "`", ""});
      continue;
    }
    if (options.cancelled != nullptr && options.cancelled->load()) break;
    out.push_back(SourceRunsIsolated(*p, options.runner) ? SniffIsolated(*p, path, head, options)
                                                         : SniffOne(*p, path, head));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  return out;
}

}  // namespace cxmap::core
