// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cue_expression.h"
#include "cxmap/status.h"

namespace cxmap::journey {

/// One phrase that points at a touchpoint or stage, as written in the file.
struct Cue {
  std::string term;
  double weight = 1;  ///< 1 for `cues`, 0.5 for `weak_cues`, 1.5 for `strong_cues`
  std::string lang;   ///< the list it came from: en, vi, th, zh (any script) or "any"
};

/// A cue expression that adds `weight` to its owner's score when true.
struct Rule {
  Expr when;
  std::string text;  ///< the expression as written (for evidence)
  double weight = 1;
};

/// A stage of the chosen journey model.
struct Stage {
  std::string id, label;
  std::vector<Cue> cues;
  std::vector<Rule> rules;
};

/// A touchpoint of the catalogue, resolved against the chosen model.
struct Touchpoint {
  std::string id, label, owner;
  std::vector<std::string> channels;     ///< where customers meet it (documentation)
  std::map<std::string, std::string> stage_by_model;
  int stage = -1;                        ///< its default stage in the chosen model, or -1
  std::vector<Cue> cues;
  std::vector<Rule> rules;
  std::optional<Rule> unless;            ///< when true, the touchpoint scores 0
};

/// The journey map the plugin assigns records to: a stage model plus the
/// touchpoint catalogue. Immutable after loading; shared across threads.
struct Journey {
  std::string model_id, model_label;
  int default_stage = -1;  ///< stage of a record with no stage cue and no touchpoint
  /// A scope that asks (a "?", or a question word of its language) adds
  /// question_weight to this stage (`[model] question_stage`, issue 17:
  /// customers ask before they buy); -1: none.
  int question_stage = -1;
  double question_weight = 0;
  /// A question offering two options ("A or B?") adds question_weight to
  /// this stage instead (`[model] alternative_stage`); -1: question_stage.
  int alternative_stage = -1;
  std::vector<Stage> stages;
  std::vector<Touchpoint> touchpoints;
  int StageIndex(std::string_view id) const;
};

/// Where the journey comes from: the catalogue TOML file and the model TOML
/// file (docs: plugins/analysis_journey/README.md).
struct JourneyFiles {
  std::string catalogue;  ///< e.g. <data>/touchpoints.toml
  std::string model;      ///< e.g. <data>/model_cjm6.toml or the user's model_file
};

/// Reads and checks both files. Every error names the file, line and column
/// and what was wrong or expected (TOML syntax, schema, cue expressions,
/// unknown stage ids). Never throws.
Result<Journey> LoadJourney(const JourneyFiles& files);

}  // namespace cxmap::journey
