// SPDX-License-Identifier: Apache-2.0
// Split() / OpenPiece() (ABI 1.6, issue 19): reading every piece gives
// exactly what reading the whole file gives, for generated tricky inputs
// and every export fixture of the repository; bad tokens are refused; what
// cannot be cut exactly is not cut.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "csv_survey_source.h"
#include "cxmap/support/content_hash.h"
#include "piece_split.h"
#include "survey_run.h"

namespace cxmap::csv::testing {
namespace {

namespace fs = std::filesystem;
using Options = std::vector<std::pair<std::string, std::string>>;

/// Everything a source says about a file, one line per record, reject and
/// skip, every field spelled out, so a difference shows where it is.
struct Output {
  Status status;
  std::vector<std::string> lines;
  size_t records = 0;
  bool digest_only = false;  // large files: fold the lines into `digest` instead
  size_t items = 0;
  support::ContentHash digest;
  void Add(std::string line) {
    ++items;
    if (digest_only) {
      digest.Add(line);
    } else {
      lines.push_back(std::move(line));
    }
  }
};

std::string Num(const std::optional<double>& v) {
  if (!v) return "-";
  std::ostringstream o;
  o.precision(17);
  o << *v;
  return o.str();
}

std::string Describe(const Record& r) {
  std::ostringstream o;
  o << "R id=" << r.external_id << " resp=" << r.response_id << " line=" << r.line
    << " num=" << r.record_number << " file=" << r.file << " ch=" << static_cast<int>(r.channel)
    << " sub=" << r.sub_channel << " t=" << (r.time_unix_ms ? std::to_string(*r.time_unix_ms) : "-")
    << " lang=" << r.language << " who=" << r.respondent << " seg=" << r.segment
    << " nps=" << Num(r.nps) << " csat=" << Num(r.csat) << " ces=" << Num(r.ces)
    << " rating=" << Num(r.rating) << " role=" << static_cast<int>(r.speaker_role) << " text=[" << r.text
    << "]";
  for (const auto& [k, v] : r.attributes) o << " a[" << k << "=" << v << "]";
  for (const Answer& a : r.answers) {
    o << " ans[" << a.question << "|" << a.question_text << "|" << static_cast<int>(a.kind) << "|"
      << a.value << "|" << Num(a.number) << "|"
      << (a.scale ? Num(a.scale->first) + ".." + Num(a.scale->second) : "-") << "]";
  }
  return o.str();
}

/// A sink that keeps records, rejects and skips in the one order the
/// source reported them, and checks progress.
class OrderedSink {
 public:
  explicit OrderedSink(Output* out) : out_(out) {
    sink_ = {sizeof(cxmap_record_sink), this, 7, &Emit, &OnReject, &OnProgress, &OnSkip};
  }
  const cxmap_record_sink* raw() const { return &sink_; }
  uint64_t done = 0, total = 0;
  int progress_calls = 0;
  bool went_back = false;

 private:
  static int32_t Emit(void* ctx, const cxmap_record* c) {
    auto* self = static_cast<OrderedSink*>(ctx);
    const cxmap_record_sink* conv = self->convert_.raw();
    int32_t rc = conv->emit(conv->ctx, c);
    self->out_->Add(Describe(self->convert_.records.back()));
    self->convert_.records.clear();
    ++self->out_->records;
    return rc;
  }
  static void OnReject(void* ctx, const cxmap_reject* r) {
    static_cast<OrderedSink*>(ctx)->out_->Add(
        "REJECT " + std::string(FromC(r->file)) + ":" + std::to_string(r->line) + " " +
        std::string(FromC(r->reason)) + " [" + std::string(FromC(r->excerpt)) + "]");
  }
  static void OnSkip(void* ctx, const cxmap_reject* r) {
    static_cast<OrderedSink*>(ctx)->out_->Add("SKIP " + std::string(FromC(r->file)) + ":" +
                                                          std::to_string(r->line) + " " +
                                                          std::string(FromC(r->reason)));
  }
  static void OnProgress(void* ctx, uint64_t done, uint64_t total) {
    auto* self = static_cast<OrderedSink*>(ctx);
    if (done < self->done) self->went_back = true;
    self->done = done;
    self->total = total;
    ++self->progress_calls;
  }
  Output* out_;
  FakeSink convert_;
  cxmap_record_sink sink_;
};

/// The last "read whole, not in pieces: why" a source logged.
thread_local std::string last_why_whole;

void KeepWhyWhole(void*, int32_t, cxmap_str message) {
  std::string_view m = FromC(message);
  if (m.find("read whole, not in pieces") != std::string_view::npos) last_why_whole = m;
}

std::unique_ptr<CsvSurveySource> MakeSource(const Options& options) {
  static thread_local cxmap_host host;
  host = {sizeof(cxmap_host), CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR, nullptr, &KeepWhyWhole, nullptr, nullptr};
  static thread_local std::vector<cxmap_kv> kv;
  kv.clear();
  for (const auto& [k, v] : options) kv.push_back({ToC(k), ToC(v)});
  auto source = CsvSurveySource::Create(Host(&host), OptionValues(kv.data(), kv.size()));
  if (!source.ok()) {
    ADD_FAILURE() << source.status().message();
    return nullptr;
  }
  return std::move(*source);
}

Status Drain(CsvSurveySource& source, Output* out, uint64_t piece_bytes) {
  OrderedSink sink(out);
  RecordSink rs(sink.raw());
  for (bool at_end = false; !at_end;) {
    Status s = source.NextBatch(rs, at_end);
    if (!s.ok()) return s;
    if (piece_bytes != 0 && sink.progress_calls > 0) {
      EXPECT_EQ(sink.total, piece_bytes);
      EXPECT_LE(sink.done, sink.total);
    }
  }
  EXPECT_FALSE(sink.went_back) << "progress went back";
  if (piece_bytes != 0) {
    EXPECT_EQ(sink.done, piece_bytes) << "a piece ends with all its bytes read";
  }
  return Status::Ok();
}

Output ReadWhole(const std::string& path, const Options& options, bool digest_only = false) {
  Output out;
  out.digest_only = digest_only;
  auto source = MakeSource(options);
  out.status = source->Open(path);
  if (out.status.ok()) out.status = Drain(*source, &out, 0);
  return out;
}

/// Splits with the minimum piece size lowered to `min_piece`, then reads
/// each piece on a fresh instance, in order.
Output ReadPieces(const std::string& path, const Options& options, uint32_t parts, uint64_t min_piece,
                  size_t* pieces_made, bool digest_only = false) {
  Output out;
  out.digest_only = digest_only;
  auto splitter = MakeSource(options);
  splitter->SetMinPieceBytes(min_piece);
  auto pieces = splitter->Split(path, parts);
  if (!pieces.ok()) {
    out.status = pieces.status();
    return out;
  }
  *pieces_made = pieces->size();
  EXPECT_LE(pieces->size(), parts);
  if (pieces->size() < 2) return ReadWhole(path, options, digest_only);
  for (const Piece& piece : *pieces) {
    EXPECT_LE(piece.token.size(), size_t{CXMAP_PIECE_TOKEN_CAPACITY});
    auto source = MakeSource(options);
    out.status = source->OpenPiece(path, piece.token);
    if (!out.status.ok()) return out;
    out.status = Drain(*source, &out, piece.bytes);
    if (!out.status.ok()) return out;
  }
  return out;
}

/// So many parts that every row is a piece of its own: each rejected,
/// skipped or special row is then the first and the last row of a piece.
constexpr uint32_t kEveryRow = 1000000;

void ExpectSameInPieces(const std::string& path, const Options& options, bool must_cut,
                        size_t* cut_count = nullptr,
                        const std::vector<uint32_t>& part_counts = {2, 3, 4, 5, 6, 7}) {
  Output whole = ReadWhole(path, options);
  for (uint32_t parts : part_counts) {
    SCOPED_TRACE(path + ", parts=" + std::to_string(parts));
    size_t made = 0;
    Output pieces = ReadPieces(path, options, parts, 1, &made);
    if (!whole.status.ok()) {
      // Open() refuses the file; Split() (which opens it) may say so too.
      EXPECT_TRUE(!pieces.status.ok() || made < 2);
      continue;
    }
    ASSERT_TRUE(pieces.status.ok()) << pieces.status.message();
    if (must_cut) {
      EXPECT_GE(made, 2u);
    }
    if (cut_count != nullptr && made >= 2) ++*cut_count;
    ASSERT_EQ(whole.lines.size(), pieces.lines.size());
    for (size_t i = 0; i < whole.lines.size(); ++i) ASSERT_EQ(whole.lines[i], pieces.lines[i]) << "item " << i;
  }
}

// ---- generated inputs ---------------------------------------------------------

struct Shape {
  std::string eol = "\n";
  bool bom = false;
  bool id_column = true;
  bool last_newline = true;
  bool unterminated_at_end = false;
  int rows = 240;
};

const char* const kTexts[] = {
    "Giao hàng nhanh, nhân viên thân thiện",
    "พนักงานบริการดีมาก แต่รอนาน",
    "送货很快，但是包装破了",
    "ok",
    "Slow app; \"crashes\" at checkout, twice",
    "line one\nline two\r\nline three",
    "a,b,c \"\" d",
    "",
    "   ",
    "Agent: how can I help?\nCustomer: my order is late",
};

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// A survey export with every row the reader treats specially: quoted
/// newlines (LF and CRLF) and doubled quotes, two text columns, Vietnamese,
/// Thai and Chinese, a rejected row (wrong field count, bad score), blank
/// lines, a row of empty cells, the header repeated mid-file, a row without
/// an id, a byte-order mark starting a row.
std::string Generate(const Shape& s) {
  std::string out = s.bom ? "\xEF\xBB\xBF" : "";
  std::string header = std::string(s.id_column ? "response_id," : "") + "submitted,nps,comment,suggestion,segment";
  out += header + s.eol;
  for (int i = 1; i <= s.rows; ++i) {
    std::string row;
    if (s.id_column) row += (i % 53 == 0 ? std::string() : "R_" + std::to_string(1000 + i)) + ",";
    row += "2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + " 10:0" +
           std::to_string(i % 10) + ":00,";
    row += (i % 31 == 0 ? std::string("11") : i % 4 == 0 ? std::string() : std::to_string(i % 11)) + ",";
    row += Quote(std::string(kTexts[i % 10]) + " #" + std::to_string(i)) + ",";
    row += (i % 3 == 0 ? Quote(kTexts[(i * 7) % 10]) : std::string(kTexts[(i * 3) % 10]).find_first_of(",\"\r\n") == std::string::npos ? std::string(kTexts[(i * 3) % 10]) : std::string()) + ",";
    row += i % 2 ? "gold" : "\"silver\"";
    if (i % 37 == 0) row = row.substr(0, row.rfind(','));  // one field short: rejected
    if (i % 41 == 0) row = header;                         // header repeated mid-file
    if (i % 29 == 0) row = std::string(s.id_column ? 5 : 4, ',');  // a row of empty cells
    if (i % 61 == 0) row = "\xEF\xBB\xBF" + row;            // another export appended
    out += row;
    bool last = i == s.rows;
    if (!last || s.last_newline) out += s.eol;
    if (i % 23 == 0 && !last) out += s.eol;                // a blank line
    if (i % 47 == 0 && !last) out += s.eol + s.eol;
  }
  if (s.unterminated_at_end) out += "R_9999,2024-01-01,5,\"never closed, " + s.eol + "more text";
  return out;
}

Options GeneratedOptions(bool id_column) {
  Options o = {{"text_columns", "comment,suggestion"}, {"time_column", "submitted"}, {"nps_column", "nps"}};
  if (id_column) o.push_back({"id_column", "response_id"});
  return o;
}

TEST(SplitTest, GeneratedInputsReadTheSameInPieces) {
  struct Case {
    std::string name;
    Shape shape;
  };
  std::vector<Case> cases;
  cases.push_back({"lf.csv", Shape{}});
  Shape crlf;
  crlf.eol = "\r\n";
  cases.push_back({"crlf.csv", crlf});
  Shape cr;
  cr.eol = "\r";
  cases.push_back({"cr.csv", cr});
  Shape bom;
  bom.bom = true;
  bom.eol = "\r\n";
  cases.push_back({"bom.csv", bom});
  Shape no_last;
  no_last.last_newline = false;
  cases.push_back({"no_last_newline.csv", no_last});
  Shape open_quote;
  open_quote.unterminated_at_end = true;
  cases.push_back({"unterminated.csv", open_quote});
  Shape no_id;
  no_id.id_column = false;
  cases.push_back({"no_id.csv", no_id});
  Shape tiny;
  tiny.rows = 8;
  cases.push_back({"eight_rows.csv", tiny});
  for (const Case& c : cases) {
    std::string path = WriteTemp("split_" + c.name, Generate(c.shape));
    ExpectSameInPieces(path, GeneratedOptions(c.shape.id_column), true, nullptr,
                       {2, 3, 4, 5, 6, 7, kEveryRow});
  }
  // No header row: the first piece starts at the file's first byte (after
  // the byte-order mark), and the header line is a data row.
  std::string path = WriteTemp("split_no_header.csv", Generate(bom));
  ExpectSameInPieces(path,
                     {{"has_header", "false"}, {"id_column", "1"}, {"time_column", "2"},
                      {"nps_column", "3"}, {"text_columns", "4,5"}},
                     true, nullptr, {2, 3, 4, 5, 6, 7, kEveryRow});
}

TEST(SplitTest, GeneratedInputsAreReallyTricky) {
  // The equivalence above is only worth something if the whole-file read
  // sees every special row.
  std::string path = WriteTemp("split_check.csv", Generate(Shape{}));
  Output whole = ReadWhole(path, GeneratedOptions(true));
  ASSERT_TRUE(whole.status.ok());
  auto count = [&](std::string_view prefix) {
    return std::count_if(whole.lines.begin(), whole.lines.end(),
                         [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
  };
  EXPECT_GE(count("REJECT"), 10);
  EXPECT_GE(count("SKIP"), 5);
  EXPECT_GE(whole.records, 300u);  // two text columns: several records per row
}

TEST(SplitTest, EveryFixtureReadsTheSameInPieces) {
  std::vector<fs::path> dirs = {fs::path(PLUGIN_SOURCE_DIR) / "../../tests/data/fixtures",
                                fs::path(PLUGIN_SOURCE_DIR) / "../../tests/data/transcripts",
                                fs::path(PLUGIN_SOURCE_DIR) / "tests/data"};
  if (const char* shared = std::getenv("CXMAP_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    dirs.push_back(fs::path(shared) / "data" / "fixtures");
  }
  size_t files = 0, cut = 0;
  for (const fs::path& dir : dirs) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".csv" && ext != ".tsv" && ext != ".txt" && ext != ".xlsx")) {
        continue;
      }
      ++files;
      size_t before = cut;
      last_why_whole.clear();
      ExpectSameInPieces(entry.path().string(), {}, false, &cut, {2, 3, 4, 5, 6, 7, kEveryRow});
      if (HasFatalFailure()) return;
      std::cout << "  " << entry.path().lexically_normal().string()
                << (cut > before ? ": cut" : ": read whole") << " "
                << last_why_whole.substr(last_why_whole.find("read whole") == std::string::npos
                                             ? 0
                                             : last_why_whole.find("read whole"))
                << "\n";
    }
  }
  EXPECT_GE(files, 10u);
  EXPECT_GE(cut, 5u * 7) << "most fixtures are UTF-8 CSV and must be cut";
}

// ---- what is not cut ----------------------------------------------------------

size_t PiecesOf(const std::string& path, uint32_t parts, uint64_t min_piece = 1, const Options& options = {}) {
  auto source = MakeSource(options);
  source->SetMinPieceBytes(min_piece);
  auto pieces = source->Split(path, parts);
  EXPECT_TRUE(pieces.ok()) << pieces.status().message();
  return pieces.ok() ? pieces->size() : 0;
}

TEST(SplitTest, XlsxAndUtf16AndLegacyEncodingsAreReadWhole) {
  EXPECT_EQ(PiecesOf(Fixture("microsoft_forms", "built_microsoft_forms.xlsx"), 4), 0u);
  EXPECT_EQ(PiecesOf(Fixture("surveymonkey", "built_surveymonkey_expanded.xlsx"), 4), 0u);
  EXPECT_EQ(PiecesOf(Fixture("qualtrics", "built_qualtrics_utf16.tsv"), 4), 0u);
  // windows-1258 (Vietnamese): a byte offset is not a character boundary in general.
  std::string legacy = "comment,nps\n";
  for (int i = 0; i < 200; ++i) legacy += "Giao h\xE0ng nhanh " + std::to_string(i) + "," + std::to_string(i % 11) + "\n";
  EXPECT_EQ(PiecesOf(WriteTemp("split_1258.csv", legacy), 4, 1, {{"encoding", "windows-1258"}}), 0u);
}

TEST(SplitTest, OnePartOrASmallFileIsNotCut) {
  std::string path = WriteTemp("split_parts.csv", Generate(Shape{}));
  EXPECT_EQ(PiecesOf(path, 1), 0u);
  EXPECT_EQ(PiecesOf(path, 0), 0u);
  EXPECT_EQ(PiecesOf(path, 3), 3u);
  // At the default minimum (kMinPieceBytes) a file of a few KB is one piece.
  EXPECT_EQ(PiecesOf(path, 7, kMinPieceBytes), 0u);
  // A file of only a header has no rows to share.
  EXPECT_EQ(PiecesOf(WriteTemp("split_header.csv", "id,comment\n"), 4), 0u);
  EXPECT_EQ(PiecesOf(WriteTemp("split_empty.csv", ""), 4), 0u);
}

TEST(SplitTest, EveryRowCanBeAPiece) {
  Shape shape;
  shape.eol = "\r\n";
  std::string path = WriteTemp("split_every_row.csv", Generate(shape));
  // One piece per row: the header is not one, every data row (blank lines
  // are no rows) and the rows of empty cells are.
  EXPECT_EQ(PiecesOf(path, kEveryRow, 1, GeneratedOptions(true)), size_t(shape.rows));
}

TEST(SplitTest, PiecesAreBalancedAndStartAtRows) {
  std::string bytes = Generate(Shape{});
  std::string path = WriteTemp("split_balance.csv", bytes);
  auto source = MakeSource(GeneratedOptions(true));
  source->SetMinPieceBytes(1);
  auto pieces = source->Split(path, 4);
  ASSERT_TRUE(pieces.ok());
  ASSERT_EQ(pieces->size(), 4u);
  uint64_t total = 0, largest = 0, expected_begin = 0;
  for (size_t i = 0; i < pieces->size(); ++i) {
    auto t = ParsePieceToken((*pieces)[i].token);
    ASSERT_TRUE(t.ok()) << (*pieces)[i].token;
    if (i > 0) {
      EXPECT_EQ(t->begin, expected_begin);
    }
    EXPECT_EQ(t->end - t->begin, (*pieces)[i].bytes);
    EXPECT_TRUE(bytes[t->begin - 1] == '\n');
    expected_begin = t->end;
    total += (*pieces)[i].bytes;
    largest = std::max(largest, (*pieces)[i].bytes);
  }
  EXPECT_EQ(expected_begin, bytes.size());
  EXPECT_LT(largest, total / 4 + 2000) << "pieces balanced by bytes";
}

TEST(SplitTest, RepeatedRowsWithoutIdAreNotCut) {
  // Such rows are named by their cells plus how often they came before in
  // the whole file: a piece cannot count what an earlier piece saw.
  std::string bytes = "comment,segment\n";
  for (int i = 0; i < 100; ++i) bytes += "good service " + std::to_string(i) + ",gold\n";
  bytes += "good service 3,gold\n";
  EXPECT_EQ(PiecesOf(WriteTemp("split_dups.csv", bytes), 4), 0u);
  // With an id column a repeated row with an id is independent, but one
  // without an id is not.
  std::string ids = "response_id,comment\n";
  for (int i = 0; i < 100; ++i) ids += "R" + std::to_string(i) + ",same words\n";
  EXPECT_EQ(PiecesOf(WriteTemp("split_ids.csv", ids), 4, 1, {{"id_column", "response_id"}}), 4u);
  ids += ",same words\n\"\",same words\n";
  EXPECT_EQ(PiecesOf(WriteTemp("split_ids2.csv", ids), 4, 1, {{"id_column", "response_id"}}), 0u);
}

TEST(SplitTest, TimeOfSplitOnALargeFile) {
  // By hand: CXMAP_SPLIT_BENCH_FILE=corpus.csv (bench/gen_corpus.py --rows 1000000).
  const char* path = std::getenv("CXMAP_SPLIT_BENCH_FILE");
  if (path == nullptr || *path == '\0') GTEST_SKIP() << "set CXMAP_SPLIT_BENCH_FILE to time Split()";
  for (uint32_t parts : {2u, 8u, 64u}) {
    auto source = MakeSource({});
    auto start = std::chrono::steady_clock::now();
    auto pieces = source->Split(path, parts);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(pieces.ok()) << pieces.status().message();
    EXPECT_EQ(pieces->size(), parts) << last_why_whole;
    std::cout << "  Split(" << path << ", " << parts << "): " << pieces->size() << " pieces in "
              << seconds << " s\n";
  }
  // And the pieces read the same as the whole file (digests: too big to keep).
  Output whole = ReadWhole(path, {}, true);
  size_t made = 0;
  Output pieces = ReadPieces(path, {}, 5, kMinPieceBytes, &made, true);
  ASSERT_TRUE(whole.status.ok() && pieces.status.ok());
  EXPECT_EQ(made, 5u);
  EXPECT_EQ(whole.items, pieces.items);
  EXPECT_EQ(whole.digest.value(), pieces.digest.value());
  std::cout << "  " << whole.items << " records/rejects/skips, same in 5 pieces\n";
}

// ---- tokens -------------------------------------------------------------------

Status OpenWith(const std::string& path, const std::string& token, const Options& options = {}) {
  auto source = MakeSource(options);
  return source->OpenPiece(path, token);
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from << " in " << s;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(SplitTest, BadTokensAreRefused) {
  std::string bytes = Generate(Shape{});
  std::string path = WriteTemp("split_tokens.csv", bytes);
  Options options = GeneratedOptions(true);
  auto source = MakeSource(options);
  source->SetMinPieceBytes(1);
  auto pieces = source->Split(path, 3);
  ASSERT_TRUE(pieces.ok());
  ASSERT_EQ(pieces->size(), 3u);
  const std::string good = (*pieces)[1].token;
  auto t = ParsePieceToken(good);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(OpenWith(path, good, options).ok());
  const std::string b = "begin=" + std::to_string(t->begin), e = "end=" + std::to_string(t->end);
  const std::string sz = "size=" + std::to_string(t->size);
  std::vector<std::string> bad = {
      "",
      "garbage",
      "v2" + good.substr(2),
      good + " ",
      " " + good,
      Replace(good, " end=", "  end="),
      good + " extra=1",
      Replace(good, b, "begin=0" + std::to_string(t->begin)),
      Replace(good, b, "begin=-1"),
      Replace(good, b, "begin=1e3"),
      Replace(good, b, "begin=99999999999999999999999"),
      Replace(good, "check=", "check=A"),
      good.substr(0, good.size() - 1),
      Replace(good, "row=", "rows="),
      Replace(good, e, "end=" + std::to_string(t->begin)),                 // empty piece
      Replace(Replace(good, b, "begin=" + std::to_string(t->end)), e, "end=" + std::to_string(t->begin)),  // begin > end
      Replace(good, e, "end=" + std::to_string(bytes.size() + 10)),       // past the end
      Replace(Replace(good, e, "end=" + std::to_string(bytes.size() + 10)), sz,
              "size=" + std::to_string(bytes.size() + 10)),                // size and end past the file
      Replace(good, sz, "size=" + std::to_string(bytes.size() - 1)),       // wrong size
      Replace(good, b, "begin=" + std::to_string(t->begin + 1)),          // not a row start
      std::string(300, 'v'),
      Replace(good, "v1", "v1\t"),
      good + "\xC3\xA9",
  };
  for (const std::string& token : bad) {
    Status s = OpenWith(path, token, options);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << "token '" << token << "': " << s.message();
  }
  // A header-row token and a row count past the lines.
  EXPECT_EQ(OpenWith(path, Replace(good, "row=" + std::to_string(t->row), "row=0"), options).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(OpenWith(path, Replace(good, "row=" + std::to_string(t->row), "row=" + std::to_string(t->line)), options).code(),
            Code::kInvalidArgument);

  // The file changed after Split: longer, or the same size with other bytes.
  WriteTemp("split_tokens.csv", bytes + "R_1,2024-01-01,5,late,,gold\n");
  EXPECT_EQ(OpenWith(path, good, options).code(), Code::kInvalidArgument);
  std::string edited = bytes;
  edited[t->begin + 2] = edited[t->begin + 2] == 'X' ? 'Y' : 'X';
  WriteTemp("split_tokens.csv", edited);
  EXPECT_EQ(OpenWith(path, good, options).code(), Code::kInvalidArgument);
  std::string header_edit = bytes;
  header_edit[3] = 'Z';
  WriteTemp("split_tokens.csv", header_edit);
  EXPECT_EQ(OpenWith(path, good, options).code(), Code::kInvalidArgument);
  // A token of a cut file handed with an XLSX file.
  EXPECT_EQ(OpenWith(Fixture("microsoft_forms", "built_microsoft_forms.xlsx"), good).code(),
            Code::kInvalidArgument);
}

TEST(SplitTest, TokenRoundTrips) {
  PieceToken t{123, 456, 7, 8, 1000000, 0x0123456789abcdefULL};
  std::string s = FormatPieceToken(t);
  EXPECT_EQ(s, "v1 begin=123 end=456 row=7 line=8 size=1000000 check=0123456789abcdef");
  auto back = ParsePieceToken(s);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->begin, 123u);
  EXPECT_EQ(back->end, 456u);
  EXPECT_EQ(back->row, 7u);
  EXPECT_EQ(back->line, 8u);
  EXPECT_EQ(back->size, 1000000u);
  EXPECT_EQ(back->check, 0x0123456789abcdefULL);
  PieceToken max{UINT64_MAX - 1, UINT64_MAX, UINT64_MAX - 1, UINT64_MAX, UINT64_MAX, UINT64_MAX};
  EXPECT_LE(FormatPieceToken(max).size(), size_t{CXMAP_PIECE_TOKEN_CAPACITY});
  EXPECT_TRUE(ParsePieceToken(FormatPieceToken(max)).ok());
}

}  // namespace
}  // namespace cxmap::csv::testing
