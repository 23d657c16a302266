// SPDX-License-Identifier: Apache-2.0
// Panels of the HTML report drawn outside html_report.cpp (internal to
// core/report): the emotion curve, once for everyone and as small
// multiples per segment, the empathy map and the stakeholder quadrant.
// Each fills sections of the report template (templates/report.html.tpl);
// ctemplate escapes every value for where it lands.
#pragma once

#include <ctemplate/template.h>

#include <nlohmann/json.hpp>

#include "core/journey/journey_map.h"

namespace cxmap::core {

using Dict = ctemplate::TemplateDictionary;

/// A quote: cut to kReportQuoteGraphemes whole grapheme clusters, with its
/// language for the lang attribute.
void AddQuote(const Quote& q, Dict* d);

/// Stacked sentiment shares per stage with the mean drawn across them.
void AddEmotionCurve(const MapBody& map, Dict* dict);

/// One small emotion curve per segment (section SEG_CURVES), the segments
/// with the most text units first.
void AddSegmentCurves(const JourneyMap& map, Dict* dict);

/// The empathy map 2 × 2 from `empathy --json` (first group: everyone;
/// the others: segments, shown as their top item per quadrant).
void AddEmpathyPanel(const nlohmann::ordered_json& empathy, Dict* dict);

/// The stakeholder quadrant (support across, influence up) from
/// `stakeholders --json`, with the table of who owns what.
void AddStakeholderPanel(const nlohmann::ordered_json& stakeholders, Dict* dict);

}  // namespace cxmap::core
