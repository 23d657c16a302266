// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cue_file.h"
#include "cxmap/analysis_plugin.h"

namespace cxmap::empathy {

/// One cue found in a sentence, in text order.
struct Hit {
  const CueEntry* cue = nullptr;  ///< never null; owned by the CueSet
  std::string_view text;          ///< the words as written in the feedback
  size_t begin = 0;               ///< their first byte in the record's text
  uint32_t clause = 0;            ///< clause index in the record (punctuation ends a clause)
  bool negated = false;           ///< a negator precedes it in its clause (host matcher)
  std::string_view negator;       ///< that negator's text, when found
};

/// The quadrant of one sentence and why.
struct SentenceVerdict {
  Quadrant quadrant = Quadrant::kSays;
  Emotion emotion = Emotion::kNone;  ///< set for feels only
  std::string item;                  ///< the top cue's item ("call", "angry", "not happy", "request"…)
  std::vector<std::string> evidence;
  std::vector<EvidenceSpan> spans;   ///< where each cue of `evidence` is
  /// An action cue was set aside: someone else did it, or the sentence asks
  /// the reader to ("shipper gọi mà không ai nghe", "please change it").
  bool action_not_the_customers = false;
};

/// The record-level summary of its sentences.
struct RecordVerdict {
  Quadrant quadrant = Quadrant::kSays;
  Emotion emotion = Emotion::kNone;  ///< most frequent emotion of its feels sentences
  std::array<int, kQuadrantCount> counts{};  ///< sentences per quadrant, by Quadrant value
  std::vector<std::string> evidence;
  std::vector<EvidenceSpan> spans;
};

/// Decides one sentence from its hits (see README "How it decides"):
///  1. an action cue ("does") whose nearest subject before it in the same
///     clause is someone else (agent, reported speech) is not the
///     customer's; none counts when the sentence is a request to the reader;
///  2. each of feels, thinks, does scores the sum of its cue weights;
///  3. the first of feels > thinks > does scoring ≥ 1 wins ("I called and
///     was furious" → feels; "I think I'll cancel" → thinks);
///  4. otherwise the highest score > 0 (weak cues such as a lone emoji), ties
///     in the same order; otherwise says.
/// `question` tells whether the sentence asks (a '?'); it only names the
/// item of a says sentence. Stateless and thread-safe.
SentenceVerdict DecideSentence(std::span<const Hit> hits, bool question);

/// Combines sentence verdicts: the quadrant most sentences fall in apart
/// from says (ties: feels > thinks > does), says only when every sentence
/// is says. Evidence is that of the sentences in the chosen quadrant.
RecordVerdict DecideRecord(std::span<const SentenceVerdict> sentences);

}  // namespace cxmap::empathy
