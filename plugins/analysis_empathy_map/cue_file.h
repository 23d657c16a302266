// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cxmap/status.h"

namespace cxmap::empathy {

/// The four quadrants of an empathy map. `kSays` is the residual one.
enum class Quadrant { kSays = 0, kThinks = 1, kFeels = 2, kDoes = 3 };
inline constexpr int kQuadrantCount = 4;

/// Plutchik's eight basic emotions; kNone for "no emotion".
enum class Emotion { kNone, kJoy, kTrust, kFear, kSurprise, kSadness, kDisgust, kAnger, kAnticipation };

std::string_view QuadrantName(Quadrant q);
std::string_view EmotionName(Emotion e);  ///< "" for kNone
std::optional<Emotion> ParseEmotion(std::string_view name);

/// The emotion a negated cue expresses when its file gives none: Plutchik's
/// opposite (joy↔sadness, trust↔disgust, surprise↔anticipation), except
/// that "not afraid" and "not angry" read as trust (calm), not as anger
/// and fear.
Emotion NegatedDefault(Emotion e);

/// What a line of a cue file does.
enum class CueRole {
  kCue,          ///< votes for its quadrant
  kBlock,        ///< matches and means nothing: hides shorter cues inside it ("vui lòng")
  kAgent,        ///< someone else as subject ("shipper", "staff", 被): the action after it is not the customer's
  kSelf,         ///< the customer as subject ("tôi", "I", 我): resets kAgent
  kNegator,      ///< host negation ("không", "ไม่", 不, "not")
  kIntensifier,  ///< host intensifier ("rất", "very")
};

/// One line of a cue file (see data/SOURCE.md for the format).
struct CueEntry {
  CueRole role = CueRole::kCue;
  Quadrant quadrant = Quadrant::kSays;
  std::string term;
  double weight = 1;
  std::string item;  ///< what the cue is about: "call", "angry", "doubt", "request"…
  Emotion emotion = Emotion::kNone;
  Emotion negated_emotion = Emotion::kNone;
  bool agent_too = false;  ///< a says cue that also reports someone else ("nói là", "said")
  std::string lang;        ///< language scope for the host matcher; "" = any
  std::string origin;      ///< "file:line", for messages
};

/// Parses a cue file: `kind<TAB>term[<TAB>weight[<TAB>item[<TAB>emotion[<TAB>negated]]]]`,
/// '#' comments and blank lines skipped. kind ∈ feels|thinks|does|says|
/// quote|block|agent|self|negator|intensifier. Entries get `lang` as scope.
/// Errors name `origin:line` and the reason; no entry is returned then.
Result<std::vector<CueEntry>> ParseCueFile(std::string_view text, std::string_view lang,
                                           std::string_view origin);

}  // namespace cxmap::empathy
