// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/analysis_runner.h"

#include "core/plugin_host/analysis_instance.h"
#include "core/plugin_host/isolated_analysis.h"

namespace cxmap::core {

bool RunsIsolated(const PluginInfo& plugin, const RunnerOptions& options) {
  switch (options.isolation) {
    case Isolation::kAll:
      return true;
    case Isolation::kNone:
      return false;
    case Isolation::kThirdParty:
      break;
  }
  return !plugin.bundled;
}

Result<std::unique_ptr<AnalysisRunner>> StartAnalysis(const PluginInfo& plugin,
                                                      const OptionMap& options,
                                                      const RunnerOptions& runner_options,
                                                      const std::atomic<bool>* cancelled,
                                                      std::string* fault) {
  fault->clear();
  // Options are checked here, in cxmap, so a typo is a usage error that
  // stops the job before any plugin code runs, isolated or not.
  CXMAP_RETURN_IF_ERROR(ResolveOptions(plugin, options).status());
  if (RunsIsolated(plugin, runner_options)) {
    auto isolated = IsolatedAnalysis::Start(plugin, options, runner_options, cancelled, fault);
    if (!isolated.ok()) return isolated.status();
    return std::unique_ptr<AnalysisRunner>(std::move(isolated).value());
  }
  auto local = AnalysisInstance::Create(plugin, options, cancelled, runner_options.limits);
  if (!local.ok()) return local.status();
  return std::unique_ptr<AnalysisRunner>(std::move(local).value());
}

}  // namespace cxmap::core
