// SPDX-License-Identifier: Apache-2.0
#include "core/text/lexicon.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/text/lexicon_matcher.h"
#include "core/text/text_analyzer.h"

namespace cxmap::core {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  while (true) {
    size_t tab = line.find('\t');
    cols.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return cols;
    line.remove_prefix(tab + 1);
  }
}

bool ParseKind(std::string_view s, EntryKind* kind) {
  static constexpr std::pair<std::string_view, EntryKind> kNames[] = {
      {"", EntryKind::kCue}, {"cue", EntryKind::kCue}, {"negator", EntryKind::kNegator},
      {"intensifier", EntryKind::kIntensifier}, {"diminisher", EntryKind::kDiminisher},
      {"contrast", EntryKind::kContrast}};
  for (const auto& [name, k] : kNames) {
    if (s == name) return *kind = k, true;
  }
  return false;
}

double DefaultWeight(EntryKind kind) {
  return kind == EntryKind::kIntensifier ? 1.5 : kind == EntryKind::kDiminisher ? 0.5 : 1.0;
}

}  // namespace

Result<std::unique_ptr<Lexicon>> Lexicon::Parse(std::string_view tsv, std::string_view origin,
                                                TextAnalyzer* analyzer) {
  auto lexicon = std::unique_ptr<Lexicon>(new Lexicon());
  std::unordered_map<std::string, int32_t> groups;  // key → group, while loading
  uint32_t line_no = 0;
  while (!tsv.empty()) {
    size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols = SplitTabs(line);
    auto where = [&] { return std::string(origin) + ":" + std::to_string(line_no) + ": "; };
    LexiconEntry e;
    e.term = std::string(cols[0]);
    e.line = line_no;
    if (cols.size() > 2 && !ParseKind(cols[2], &e.kind)) {
      return Status::InvalidArgument(where() + "unknown kind '" + std::string(cols[2]) + "'");
    }
    e.weight = DefaultWeight(e.kind);
    if (cols.size() > 1 && !cols[1].empty()) {
      auto [ptr, ec] = std::from_chars(cols[1].data(), cols[1].data() + cols[1].size(), e.weight);
      if (ec != std::errc() || ptr != cols[1].data() + cols[1].size()) {
        return Status::InvalidArgument(where() + "weight '" + std::string(cols[1]) + "' is not a number");
      }
    }
    if (cols.size() > 3) e.lang = std::string(cols[3]);
    if (cols.size() > 4 && !cols[4].empty()) {
      if (cols[4] != "not-capitals") {
        return Status::InvalidArgument(where() + "unknown option '" + std::string(cols[4]) +
                                       "' (known: not-capitals)");
      }
      e.not_in_capitals = true;
    }
    Status s = lexicon->Add(std::move(e), analyzer, &groups);
    if (!s.ok()) return Status::InvalidArgument(where() + s.message());
  }
  if (!lexicon->trie_.Build({groups.begin(), groups.end()})) {  // views into `groups`
    return Status::Internal(std::string(origin) + ": cannot index the lexicon keys");
  }
  std::vector<std::pair<std::string_view, int32_t>> modifiers;
  for (const auto& [key, group] : groups) {
    if (lexicon->modifier_[group]) modifiers.emplace_back(key, group);
  }
  if (!lexicon->modifier_trie_.Build(std::move(modifiers))) {
    return Status::Internal(std::string(origin) + ": cannot index the modifier keys");
  }
  if (!lexicon->BuildLatinWords(groups)) {
    return Status::Internal(std::string(origin) + ": cannot index the lexicon's words");
  }
  return lexicon;
}

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& path, TextAnalyzer* analyzer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open lexicon " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return Parse(buf.str(), path, analyzer);
}

Status Lexicon::Add(LexiconEntry entry, TextAnalyzer* analyzer,
                    std::unordered_map<std::string, int32_t>* groups) {
  LexiconMatcher keyer;
  size_t units = keyer.KeyOf(analyzer->Analyze(entry.term, entry.lang), &entry.key, &entry.exact);
  if (units == 0) return Status::InvalidArgument("term '" + entry.term + "' has no words");
  if (units > max_units_) max_units_ = units;
  auto [it, added] = groups->try_emplace(entry.key, int32_t(groups_.size()));
  int32_t group = it->second;
  if (added) groups_.emplace_back(), modifier_.push_back(false);
  EntryKind k = entry.kind;
  if (k == EntryKind::kNegator || k == EntryKind::kIntensifier || k == EntryKind::kDiminisher) {
    modifier_[group] = true;
  }
  groups_[group].push_back(uint32_t(entries_.size()));
  plain_.push_back(entry.exact == entry.key);
  entries_.push_back(std::move(entry));
  return Status::Ok();
}

bool Lexicon::BuildLatinWords(const std::unordered_map<std::string, int32_t>& groups) {
  std::unordered_map<std::string_view, int32_t> words;
  for (const auto& [key, group] : groups) {
    bool negator = false;
    for (uint32_t e : groups_[group]) negator |= entries_[e].kind == EntryKind::kNegator;
    std::string_view rest = key;
    bool one_word = rest.find(' ') == std::string_view::npos;
    while (!rest.empty()) {
      std::string_view word = rest.substr(0, rest.find(' '));
      rest.remove_prefix(std::min(rest.size(), word.size() + 1));
      bool ascii_letters = !word.empty();
      for (char c : word) ascii_letters &= c >= 'a' && c <= 'z';
      if (!ascii_letters) continue;
      int32_t& value = words[word];
      value |= negator && one_word;
    }
  }
  return latin_words_.Build({words.begin(), words.end()}) || words.empty();
}

const std::vector<uint32_t>* Lexicon::Find(std::string_view key) const {
  int32_t group = trie_.Find(key);
  return group >= 0 ? &groups_[group] : nullptr;
}

bool Lexicon::IsModifierKey(std::string_view key) const {
  int32_t group = trie_.Find(key);
  return group >= 0 && modifier_[group];
}

}  // namespace cxmap::core
