// SPDX-License-Identifier: Apache-2.0
#include "term_table.h"

#include <fstream>
#include <sstream>

namespace cxmap::stakeholder {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<TermTable> TermTable::Parse(std::string_view tsv, std::string_view origin, const FoldFn& fold) {
  TermTable table;
  size_t line_no = 0;
  for (size_t start = 0; start < tsv.size();) {
    size_t nl = tsv.find('\n', start);
    std::string_view line = tsv.substr(start, nl == std::string_view::npos ? nl : nl - start);
    start = nl == std::string_view::npos ? tsv.size() : nl + 1;
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (TrimSpaces(line).empty() || TrimSpaces(line).front() == '#') continue;
    auto where = [&] { return std::string(origin) + ":" + std::to_string(line_no) + ": "; };
    auto cols = SplitTabs(line);
    if (cols.size() < 2) return Status::InvalidArgument(where() + "expected term<TAB>value");
    TermEntry e{std::string(TrimSpaces(cols[0])), {}, std::string(TrimSpaces(cols[1])),
                cols.size() > 2 ? std::string(TrimSpaces(cols[2])) : std::string()};
    if (e.term.empty() || e.value.empty()) {
      return Status::InvalidArgument(where() + "empty term or value");
    }
    e.folded = std::string(TrimSpaces(fold(e.term)));
    if (e.folded.empty()) return Status::InvalidArgument(where() + "term '" + e.term + "' folds to nothing");
    table.entries_.push_back(std::move(e));
  }
  return table;
}

const TermEntry* TermTable::FindLongest(std::string_view text) const {
  const TermEntry* best = nullptr;
  for (const TermEntry& e : entries_) {
    if (best != nullptr && e.folded.size() <= best->folded.size()) continue;
    const std::string& t = e.folded;
    for (size_t at = text.find(t); at != std::string_view::npos; at = text.find(t, at + 1)) {
      bool left_ok = !IsAsciiAlnum(t.front()) || at == 0 || !IsAsciiAlnum(text[at - 1]);
      size_t end = at + t.size();
      bool right_ok = !IsAsciiAlnum(t.back()) || end == text.size() || !IsAsciiAlnum(text[end]);
      if (left_ok && right_ok) {
        best = &e;
        break;
      }
    }
  }
  return best;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace cxmap::stakeholder
