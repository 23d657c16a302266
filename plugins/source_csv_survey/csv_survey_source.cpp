// SPDX-License-Identifier: Apache-2.0
#include "csv_survey_source.h"

#include "cxmap/support/content_hash.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "piece_split.h"
#include "unicode_text.h"

namespace cxmap::csv {
namespace {

constexpr size_t kSampleRows = 200;
constexpr size_t kSampleBytes = size_t{4} << 20;  // enough rows to see the layout, bounded memory

Result<char> ParseDelimiterOption(std::string_view v) {
  if (v == "auto" || v.empty()) return '\0';
  if (v == "comma") return ',';
  if (v == "semicolon") return ';';
  if (v == "tab" || v == "\\t") return '\t';
  if (v == "pipe") return '|';
  if (v.size() == 1 && v[0] != '"' && v[0] != '\r' && v[0] != '\n') return v[0];
  return Status::InvalidArgument("delimiter '" + std::string(v) +
                                 "': use auto, comma, semicolon, tab, pipe or one character");
}

/// The date order of a file from its time values: a first part above 12
/// means day first, a second part above 12 month first.
DateOrder GuessDateOrder(const Rows& rows, std::optional<size_t> column) {
  if (!column) return DateOrder::kMonthFirst;
  for (const auto& row : rows) {
    if (*column >= row.size()) continue;
    if (auto head = SlashDateHead(row[*column])) {
      if (head->first > 12) return DateOrder::kDayFirst;
      if (head->second > 12) return DateOrder::kMonthFirst;
    }
  }
  return DateOrder::kMonthFirst;
}

bool FileStartsLikeZip(const std::string& path) {
  char head[4] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(head, sizeof(head));
  return in.gcount() == 4 && IsZip(std::string_view(head, 4));
}

// True when every sample cell of `column` is a small whole number: row
// numbers ("STT", "No."), not ids that name a response across exports.
bool LooksLikeRowNumbers(const Rows& data, size_t column) {
  size_t filled = 0;
  for (const auto& row : data) {
    if (column >= row.size()) continue;
    std::string_view cell = TrimAscii(row[column]);
    if (cell.empty()) continue;
    ++filled;
    if (cell.size() > 6 || cell.find_first_not_of("0123456789") != std::string_view::npos) return false;
  }
  return filled > 0;
}

/// A whole file mapped read-only, for Split()'s one pass.
class MappedFile {
 public:
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(data_, size_);
    if (fd_ >= 0) ::close(fd_);
  }
  Status Map(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Status::IoError(path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return Status::IoError(path + ": " + std::strerror(errno));
    size_ = static_cast<size_t>(st.st_size);
    if (size_ == 0) return Status::Ok();
    void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (m == MAP_FAILED) return Status::IoError(path + ": mmap: " + std::strerror(errno));
    data_ = m;
    ::madvise(data_, size_, MADV_SEQUENTIAL);
    return Status::Ok();
  }
  std::string_view bytes() const { return {static_cast<const char*>(data_), data_ ? size_ : 0}; }

 private:
  int fd_ = -1;
  void* data_ = nullptr;
  size_t size_ = 0;
};

/// Bytes [offset, offset + n) of `path`, fewer at its end.
Result<std::string> ReadAt(const std::string& path, uint64_t offset, uint64_t n) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  in.seekg(static_cast<std::streamoff>(offset));
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
  return out;
}

/// PieceCheck() of a piece of `path` starting at `begin`.
Result<uint64_t> CheckOf(const std::string& path, uint64_t size, uint64_t begin) {
  auto head = ReadAt(path, 0, std::min(size, kCheckHeadBytes));
  if (!head.ok()) return head.status();
  uint64_t from = begin > kCheckAroundBytes ? begin - kCheckAroundBytes : 0;
  auto around = ReadAt(path, from, std::min(size, begin + kCheckAroundBytes) - from);
  if (!around.ok()) return around.status();
  return PieceCheck(*head, *around);
}

}  // namespace

Result<std::unique_ptr<CsvSurveySource>> CsvSurveySource::Create(const Host& host,
                                                                  const OptionValues& options) {
  std::unique_ptr<CsvSurveySource> s(new CsvSurveySource(host, options));
  auto format = ParseFormat(options.GetString("format", "auto"));
  if (!format.ok()) return format.status();
  s->forced_platform_ = *format;
  auto delimiter = ParseDelimiterOption(options.GetString("delimiter", "auto"));
  if (!delimiter.ok()) return delimiter.status();
  s->stream_settings_.delimiter = *delimiter;
  std::string encoding = options.GetString("encoding", "auto");
  if (encoding != "auto" && !encoding.empty()) {
    auto valid = ValidateEncodingName(encoding);
    if (!valid.ok()) return valid.status();
    s->stream_settings_.encoding = encoding;
  }
  s->stream_settings_.sheet = options.GetString("sheet");
  auto channel = ParseChannel(options.GetString("channel", "survey"));
  if (!channel) {
    return Status::InvalidArgument("channel '" + options.GetString("channel") +
                                   "': use survey, call, chat, email, social, review or other");
  }
  s->channel_ = *channel;
  auto offset = ParseUtcOffset(options.GetString("timezone", "+00:00"));
  if (!offset) {
    return Status::InvalidArgument("timezone '" + options.GetString("timezone") +
                                   "': use a UTC offset such as +07:00, -05:00 or Z");
  }
  s->utc_offset_minutes_ = *offset;
  std::string order = options.GetString("date_order", "auto");
  if (order != "auto" && order != "mdy" && order != "dmy") {
    return Status::InvalidArgument("date_order '" + order + "': use auto, mdy or dmy");
  }
  // A piece re-reads the head of the file to learn its layout: a tiny
  // minimum would make workers repeat that more than they read.
  const long long min_piece = options.GetInteger("min_piece_bytes", kMinPieceBytes);
  if (min_piece < 4096) {
    return Status::InvalidArgument("min_piece_bytes must be at least 4096, not " +
                                   std::to_string(min_piece));
  }
  s->min_piece_bytes_ = static_cast<uint64_t>(min_piece);
  long long max_bytes = options.GetInteger("max_record_bytes", 16 << 20);
  if (max_bytes < 1024) return Status::InvalidArgument("max_record_bytes must be >= 1024");
  s->stream_settings_.max_record_bytes = static_cast<size_t>(max_bytes);
  return s;
}

CsvSurveySource::CsvSurveySource(const Host& host, const OptionValues& options)
    : host_(host), options_(options), min_piece_bytes_(kMinPieceBytes) {}

CsvSurveySource::~CsvSurveySource() = default;

Status CsvSurveySource::Open(std::string_view path) {
  std::string p(path);
  // A fresh start, also when an instance is opened again.
  sample_.clear();
  headers_.clear();
  replayed_ = 0;
  rows_seen_ = 0;
  finished_ = empty_file_ = opened_ = id_is_row_number_ = false;
  builder_.reset();
  if (!std::filesystem::exists(p)) return Status::NotFound(p + ": No such file or directory");
  auto stream = FileStartsLikeZip(p) ? OpenXlsxStream(p, stream_settings_)
                                     : OpenCsvStream(p, stream_settings_, host_);
  if (!stream.ok()) return stream.status();
  stream_ = std::move(*stream);
  opened_ = true;
  CXMAP_RETURN_IF_ERROR(ReadSample());
  return Prepare(p);
}

Status CsvSurveySource::ReadSample() {
  size_t bytes = 0;
  CsvRow row;
  while (sample_.size() < kSampleRows && bytes < kSampleBytes) {
    auto more = stream_->Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    SampleRow s{row.line, {}, row.unterminated_quote, row.too_large, std::string(row.problem)};
    for (std::string_view f : row.fields) {
      s.fields.emplace_back(f);
      bytes += f.size();
    }
    sample_.push_back(std::move(s));
  }
  return Status::Ok();
}

Status CsvSurveySource::Prepare(const std::string& path) {
  if (sample_.empty()) {  // an empty file is not an error: it holds no records
    empty_file_ = true;
    return Status::Ok();
  }
  // A header the reader could not read (an XLSX DOCTYPE, a broken sheet)
  // leaves nothing to read the rest by.
  if (!sample_.front().problem.empty()) return Status::InvalidArgument(path + ": " + sample_.front().problem);
  Rows rows;
  for (const SampleRow& s : sample_) rows.push_back(s.fields);
  bool has_header = options_.GetBool("has_header", true);
  if (forced_platform_) {
    platform_ = *forced_platform_;
    detection_reason_ = "format option";
  } else if (has_header) {
    Detection d = DetectPlatform(rows);
    platform_ = d.platform;
    detection_reason_ = d.reason;
  }
  auto layout = ReadLayout(platform_, rows, has_header);
  if (!layout.ok()) return Status(layout.status().code(), path + ": " + layout.status().message());
  layout_ = std::move(*layout);
  rows_before_data_ = std::min(layout_.header_rows, rows.size());
  for (const ColumnPlan& c : layout_.columns) headers_.push_back(c.name);
  std::vector<std::optional<Role>> hints;
  if (platform_ != Platform::kGeneric) {
    for (const ColumnPlan& c : layout_.columns) hints.push_back(c.role);
  }
  // Ragged rows will be rejected; they must not vote on column roles.
  bool pad = stream_->info().pad_short_rows;
  Rows data;
  for (size_t i = rows_before_data_; i < rows.size(); ++i) {
    if (pad && rows[i].size() < headers_.size()) rows[i].resize(headers_.size());
    if (rows[i].size() == headers_.size()) data.push_back(std::move(rows[i]));
  }
  auto roles = AssignRoles(headers_, data, options_, hints);
  if (!roles.ok()) return Status(roles.status().code(), path + ": " + roles.status().message());
  roles_ = *roles;

  BuildSettings settings;
  settings.file = path;
  settings.survey_key = SurveyKey();
  if (auto id = roles_.Find(Role::kId); id && platform_ == Platform::kGeneric &&
                                        options_.GetString("survey_id").empty() &&
                                        LooksLikeRowNumbers(data, *id)) {
    // "STT", "No.", "序号": 1, 2, 3… in every monthly file. Taken as ids,
    // February's rows would be January's respondents and vanish as
    // duplicates; a hash of the row's cells names them instead.
    settings.id_is_row_number = id_is_row_number_ = true;
    host_.Log(LogLevel::kInfo, path + ": column '" + headers_[*id] +
                                   "' holds row numbers, not response ids: responses are named by"
                                   " their content (set survey_id=… to trust the column)");
  }
  answer_columns_ = PlanAnswerColumns(layout_.columns, roles_, data);
  settings.answer_columns = answer_columns_;
  settings.delimiter = stream_->info().delimiter != 0 ? stream_->info().delimiter : ',';
  settings.channel = channel_;
  settings.sub_channel = options_.GetString("sub_channel");
  settings.language = options_.GetString("language");
  settings.utc_offset_minutes = utc_offset_minutes_;
  settings.max_record_bytes = stream_settings_.max_record_bytes;
  settings.drop_pii = options_.GetBool("drop_pii", false);
  settings.score_labels = layout_.score_labels;
  settings.pad_short_rows = pad;
  settings.reject_invalid_utf8 = stream_->info().utf8_passthrough;
  for (const ColumnPlan& c : layout_.columns) {
    settings.question_texts.push_back(c.question_text);
    settings.pii.push_back(c.pii);
  }
  if (auto time = roles_.Find(Role::kTime); time && *time < layout_.columns.size()) {
    settings.time_zone = layout_.columns[*time].time_zone;
    if (layout_.columns[*time].utc) settings.utc_offset_minutes = 0;
  }
  std::string order = options_.GetString("date_order", "auto");
  settings.date_order = order == "dmy"   ? DateOrder::kDayFirst
                        : order == "mdy" ? DateOrder::kMonthFirst
                                         : GuessDateOrder(data, roles_.Find(Role::kTime));
  std::string summary;
  for (size_t i = 0; i < headers_.size(); ++i) {
    if (roles_.roles[i] != Role::kAttribute) {
      summary += (summary.empty() ? "" : ", ") + headers_[i] + "=" + std::string(RoleName(roles_.roles[i]));
    }
  }
  host_.Log(LogLevel::kInfo, path + ": " + std::string(PlatformName(platform_)) + " (" +
                                 detection_reason_ + "), " + std::to_string(headers_.size()) +
                                 " columns; roles: " + summary);
  if (roles_.TextColumns().empty()) {
    host_.Log(LogLevel::kInfo, path + ": no open-ended question found; every response is stored"
                                      " with its scores and answers (name a text column with"
                                      " text_columns=… if one was missed)");
  }
  builder_ = std::make_unique<RecordBuilder>(std::move(settings), headers_, roles_, host_);
  return Status::Ok();
}

std::string CsvSurveySource::SurveyKey() const {
  std::string given = options_.GetString("survey_id");
  if (!given.empty()) return given;
  std::string key(PlatformName(platform_));
  // Qualtrics (R_…) and SurveyMonkey (11-digit) response ids are unique
  // across surveys. Other platforms number responses per form (1, 2, 3…),
  // so their ids are qualified by the form's header row: the same form
  // exported again keeps it, another form does not share it.
  if (platform_ == Platform::kQualtrics || platform_ == Platform::kSurveyMonkey) return key;
  support::ContentHash h;
  for (const std::string& name : headers_) h.Add(name);
  return key + ":" + h.Hex();
}

Result<bool> CsvSurveySource::NextRow(CsvRow* row) {
  if (replayed_ < sample_.size()) {
    const SampleRow& s = sample_[replayed_++];
    row->line = s.line;
    row->fields.assign(s.fields.begin(), s.fields.end());
    row->unterminated_quote = s.unterminated_quote;
    row->too_large = s.too_large;
    row->problem = s.problem;
    return true;
  }
  if (!sample_.empty()) {
    sample_.clear();  // replayed: free it
    sample_.shrink_to_fit();
    replayed_ = 0;
  }
  return stream_->Next(row);
}

Status CsvSurveySource::NextBatch(RecordSink& sink, bool& at_end) {
  at_end = false;
  if (!opened_) return Status::Internal("NextBatch() before a successful Open()");
  if (empty_file_ || finished_) {
    at_end = true;
    return Status::Ok();
  }
  if (host_.Cancelled()) return Status::Cancelled("import cancelled");
  size_t wanted = std::max<size_t>(1, sink.batch_hint());
  size_t emitted = 0;
  CsvRow row;
  while (emitted < wanted) {
    auto more = NextRow(&row);
    if (!more.ok()) return more.status();
    if (!*more) {
      finished_ = at_end = true;
      const BuildStats& st = builder_->stats();
      host_.Log(LogLevel::kInfo,
                std::to_string(st.rows) + " responses (" + std::to_string(st.responses_without_text) +
                    " without text), " + std::to_string(st.records) + " records, " +
                    std::to_string(st.answers) + " closed answers, " +
                    std::to_string(st.rejected_rows) + " rows rejected, " +
                    std::to_string(st.empty_rows) + " empty rows skipped, " +
                    std::to_string(st.bad_times) + " unrecognised times");
      break;
    }
    if (++rows_seen_ <= rows_before_data_) continue;  // header row(s)
    size_t n = 0;
    CXMAP_RETURN_IF_ERROR(builder_->Build(row, rows_seen_ - rows_before_data_, sink, &n));
    emitted += n;
  }
  sink.Progress(stream_->bytes_done(), stream_->bytes_total());
  return Status::Ok();
}

Result<std::vector<Piece>> CsvSurveySource::Split(std::string_view path, uint32_t parts) {
  std::string p(path);
  if (parts < 2) return std::vector<Piece>{};
  if (!std::filesystem::exists(p)) return Status::NotFound(p + ": No such file or directory");
  if (FileStartsLikeZip(p)) return std::vector<Piece>{};  // XLSX: a zip is read whole
  // The layout exactly as Open() reads it from the head of the file.
  CXMAP_RETURN_IF_ERROR(Open(p));
  auto whole = [&](const std::string& why) {
    host_.Log(LogLevel::kInfo, p + ": read whole, not in pieces: " + why);
    return std::vector<Piece>{};
  };
  const StreamInfo& info = stream_->info();
  if (info.container != "csv" || !info.utf8_passthrough) {
    // Another encoding: a byte offset is not a character offset, and a
    // decoder's state cannot start mid-file.
    return whole("encoding " + info.encoding + " (only UTF-8 is cut)");
  }
  if (empty_file_ || builder_ == nullptr) return whole("no rows");
  SplitLayout layout;
  layout.delimiter = info.delimiter;
  layout.text_offset = info.text_offset;
  layout.header_rows = rows_before_data_;
  layout.width = headers_.size();
  layout.id_column = id_is_row_number_ ? std::nullopt : roles_.Find(Role::kId);
  layout.max_record_bytes = stream_settings_.max_record_bytes;
  MappedFile file;
  CXMAP_RETURN_IF_ERROR(file.Map(p));
  // A row without an id is named by its cells and how often they came
  // before: the builder itself says whether the name was taken, so a row
  // it rejects or skips (a repeated header, an empty row) does not count.
  struct Repeat {
    bool taken = false;
    static int32_t Emit(void* ctx, const cxmap_record* r) {
      std::string_view id = FromC(r->response_id);
      size_t h = id.rfind(":h:");
      if (h != std::string_view::npos && id.size() > h + 3 + 16 && id[h + 3 + 16] == '#') {
        static_cast<Repeat*>(ctx)->taken = true;
      }
      return CXMAP_OK;
    }
    static void Ignore(void*, const cxmap_reject*) {}
  } repeat;
  cxmap_record_sink raw_sink{sizeof(cxmap_record_sink), &repeat, 1, &Repeat::Emit, &Repeat::Ignore,
                             nullptr, &Repeat::Ignore};
  RecordSink check_sink(&raw_sink);
  Status build_error;
  RepeatCheck repeats = [&](const CsvRow& row, uint64_t row_index) {
    size_t n = 0;
    repeat.taken = false;
    Status s = builder_->Build(row, row_index + 1 - rows_before_data_, check_sink, &n);
    if (!s.ok()) build_error = s;
    return repeat.taken || !s.ok();
  };
  std::string why_not;
  std::vector<Cut> cuts = FindCuts(file.bytes(), layout, parts, min_piece_bytes_, repeats, &why_not);
  CXMAP_RETURN_IF_ERROR(build_error);
  if (cuts.size() < 2) return whole(why_not);
  const uint64_t size = file.bytes().size();
  std::string_view head = file.bytes().substr(0, std::min(size, kCheckHeadBytes));
  std::vector<Piece> pieces;
  for (size_t i = 0; i < cuts.size(); ++i) {
    PieceToken t;
    t.begin = cuts[i].begin;
    t.end = i + 1 < cuts.size() ? cuts[i + 1].begin : size;
    t.row = cuts[i].row;
    t.line = cuts[i].line;
    t.size = size;
    uint64_t from = t.begin > kCheckAroundBytes ? t.begin - kCheckAroundBytes : 0;
    t.check = PieceCheck(head, file.bytes().substr(from, std::min(size, t.begin + kCheckAroundBytes) - from));
    pieces.push_back({FormatPieceToken(t), t.end - t.begin});
  }
  // This instance was opened to learn the layout: not for reading.
  stream_.reset();
  opened_ = false;
  return pieces;
}

Status CsvSurveySource::OpenPiece(std::string_view path, std::string_view token) {
  std::string p(path);
  auto parsed = ParsePieceToken(token);
  if (!parsed.ok()) return parsed.status();
  const PieceToken& t = *parsed;
  auto refuse = [&](const std::string& why) {
    opened_ = false;
    return Status::InvalidArgument(p + ": piece token '" + std::string(token) + "': " + why);
  };
  if (!std::filesystem::exists(p)) return Status::NotFound(p + ": No such file or directory");
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(p, ec);
  if (ec) return Status::IoError(p + ": " + ec.message());
  if (size != t.size) {
    return refuse("made for a file of " + std::to_string(t.size) + " bytes, this one has " +
                  std::to_string(size) + " (changed since it was cut?)");
  }
  if (FileStartsLikeZip(p)) return refuse("an XLSX workbook is never cut");
  CXMAP_RETURN_IF_ERROR(Open(p));
  const StreamInfo& info = stream_->info();
  if (info.container != "csv" || !info.utf8_passthrough) {
    return refuse("the file reads as " + info.encoding + ", which is never cut");
  }
  if (empty_file_ || builder_ == nullptr) return refuse("the file has no rows");
  if (t.begin < info.text_offset) return refuse("begin is inside the byte-order mark");
  if (t.row < rows_before_data_) return refuse("row is inside the header rows");
  auto check = CheckOf(p, size, t.begin);
  if (!check.ok()) return check.status();
  if (*check != t.check) return refuse("check differs: the file changed since it was cut");
  auto edges = ReadAt(p, t.begin > 0 ? t.begin - 1 : 0, t.begin > 0 ? 2 : 1);
  if (!edges.ok()) return edges.status();
  auto is_eol = [](char c) { return c == '\n' || c == '\r'; };
  if (edges->empty() || is_eol(edges->back()) ||
      (t.begin > info.text_offset && !is_eol(edges->front()))) {
    return refuse("begin is not the start of a row");
  }
  if (t.end < size) {
    auto last = ReadAt(p, t.end - 1, 1);
    if (!last.ok()) return last.status();
    if (last->empty() || !is_eol(last->front())) return refuse("end is not the end of a line");
  }
  CXMAP_RETURN_IF_ERROR(stream_->SeekPiece(t.begin, t.end, t.line));
  // The head was read for the layout only: the piece's rows come from the seek.
  sample_.clear();
  sample_.shrink_to_fit();
  replayed_ = 0;
  rows_seen_ = t.row;
  return Status::Ok();
}

}  // namespace cxmap::csv
