// SPDX-License-Identifier: Apache-2.0
#include "core/app/app_context.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cerrno>
#include <stdlib.h>  // mkdtemp

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "core/journey/keyphrases.h"
#include "core/storage/open_store.h"
#include "core/util/files.h"
#include "core/util/log.h"

namespace cxmap::core {
namespace fs = std::filesystem;

int ReportError(const Status& status) {
  Log(Severity::kError, "", status.message());
  return status.code() == Code::kInvalidArgument ? kExitUsage : kExitFailure;
}

Status AppContext::Init() {
  SetLogThreshold(options_.quiet ? Severity::kWarn : Severity::kInfo);
  CXMAP_RETURN_IF_ERROR(LoadConfig());
  CXMAP_RETURN_IF_ERROR(ResolveStore(config_store_, config_db_));
  for (const auto& spec : options_.plugin_options) {
    CXMAP_RETURN_IF_ERROR(AddPluginOption(spec, "-o"));
  }
  CXMAP_RETURN_IF_ERROR(ApplyRunnerFlags());
  registry_.Disable(options_.disable);
  // A vendor's module is read by a probe process, so commands that run no
  // plugin run none of its code either (module_probe.h); `--isolate none`
  // asks for everything in process.
  if (runner_.isolation != Isolation::kNone) {
    // Loading a module gets at least 30 s, whatever --plugin-timeout allows a batch.
    registry_.ProbeThirdPartyModules(
        std::max(30.0, std::chrono::duration<double>(runner_.batch_timeout).count()));
  }
  auto dirs = PluginSearchPath(options_.plugin_dirs);
  const fs::path exe_dir = ExecutableDir();
  const fs::path bundled =
      exe_dir.empty() ? fs::path() : (exe_dir / ".." / CXMAP_PLUGIN_RELDIR).lexically_normal();
  // Only the modules this build made, in the folder beside the binary, run
  // in process by default: a vendor's module installed into that folder
  // (where the plugin guide says it may go) is still isolated.
  static const std::vector<std::string_view> kBundledModules = {
#include "bundled_modules.inc"
  };
  for (size_t i = 0; i < dirs.size(); ++i) {
    const bool beside_binary = !bundled.empty() && dirs[i] == bundled;
    registry_.ScanDirectory(dirs[i], /*must_exist=*/i < options_.plugin_dirs.size(),
                            beside_binary ? &kBundledModules : nullptr);
  }
  if (Status s = registry_.Check(); !s.ok()) return Status::Internal(s.message());
  for (const std::string& skipped : registry_.skipped()) {
    Log(Severity::kWarn, "plugins", skipped + "; skipped");
  }
  CXMAP_RETURN_IF_ERROR(CheckPluginSelection());
  for (const auto& [plugin, opts] : plugin_options_) {
    if (registry_.Find(plugin) == nullptr) {
      return Status::InvalidArgument(fmt::format("options given for unknown plugin '{}'", plugin));
    }
  }
  return Status::Ok();
}

Status AppContext::AddPluginOption(const std::string& spec, const std::string& origin) {
  size_t dot = spec.find('.');
  size_t eq = spec.find('=');
  if (dot == std::string::npos || eq == std::string::npos || dot > eq || dot == 0) {
    return Status::InvalidArgument(fmt::format(
        "{} '{}': expected PLUGIN.KEY=VALUE, e.g. source_csv_survey.delimiter=';'", origin, spec));
  }
  plugin_options_[spec.substr(0, dot)][spec.substr(dot + 1, eq - dot - 1)] = spec.substr(eq + 1);
  return Status::Ok();
}

// The config file is TOML:
//   db = "feedback.db"     threads = 2
//   [plugins.source_csv_survey]
//   delimiter = ";"
// Command-line flags win over the file.
Status AppContext::LoadConfig() {
  if (options_.config.empty()) return Status::Ok();
  toml::table config;
  try {
    config = toml::parse_file(options_.config);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", options_.config,
                                               e.source().begin.line, e.source().begin.column,
                                               e.description()));
  }
  if (auto db = config["db"].value_exact<std::string>()) config_db_ = *db;
  if (auto store = config["store"].value_exact<std::string>()) config_store_ = *store;
  if (auto t = config["threads"].value<int64_t>(); t && options_.threads == 0) options_.threads = *t;
  // Plugin selection and containment (docs/cli.md "Plugins that fail"):
  //   disable = ["x"]  only = ["y"]  isolate = "all"  plugin_timeout = 120
  //   [limits] analysed_text_bytes = 32768  result_value_bytes = 65536
  //            evidence_items = 64  stdin_bytes = 2147483648
  // Flags win; lists from both are joined.
  auto strings = [&](const char* key, std::vector<std::string>* out) -> Status {
    const toml::node* node = config[key].node();
    if (node == nullptr) return Status::Ok();
    const toml::array* list = node->as_array();
    for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
      auto v = (*list)[i].value_exact<std::string>();
      if (!v) list = nullptr;
      else out->push_back(*v);
    }
    if (list == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}: {} must be an array of strings", options_.config, key));
    }
    return Status::Ok();
  };
  CXMAP_RETURN_IF_ERROR(strings("disable", &options_.disable));
  if (options_.only.empty()) CXMAP_RETURN_IF_ERROR(strings("only", &options_.only));
  if (auto v = config["isolate"].value_exact<std::string>(); v && options_.isolate.empty()) {
    options_.isolate = *v;
  }
  if (auto v = config["plugin_timeout"].value<double>(); v && options_.plugin_timeout_s == 0) {
    options_.plugin_timeout_s = *v;
  }
  for (auto [key, target] : {std::pair{"analysed_text_bytes", &runner_.limits.text_bytes},
                             std::pair{"result_value_bytes", &runner_.limits.value_bytes},
                             std::pair{"evidence_items", &runner_.limits.evidence_items}}) {
    if (const toml::node* node = config["limits"][key].node()) {
      auto v = node->value_exact<int64_t>();
      if (!v || *v <= 0) {
        return Status::InvalidArgument(
            fmt::format("{}: limits.{} must be a positive integer", options_.config, key));
      }
      *target = static_cast<size_t>(*v);
    }
  }
  if (const toml::node* node = config["limits"]["stdin_bytes"].node()) {
    auto v = node->value_exact<int64_t>();
    if (!v || *v <= 0) {
      return Status::InvalidArgument(fmt::format("{}: limits.stdin_bytes must be a positive integer", options_.config));
    }
    stdin_bytes_ = static_cast<uint64_t>(*v);
  }
  // [themes] stop_words = ["shop", "ạ", …]: words that are never a theme
  // or pain point on their own (core/journey/keyphrases.h).
  if (const toml::node* words = config["themes"]["stop_words"].node()) {
    const toml::array* list = words->as_array();
    std::vector<std::string> stop_words;
    for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
      auto w = (*list)[i].value_exact<std::string>();
      if (!w) list = nullptr;
      else stop_words.push_back(*w);
    }
    if (list == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}: [themes] stop_words must be an array of strings", options_.config));
    }
    AddStopWords(stop_words);
  }
  if (const toml::table* plugins = config["plugins"].as_table()) {
    for (const auto& [plugin, table] : *plugins) {
      const toml::table* t = table.as_table();
      if (t == nullptr) {
        return Status::InvalidArgument(fmt::format("{}: [plugins.{}] must be a table",
                                                   options_.config, plugin.str()));
      }
      for (const auto& [key, value] : *t) {
        // value_exact: value<bool>() would turn 3 into "true".
        std::string text;
        if (auto s = value.value_exact<std::string>()) text = *s;
        else if (auto b = value.value_exact<bool>()) text = *b ? "true" : "false";
        else if (auto i = value.value_exact<int64_t>()) text = std::to_string(*i);
        else if (auto d = value.value_exact<double>()) text = fmt::format("{}", *d);
        else return Status::InvalidArgument(fmt::format("{}: plugins.{}.{}: unsupported value type",
                                                        options_.config, plugin.str(), key.str()));
        plugin_options_[std::string(plugin.str())][std::string(key.str())] = text;
      }
    }
  }
  return Status::Ok();
}

unsigned AppContext::threads() const {
  if (options_.threads > 0) return options_.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

Status AppContext::ResolveStore(const std::string& config_store, const std::string& config_db) {
  if (!options_.store.empty() && !options_.db.empty()) {
    return Status::InvalidArgument("--store and --db both name the store: give one");
  }
  if (!config_store.empty() && !config_db.empty()) {
    return Status::InvalidArgument(options_.config + ": `store` and `db` both name the store: give one");
  }
  const char* env = std::getenv("CXMAP_STORE");
  std::string chosen, from;
  if (!options_.store.empty()) {
    chosen = options_.store, from = "--store";
  } else if (!options_.db.empty()) {
    // --db is always a file path, even one that looks like a URL.
    chosen = "sqlite:" + options_.db, from = "--db";
  } else if (env != nullptr && *env != '\0') {
    chosen = env, from = "CXMAP_STORE";
  } else if (!config_store.empty()) {
    chosen = config_store, from = options_.config + ": store";
  } else if (!config_db.empty()) {
    chosen = "sqlite:" + config_db, from = options_.config + ": db";
  } else {
    chosen = "cxmap.db", from = "the default";
  }
  Result<StoreLocation> location = ParseStoreLocation(chosen);
  if (!location.ok()) return Status::InvalidArgument(from + ": " + location.status().message());
  store_location_ = std::move(location).value();
  options_.db = store_location_.display;
  return Status::Ok();
}

AppContext::~AppContext() {
  for (const std::string& folder : temp_folders_) {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
}

Result<std::string> AppContext::PrivateTempFolder() {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string tmpl = (base / "cxmap-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {  // mode 0700
    return Status::IoError(fmt::format("cannot create a private folder in {}: {}", base.string(),
                                       std::strerror(errno)));
  }
  temp_folders_.push_back(tmpl);
  return tmpl;
}

Result<std::unique_ptr<Store>> AppContext::OpenStore(StoreAccess access) const {
  auto store = OpenStoreAt(store_location_, access);
  if (!store.ok()) return store;
  // What the loaded analysis plugins' fields mean, so every reader of this
  // database asks for roles (a write only when they changed).
  for (const PluginInfo* p : registry_.OfKind(CXMAP_KIND_ANALYSIS)) {
    std::vector<std::pair<std::string, std::string>> roles;
    for (const FieldDecl& f : p->fields) roles.emplace_back(f.name, f.role);
    CXMAP_RETURN_IF_ERROR((*store)->DeclareFieldRoles(p->name, roles));
  }
  return store;
}

std::string AppContext::SamplesDir() const {
  if (const char* env = std::getenv("CXMAP_SAMPLES_DIR")) return env;
  std::error_code ec;
  const fs::path exe = ExecutableDir();
  for (fs::path candidate : {exe / ".." / "share" / "cxmap" / "samples" / "data",
                             fs::path(CXMAP_SOURCE_SAMPLES_DIR)}) {
    if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
  }
  return CXMAP_SOURCE_SAMPLES_DIR;
}

}  // namespace cxmap::core
