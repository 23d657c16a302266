// SPDX-License-Identifier: Apache-2.0
#include "lexicon_set.h"

#include <fstream>
#include <sstream>

#include "cxmap/support/language_group.h"

namespace cxmap::sentiment {

const std::map<std::string, std::vector<std::string>>& LexiconFiles() {
  static const std::map<std::string, std::vector<std::string>> kFiles = {
      {"en", {"en.tsv", "en_vader_afinn.tsv", "emoticons.tsv", "emoji_sentiment_ranking.tsv"}},
      {"vi", {"vi.tsv", "emoticons.tsv", "emoji_sentiment_ranking.tsv"}},
      {"th", {"th.tsv", "th_wisesight.tsv", "th_pythainlp.tsv", "emoticons.tsv",
              "emoji_sentiment_ranking.tsv"}},
      {"zh", {"zh.tsv", "emoticons.tsv", "emoji_sentiment_ranking.tsv"}},
  };
  return kFiles;
}

std::string_view LexiconGroup(std::string_view tag) { return support::LanguageGroup(tag); }

Result<LexiconSet> LexiconSet::Load(const TextServices& text, const std::string& dir) {
  LexiconSet set;
  for (const auto& [group, files] : LexiconFiles()) {
    // One lexicon per group, its files concatenated in order (the project's
    // own, reviewed file first).
    std::string tsv;
    for (const auto& name : files) {
      std::string path = dir + "/" + name;
      std::ifstream in(path, std::ios::binary);
      if (!in) return Status::NotFound(path + ": lexicon file missing (set option lexicon_dir)");
      std::stringstream ss;
      ss << in.rdbuf();
      tsv += ss.str();
      if (!tsv.empty() && tsv.back() != '\n') tsv += '\n';
    }
    auto lexicon = text.ParseLexicon(tsv, dir + "/[" + group + "]");
    if (!lexicon.ok()) return lexicon.status();
    set.by_group_.emplace(group, std::move(lexicon.value()));
  }
  return set;
}

const Lexicon& LexiconSet::For(std::string_view group) const {
  auto it = by_group_.find(group);
  return it != by_group_.end() ? it->second : by_group_.find("en")->second;
}

}  // namespace cxmap::sentiment
