// SPDX-License-Identifier: Apache-2.0
// The journey map: every stored record on its stage and touchpoint, with
// volume, the emotion curve, NPS / CSAT / CES, call figures, themes and
// pain points with quotes — overall and cut by segment, language or channel.
// A typed structure: the terminal table, the stakeholder map and the
// report read its fields; journey_map_json.h writes the `journey --json`
// contract from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/journey/journey_labels.h"
#include "core/journey/journey_metrics.h"
#include "core/storage/sqlite_db.h"

namespace cxmap::core {

struct JourneyQuery {
  std::string where;             ///< filter language (record_filter.h)
  std::string since, until;      ///< ISO dates, inclusive since / exclusive until
  std::string by;                ///< "", "segment", "language" or "channel"
  size_t pain_points = 5;        ///< per touchpoint
  size_t themes = 5;             ///< per touchpoint
  size_t quotes = 3;             ///< per pain point
  size_t unmapped_examples = 5;
};

/// Call-centre figures of a cell, over its calls.
struct CallFigures {
  uint64_t count = 0;
  std::optional<double> mean_duration_s;  ///< average handle time; none without durations
  std::optional<double> mean_hold_s;
  std::optional<double> resolution_rate;  ///< percent of the calls with an outcome
  uint64_t resolution_n = 0;              ///< calls with an outcome
};

/// The scores of one cell; a score nobody gave is absent.
struct CellScores {
  SentimentShares sentiment;
  std::optional<Nps> nps;
  std::optional<Csat> csat;
  std::optional<Ces> ces;
  std::optional<CallFigures> calls;
};

struct StageCell {
  std::string id, label;
  uint64_t volume = 0;  ///< units on the stage
  CellScores scores;
};

/// A frequent phrase of a touchpoint's texts (keyphrases.h).
struct JourneyTheme {
  std::string phrase;
  uint64_t volume = 0;
  double lift = 0;
};

struct Quote {
  std::string text, language;
  int64_t record = 0;
  double sentiment = 0;
};

/// Is a pain point growing? The map's dated text is split at its median
/// date (the recent half starts there); in each half the theme's negative sentences are counted
/// against all negative sentences of its touchpoint, and the two shares are
/// compared with a two-proportion z-test (5 %, both halves with at least
/// kMinTrendBase negative sentences).
struct PainTrend {
  int64_t split_ms = 0;                   ///< the recent half starts here
  uint64_t earlier = 0, recent = 0;       ///< the theme's sentences per half
  uint64_t earlier_base = 0, recent_base = 0;  ///< the touchpoint's negative sentences per half
  int direction = 0;                      ///< +1 rising, −1 falling, 0 no significant change
};
inline constexpr uint64_t kMinTrendBase = 5;

/// A negative theme of a touchpoint: score = volume × negativity (the mean
/// −score of the negative sentences holding it); quotes most negative first.
struct PainPoint {
  std::string theme;
  uint64_t volume = 0;
  double negativity = 0, score = 0;
  std::vector<Quote> quotes;
  std::optional<PainTrend> trend;  ///< none when the text spans no time
};

struct TouchpointCell {
  std::string id, label, owner;
  std::optional<std::string> stage;  ///< the stage most of its units are on
  uint64_t volume = 0;
  CellScores scores;
  std::vector<JourneyTheme> themes;
  std::vector<PainPoint> pain_points;  ///< highest score first
};

struct UnmappedExample {
  int64_t record = 0;
  std::string text, language;
};

/// One cell of the stage × touchpoint grid: the responses whose words map
/// to the touchpoint on that stage; volume counts those responses, each
/// once (sentiment shares count their text units).
struct GridCell {
  std::string stage, touchpoint;  ///< ids
  uint64_t volume = 0;
  CellScores scores;
};

/// The map over some facts: every stage and touchpoint of the model (and
/// any other the data names), in the model's order.
struct MapBody {
  uint64_t records = 0;
  std::vector<StageCell> stages;
  std::vector<TouchpointCell> touchpoints;
  std::vector<GridCell> grid;  ///< only the cells with volume, stage-major in map order
  uint64_t unmapped = 0;
  std::vector<UnmappedExample> unmapped_examples;
  uint64_t not_analysed = 0;
};

/// The headline: every response in the window that gave a score, whether
/// or not it carries text (scores.sentiment is unused: only responses with
/// text have one).
struct OverallScores {
  uint64_t responses = 0, with_text = 0;
  CellScores scores;
  std::string basis;
};

struct JourneyGroup {
  std::string value;  ///< of the --by field
  MapBody map;
};

struct JourneyMap {
  std::string model;
  JourneyQuery query;
  OverallScores overall;
  std::string score_basis;
  MapBody all;
  std::vector<JourneyGroup> groups;  ///< one per value of query.by
  /// (response, touchpoint id) for every response with a negative customer
  /// sentence at that touchpoint, each pair once: what key drivers read.
  std::vector<std::pair<int64_t, std::string>> negative_mentions;
};

/// Builds the map from the `facts` view and the sentence-level results of
/// `db` (read through core/storage).
Result<JourneyMap> BuildJourneyMap(SqliteDb& db, const JourneyLabels& labels,
                                   const JourneyQuery& query);

}  // namespace cxmap::core
