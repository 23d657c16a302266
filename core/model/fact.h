// SPDX-License-Identifier: Apache-2.0
// What the journey map is built from, as the store reads it: a unit with
// its response's fields and its role values (Fact), and one sentence of it
// (Unit). Plain data shared by core/storage (which reads them) and
// core/journey (which maps them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cxmap::core {

/// One unit, from the `facts` view.
struct Fact {
  int64_t record = 0;
  int64_t response = 0;  ///< the response the unit belongs to
  std::string text, lang, channel, segment;
  std::optional<int64_t> time_ms;
  std::optional<double> nps, csat, ces, rating, duration_s, hold_s;
  std::string disposition;  ///< a call's outcome, as the source wrote it
  std::string touchpoint, stage, owner;  ///< empty when unmapped
  int sentiment_label = 0;               ///< +1 / 0 / -1
  std::optional<double> sentiment;       ///< score; empty when not analysed
  bool journey_done = false;
};

/// One sentence of a unit with its own touchpoint and sentiment, or the
/// whole unit when no sentence-level results were stored.
struct Unit {
  size_t fact = 0;  ///< index into the facts
  std::string text;
  std::string touchpoint;
  int sentiment_label = 0;
  double sentiment = 0;
  /// The evidence of the sentence's touchpoint (a JSON array such as
  /// ["cue:giao hàng"]): the words that named it are no pain of it.
  std::string touchpoint_evidence;
};

/// +1 / 0 / -1 for a sentiment label.
inline int LabelValue(std::string_view label) {
  return label == "positive" ? 1 : label == "negative" ? -1 : 0;
}

}  // namespace cxmap::core
