// SPDX-License-Identifier: Apache-2.0
#include "csv_reader.h"

#include <cstring>

namespace cxmap::csv {

CsvReader::CsvReader(Options options) : options_(options) {
  is_special_[static_cast<unsigned char>(options_.delimiter)] = true;
  is_special_[static_cast<unsigned char>(options_.quote)] = true;
  is_special_[static_cast<unsigned char>('\n')] = true;
  is_special_[static_cast<unsigned char>('\r')] = true;
}

void CsvReader::Feed(std::string_view chunk, bool last) {
  p_ = chunk.data();
  end_ = chunk.data() + chunk.size();
  last_ = last;
}

CsvReader::Event CsvReader::Next(CsvRow* row) {
  if (row_done_) {
    data_.clear();
    ends_.clear();
    unterminated_ = false;
    too_large_ = false;
    row_done_ = false;
  }
  while (true) {
    if (p_ == end_) {
      if (!last_) return Event::kNeedInput;
      if (state_ == State::kRecordStart) return Event::kEnd;
      // End of input inside a record: the record ends here. Only an open
      // quoted field makes that an error.
      if (state_ == State::kQuoted) unterminated_ = true;
      EndField();
      state_ = State::kRecordStart;
      FinishRow(row);
      return Event::kRow;
    }
    bool row_complete = false;
    switch (state_) {
      case State::kRecordStart:
        StepRecordStart();
        break;
      case State::kFieldStart:
        if (*p_ == options_.quote) {
          ++p_;
          prev_cr_ = false;
          state_ = State::kQuoted;
        } else {
          state_ = State::kUnquoted;
        }
        break;
      case State::kUnquoted:
        StepUnquoted();
        row_complete = state_ == State::kRecordStart;
        break;
      case State::kQuoted:
        StepQuoted();
        break;
      case State::kQuoteInQuoted:
        row_complete = StepQuoteInQuoted();
        break;
    }
    if (row_complete) {
      FinishRow(row);
      return Event::kRow;
    }
  }
}

bool CsvReader::StepRecordStart() {
  char c = *p_;
  if (skip_lf_) {
    skip_lf_ = false;
    if (c == '\n') {  // second half of a CRLF already counted at the CR
      ++p_;
      return false;
    }
  }
  if (c == '\n' || c == '\r') {  // blank line: no record
    ++p_;
    ++line_;
    skip_lf_ = c == '\r';
    return false;
  }
  row_line_ = line_;
  state_ = State::kFieldStart;
  return true;
}

void CsvReader::StepUnquoted() {
  const char* s = p_;
  // The hot loop: most bytes are plain text.
  while (s < end_ && !is_special_[static_cast<unsigned char>(*s)]) ++s;
  Append(p_, s);
  p_ = s;
  if (s == end_) return;
  char c = *s;
  if (c == options_.delimiter) {
    EndField();
    ++p_;
    state_ = State::kFieldStart;
  } else if (c == '\n' || c == '\r') {
    EndField();
    EndLine();
  } else {  // a quote inside an unquoted field is data
    Append(s, s + 1);
    ++p_;
  }
}

void CsvReader::StepQuoted() {
  const void* q = std::memchr(p_, options_.quote, static_cast<size_t>(end_ - p_));
  const char* stop = q ? static_cast<const char*>(q) : end_;
  CountLineBreaks(p_, stop);
  Append(p_, stop);
  p_ = stop;
  if (q) {
    ++p_;
    prev_cr_ = false;
    state_ = State::kQuoteInQuoted;
  }
}

bool CsvReader::StepQuoteInQuoted() {
  char c = *p_;
  if (c == options_.quote) {  // "" is an escaped quote
    Append(p_, p_ + 1);
    ++p_;
    state_ = State::kQuoted;
  } else if (c == options_.delimiter) {
    EndField();
    ++p_;
    state_ = State::kFieldStart;
  } else if (c == '\n' || c == '\r') {
    EndField();
    EndLine();
    return true;
  } else {
    // Text after a closing quote ("ab"c): keep it, as Excel does, instead of
    // losing the whole record to a typo.
    state_ = State::kUnquoted;
  }
  return false;
}

void CsvReader::EndLine() {
  char c = *p_;
  ++p_;
  ++line_;
  skip_lf_ = c == '\r';
  state_ = State::kRecordStart;
}

void CsvReader::CountLineBreaks(const char* begin, const char* end) {
  for (const char* s = begin; s < end; ++s) {
    char c = *s;
    if (c == '\r') {
      ++line_;
      prev_cr_ = true;
    } else {
      if (c == '\n' && !prev_cr_) ++line_;
      prev_cr_ = false;
    }
  }
}

void CsvReader::Append(const char* begin, const char* end) {
  if (too_large_ || begin == end) return;
  size_t n = static_cast<size_t>(end - begin);
  size_t used = data_.size() + ends_.size() * sizeof(size_t);
  if (used + n > options_.max_record_bytes) {
    too_large_ = true;
    n = options_.max_record_bytes > used ? options_.max_record_bytes - used : 0;
  }
  data_.append(begin, n);
}

void CsvReader::EndField() {
  if (too_large_) return;
  if (data_.size() + (ends_.size() + 1) * sizeof(size_t) > options_.max_record_bytes) {
    too_large_ = true;
    return;
  }
  ends_.push_back(data_.size());
}

void CsvReader::FinishRow(CsvRow* row) {
  row->line = row_line_;
  row->unterminated_quote = unterminated_;
  row->too_large = too_large_;
  row->problem = {};
  row->fields.clear();
  size_t begin = 0;
  for (size_t end : ends_) {
    row->fields.emplace_back(data_.data() + begin, end - begin);
    begin = end;
  }
  row_done_ = true;
}

char DetectDelimiter(std::string_view sample, bool sample_is_whole_file, size_t* columns) {
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  constexpr int kMaxRows = 50;
  char best = ',';
  double best_score = -1;
  size_t best_columns = 1;
  for (char candidate : kCandidates) {
    CsvReader reader({candidate, '"', size_t{1} << 20});
    reader.Feed(sample, sample_is_whole_file);
    CsvRow row;
    size_t first = 0;
    int rows = 0;
    int consistent = 0;
    while (rows < kMaxRows && reader.Next(&row) == CsvReader::Event::kRow) {
      if (rows == 0) first = row.fields.size();
      consistent += row.fields.size() == first ? 1 : 0;
      ++rows;
    }
    if (rows == 0 || first <= 1) continue;
    double score = static_cast<double>(consistent) / rows;
    // Consistency first; among equally consistent splits the finer one wins.
    if (score > best_score || (score == best_score && first > best_columns)) {
      best = candidate;
      best_score = score;
      best_columns = first;
    }
  }
  if (columns != nullptr) *columns = best_columns;
  return best;
}

std::string DelimiterName(char delimiter) {
  switch (delimiter) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case '|': return "pipe";
    default: return std::string("'") + delimiter + "'";
  }
}

}  // namespace cxmap::csv
