// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::core {

/// The names a journey map shows, in the order it shows them: the stages of
/// one stage model and the touchpoint catalogue with owners. Read from the
/// journey data files (TOML, schema in plugins/analysis_journey/README.md):
/// data, not plugin code, so the core reads them itself.
struct JourneyLabels {
  struct Item {
    std::string id, label, owner;
    /// A touchpoint's cue words of every language and strength (cues.*,
    /// strong_cues.*, weak_cues.*): a pain point is never one of them bare.
    std::vector<std::string> cues;
  };
  std::string model;
  std::vector<Item> stages;       ///< in journey order
  std::vector<Item> touchpoints;  ///< catalogue order

  const Item* Stage(const std::string& id) const;
  const Item* Touchpoint(const std::string& id) const;
};

/// Reads `<dir>/model_<model>.toml` and `<dir>/touchpoints.toml`, or the
/// files given explicitly (`model_file`, `catalogue_file`, as the plugin's
/// options of the same names). NotFound when a file is missing;
/// InvalidArgument with the file and reason when one does not parse.
Result<JourneyLabels> LoadJourneyLabels(const std::string& dir, const std::string& model,
                                        const std::string& model_file = "",
                                        const std::string& catalogue_file = "");

}  // namespace cxmap::core
