// SPDX-License-Identifier: Apache-2.0
#include "cue_set.h"

#include <fstream>
#include <sstream>

namespace cxmap::empathy {

namespace {

std::string_view HostKind(CueRole role) {
  switch (role) {
    case CueRole::kNegator: return "negator";
    case CueRole::kIntensifier: return "intensifier";
    default: return "cue";
  }
}

}  // namespace

Result<CueSet> CueSet::Build(const TextServices& text, std::vector<CueEntry> entries,
                             std::string_view origin) {
  // One host line per entry and nothing else, so the host's entry index is
  // our vector index. Cue weights stay ours: the host only needs to know
  // what is a negator or an intensifier.
  std::string tsv;
  for (const CueEntry& e : entries) {
    if (e.term.find_first_of("\t\r\n") != std::string::npos) {
      return Status::InvalidArgument(e.origin + ": term contains a tab or line break");
    }
    std::string weight = e.role == CueRole::kIntensifier ? std::to_string(e.weight) : "1";
    tsv += e.term + "\t" + weight + "\t" + std::string(HostKind(e.role));
    if (!e.lang.empty()) tsv += "\t" + e.lang;
    tsv += "\n";
  }
  auto lexicon = text.ParseLexicon(tsv, origin);
  if (!lexicon.ok()) return lexicon.status();
  CueSet set;
  set.entries_ = std::move(entries);
  set.lexicon_ = std::move(lexicon.value());
  return set;
}

Result<CueSet> CueSet::Load(const TextServices& text, const std::string& dir) {
  std::vector<CueEntry> all;
  for (const auto& [name, lang] : kCueFiles) {
    std::string path = dir + "/" + std::string(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cue file missing (set option cue_dir)");
    std::stringstream ss;
    ss << in.rdbuf();
    auto entries = ParseCueFile(ss.str(), lang, path);
    if (!entries.ok()) return entries.status();
    for (CueEntry& e : *entries) all.push_back(std::move(e));
  }
  return Build(text, std::move(all), dir + "/[empathy cues]");
}

}  // namespace cxmap::empathy
