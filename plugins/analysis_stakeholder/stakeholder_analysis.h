// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cxmap/analysis_plugin.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/text.h"
#include "placement.h"
#include "stakeholder_identity.h"
#include "term_table.h"

namespace cxmap::stakeholder {

/// The stakeholder map: for each stakeholder record (a row of a stakeholder
/// list, or an internal survey/interview record naming a person or
/// department and a role) the support and influence scores (1–5), the
/// quadrant, the engagement strategy and the reason. Support: the explicit
/// score, else the sentiment of what the stakeholder said (host lexicon
/// matching over support_cues.tsv); influence: the explicit score, else
/// the role level (role_levels.tsv). Other records get no result. One
/// instance per worker thread (the workspace is not shared).
class StakeholderAnalysis : public AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_stakeholder";
  static constexpr std::string_view kVersion = "0.1.0";
  static constexpr std::string_view kDescription =
      "Stakeholder map: support x influence (1-5), quadrant, strategy (engage, collaborate, "
      "defend, monitor) and the reason, from stakeholder lists and internal feedback";
  static constexpr std::string_view kVendor = "cxmap";
  static constexpr std::array kOptions = {
      Option("support_threshold", OptionType::kReal, "3.5",
             "Support at or above this (1-5) is high"),
      Option("influence_threshold", OptionType::kReal, "3.5",
             "Influence at or above this (1-5) is high"),
      Option("use_sentiment", OptionType::kBool, "true",
             "Derive support from what the stakeholder said when no score is given"),
      Option("role_levels", OptionType::kString, "",
             "TSV term<TAB>level<TAB>label replacing the built-in role levels"),
      Option("departments", OptionType::kString, "",
             "TSV term<TAB>id replacing the built-in department names"),
      Option("support_cues", OptionType::kString, "",
             "Host lexicon TSV replacing the built-in support cues"),
  };
  static constexpr std::array kFields = {
      Field("support", FieldType::kReal, "support 1-5 (null: unknown)", "stakeholder.support"),
      Field("influence", FieldType::kReal, "influence 1-5 (null: unknown)", "stakeholder.influence"),
      Field("quadrant", FieldType::kString,
            "high_support_high_influence, high_support_low_influence, "
            "low_support_high_influence, low_support_low_influence (null: not placed)", "stakeholder.quadrant"),
      Field("strategy", FieldType::kString, "engage, collaborate, defend, monitor (null: not placed)", "stakeholder.strategy"),
      Field("action", FieldType::kString, "what the strategy means, in English", "stakeholder.action"),
      Field("reason", FieldType::kString, "every comparison behind the placement", "stakeholder.reason"),
      Field("name", FieldType::kString, "the stakeholder's name ('' for a department)", "stakeholder.name"),
      Field("department", FieldType::kString, "the department as written", "stakeholder.department"),
      Field("department_key", FieldType::kString,
            "department id (journey owner names) or the folded department", "stakeholder.department_key"),
      Field("role", FieldType::kString, "the role as written", "stakeholder.role"),
      Field("support_basis", FieldType::kString, "explicit, sentiment or unknown", "stakeholder.support_basis"),
      Field("influence_basis", FieldType::kString, "explicit, role or unknown", "stakeholder.influence_basis"),
      Field("origin", FieldType::kString, "list (a stakeholder list) or feedback", "stakeholder.origin"),
  };

  /// InvalidArgument for a threshold outside 1–5; NotFound / InvalidArgument
  /// (naming file and line) for a table or lexicon that cannot be read.
  /// Without host text services (an old host, unit tests) folding is ASCII
  /// lower case only and support is never derived from sentiment.
  static Result<std::unique_ptr<StakeholderAnalysis>> Create(const Host& host,
                                                             const OptionValues& options);
  Status Analyze(const RecordBatch& batch, ResultWriter& out) override;

 private:
  StakeholderAnalysis(const Host& host, Thresholds t, bool use_sentiment)
      : host_(host), thresholds_(t), use_sentiment_(use_sentiment) {}
  std::string Fold(std::string_view text);
  Score SupportOf(const Identity& id, const RecordView& record, std::vector<std::string>* evidence,
                  std::vector<EvidenceSpan>* spans);
  Score InfluenceOf(const Identity& id, std::vector<std::string>* evidence);
  Status AnalyzeOne(size_t index, const RecordView& record, ResultWriter& out);

  Host host_;
  Thresholds thresholds_;
  bool use_sentiment_;
  std::optional<TextWorkspace> ws_;
  std::optional<Lexicon> cues_;
  TermTable roles_, departments_;
  std::unique_ptr<IdentityReader> identity_;
};

/// Support 1–5 from the summed final weights S of the cue matches (after
/// the host's negation, intensifier and contrast rules): 3 + 2·S/(|S|+1).
/// No cue → 3.0 (neutral); one plain cue of weight ±1 → 4.0 / 2.0;
/// saturates towards 1 and 5. Pure.
double SupportFromSentiment(double summed_weight);

}  // namespace cxmap::stakeholder
