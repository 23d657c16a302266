// SPDX-License-Identifier: Apache-2.0
#include "core/journey/journey_labels.h"

#include <fmt/format.h>

#include <filesystem>
#include <toml++/toml.h>

namespace cxmap::core {

namespace {

Result<toml::table> ParseToml(const std::string& path) {
  if (!std::filesystem::exists(path)) return Status::NotFound(path + ": no such journey file");
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                               e.source().begin.column, e.description()));
  }
}

std::vector<JourneyLabels::Item> Items(const toml::table& t, const char* key) {
  std::vector<JourneyLabels::Item> out;
  const toml::array* arr = t[key].as_array();
  if (arr == nullptr) return out;
  for (const auto& node : *arr) {
    const toml::table* item = node.as_table();
    if (item == nullptr) continue;
    auto id = (*item)["id"].value<std::string>();
    if (!id) continue;
    JourneyLabels::Item x{*id, (*item)["label"].value_or(*id),
                          (*item)["owner"].value_or(std::string()), {}};
    for (const char* kind : {"cues", "strong_cues", "weak_cues"}) {
      const toml::table* by_language = (*item)[kind].as_table();
      if (by_language == nullptr) continue;
      for (const auto& [language, list] : *by_language) {
        if (const toml::array* words = list.as_array()) {
          for (const auto& w : *words) {
            if (auto s = w.value<std::string>()) x.cues.push_back(*s);
          }
        }
      }
    }
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

const JourneyLabels::Item* JourneyLabels::Stage(const std::string& id) const {
  for (const auto& s : stages) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const JourneyLabels::Item* JourneyLabels::Touchpoint(const std::string& id) const {
  for (const auto& t : touchpoints) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

Result<JourneyLabels> LoadJourneyLabels(const std::string& dir, const std::string& model,
                                        const std::string& model_file,
                                        const std::string& catalogue_file) {
  JourneyLabels out;
  out.model = model;
  auto m = ParseToml(model_file.empty() ? dir + "/model_" + model + ".toml" : model_file);
  if (!m.ok()) return m.status();
  if (auto id = (*m)["model"]["id"].value<std::string>()) out.model = *id;
  out.stages = Items(*m, "stage");
  auto c = ParseToml(catalogue_file.empty() ? dir + "/touchpoints.toml" : catalogue_file);
  if (!c.ok()) return c.status();
  out.touchpoints = Items(*c, "touchpoint");
  // A custom model may add touchpoints of its own.
  for (auto& extra : Items(*m, "touchpoint")) {
    if (out.Touchpoint(extra.id) == nullptr) out.touchpoints.push_back(std::move(extra));
  }
  return out;
}

}  // namespace cxmap::core
