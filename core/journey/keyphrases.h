// SPDX-License-Identifier: Apache-2.0
// Themes: the phrases that characterise a group of texts (a touchpoint's
// feedback, its negative sentences) against the whole corpus.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text/text_analyzer.h"

namespace cxmap::core {

/// The candidate phrases of one text: runs of one to three adjacent word
/// tokens inside a sentence (segmented by the core text services, so Thai
/// and Chinese words count as words), keyed by their folded form, that
/// neither start nor end with a stop word and are not bare numbers. Each
/// phrase appears once per text (document frequency).
class PhraseExtractor {
 public:
  /// The distinct phrase keys of `text`, with their first surface form.
  const std::vector<std::pair<std::string, std::string>>& Extract(std::string_view text,
                                                                   std::string_view language_hint = {});

 private:
  // Without the Chinese words plugins taught the segmenter: `run`
  // (plugins loaded) and `report` (none) must find the same themes in the
  // same store. Thai words a plugin adds are merged into the one Thai
  // dictionary and still apply; no built-in plugin adds any.
  TextAnalyzer analyzer_{false};
  std::vector<std::pair<std::string, std::string>> out_;
};

/// True for a word that carries no theme on its own in vi, th, zh or en
/// (function words, pronouns, fillers, generic verbs). Keys are folded
/// (lower case, Vietnamese diacritics off, Simplified Chinese).
bool IsStopWord(std::string_view key);
/// True for a folded word that may start or sit inside a theme but never
/// end one ("bao" in "bao bì", never "bao" or "app bao").
bool IsNeverLastWord(std::string_view key);

/// Adds the user's own stop words (any language, folded here as phrase
/// keys are) for the rest of the process: the config file's
/// `[themes] stop_words`. Call before any phrase is extracted.
void AddStopWords(const std::vector<std::string>& words);

/// Document frequencies of phrases over a corpus, and the scoring of a
/// group against it.
class PhraseStats {
 public:
  void AddDocument(const std::vector<std::pair<std::string, std::string>>& phrases);
  uint64_t documents() const { return documents_; }
  uint64_t df(const std::string& key) const;
  /// A readable surface form of `key` (the first seen).
  const std::string& surface(const std::string& key) const;

 private:
  std::unordered_map<std::string, uint64_t> df_;
  std::unordered_map<std::string, std::string> surface_;
  uint64_t documents_ = 0;
};

struct Theme {
  std::string key;
  std::string phrase;  ///< surface form
  uint64_t volume = 0; ///< texts of the group containing it
  double lift = 0;     ///< P(phrase | group) / P(phrase | corpus)
  double score = 0;
};

/// The top `limit` themes of `group` (phrase document frequencies inside
/// the group, `group_size` texts) against `corpus`: a theme must occur in
/// at least `min_volume` texts of the group and be more frequent there than
/// in the corpus (lift > 1). Score = volume × log2(1 + lift) × weight,
/// where `weight(key)` lets a caller fold in negativity. Longer phrases
/// that contain a shorter theme with the same volume replace it.
std::vector<Theme> TopThemes(const std::unordered_map<std::string, uint64_t>& group,
                             uint64_t group_size, const PhraseStats& corpus, size_t limit,
                             uint64_t min_volume,
                             const std::unordered_map<std::string, double>* weight = nullptr);

}  // namespace cxmap::core
