// SPDX-License-Identifier: Apache-2.0
#include "csv_reader.h"

#include <gtest/gtest.h>

namespace cxmap::csv {
namespace {

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<uint64_t> lines;
  std::vector<bool> unterminated;
};

Parsed Parse(std::string_view text, char delimiter = ',', size_t chunk = 1 << 20,
             size_t max_bytes = size_t{1} << 20) {
  CsvReader reader({delimiter, '"', max_bytes});
  Parsed out;
  size_t pos = std::min(chunk, text.size());
  reader.Feed(text.substr(0, chunk), pos >= text.size());
  CsvRow row;
  while (true) {
    auto e = reader.Next(&row);
    if (e == CsvReader::Event::kEnd) break;
    if (e == CsvReader::Event::kNeedInput) {
      reader.Feed(text.substr(pos, chunk), pos + chunk >= text.size());
      pos = std::min(pos + chunk, text.size());
      continue;
    }
    out.rows.emplace_back(row.fields.begin(), row.fields.end());
    out.lines.push_back(row.line);
    out.unterminated.push_back(row.unterminated_quote);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, SplitsOnEachSupportedDelimiter) {
  for (char d : {',', ';', '\t', '|'}) {
    std::string text = std::string("a") + d + "b" + d + "c\n1" + d + "\"x" + d + "y\"" + d + "3\n";
    EXPECT_EQ(Parse(text, d).rows, (Rows{{"a", "b", "c"}, {"1", std::string("x") + d + "y", "3"}}))
        << "delimiter " << d;
  }
}

TEST(CsvReader, HandlesLfCrlfAndCrLineEnds) {
  for (std::string eol : {"\n", "\r\n", "\r"}) {
    std::string text = "a,b" + eol + "1,2" + eol + "3,4" + eol;
    Parsed p = Parse(text);
    EXPECT_EQ(p.rows, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
    EXPECT_EQ(p.lines, (std::vector<uint64_t>{1, 2, 3}));
    // A chunk boundary between CR and LF must not make an extra line.
    EXPECT_EQ(Parse(text, ',', 4).lines, (std::vector<uint64_t>{1, 2, 3}));
  }
}

TEST(CsvReader, QuotedMultiLineFieldsKeepLineNumbersRight) {
  std::string text = "id,comment\n1,\"first line\nsecond\r\nthird\rfourth\"\n2,next\n3,\"a\"\"b\"\n";
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{5}, size_t{1000}}) {
    Parsed p = Parse(text, ',', chunk);
    ASSERT_EQ(p.rows.size(), 4u);
    EXPECT_EQ(p.rows[1][1], "first line\nsecond\r\nthird\rfourth");
    EXPECT_EQ(p.rows[3][1], "a\"b");
    EXPECT_EQ(p.lines, (std::vector<uint64_t>{1, 2, 6, 7})) << "chunk " << chunk;
  }
}

TEST(CsvReader, UnterminatedQuoteAtEofIsFlaggedWithItsLine) {
  Parsed p = Parse("a,b\n1,ok\n2,\"never closed\nmore text\n");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_FALSE(p.unterminated[1]);
  EXPECT_TRUE(p.unterminated[2]);
  EXPECT_EQ(p.lines[2], 3u);
}

TEST(CsvReader, SkipsBlankLinesAndKeepsTrailingEmptyField) {
  Parsed p = Parse("a,b\n\n1,\n\r\n2,x");
  EXPECT_EQ(p.rows, (Rows{{"a", "b"}, {"1", ""}, {"2", "x"}}));
  EXPECT_EQ(p.lines, (std::vector<uint64_t>{1, 3, 5}));
}

TEST(CsvReader, KeepsStrayQuotesLiterally) {
  EXPECT_EQ(Parse("a,b\n5'3\",\"x\"y\n").rows, (Rows{{"a", "b"}, {"5'3\"", "xy"}}));
}

TEST(CsvReader, BoundsMemoryOnHugeRecord) {
  std::string text = "a,b\n1,\"" + std::string(5000, 'x') + "\"\n2,y\n";
  CsvReader reader({',', '"', 1024});
  reader.Feed(text, true);
  CsvRow row;
  ASSERT_EQ(reader.Next(&row), CsvReader::Event::kRow);
  ASSERT_EQ(reader.Next(&row), CsvReader::Event::kRow);
  EXPECT_TRUE(row.too_large);
  ASSERT_EQ(reader.Next(&row), CsvReader::Event::kRow);
  EXPECT_FALSE(row.too_large);
  EXPECT_EQ(row.line, 3u);
  EXPECT_EQ(row.fields[1], "y");
}

TEST(CsvReader, DetectsDelimiterQuoteAware) {
  size_t columns = 0;
  EXPECT_EQ(DetectDelimiter("id;comment;nps\n1;\"good, fast\";9\n2;ok;8\n", true, &columns), ';');
  EXPECT_EQ(columns, 3u);
  EXPECT_EQ(DetectDelimiter("id\tcomment\n1\tcheap, good; fast\n", true, &columns), '\t');
  EXPECT_EQ(DetectDelimiter("id|comment\n1|a,b;c\n", true, &columns), '|');
  EXPECT_EQ(DetectDelimiter("id,comment\n1,\"a;b|c\"\n", true, &columns), ',');
  EXPECT_EQ(DetectDelimiter("just text\nmore text\n", true, &columns), ',');
  EXPECT_EQ(columns, 1u);
}

}  // namespace
}  // namespace cxmap::csv
