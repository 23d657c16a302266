// SPDX-License-Identifier: Apache-2.0
#include "csv_survey_source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "unicode_text.h"

namespace cxmap::csv {
namespace {

constexpr size_t kChunkBytes = size_t{256} << 10;
constexpr size_t kDetectBytes = size_t{64} << 10;
constexpr size_t kSampleRows = 200;

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

std::string_view StripUtf8Bom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

/// The date order of a file from its time values: a first part above 12
/// means day first, a second part above 12 month first.
DateOrder GuessDateOrder(const std::vector<std::vector<std::string>>& rows,
                         std::optional<size_t> column) {
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

}  // namespace

Result<std::unique_ptr<CsvSurveySource>> CsvSurveySource::Create(const Host& host,
                                                                  const OptionValues& options) {
  std::unique_ptr<CsvSurveySource> s(new CsvSurveySource(host, options));
  auto profile = FindProfile(options.GetString("format", "auto"));
  if (!profile.ok()) return profile.status();
  s->profile_ = *profile;
  auto delimiter = ParseDelimiterOption(options.GetString("delimiter", "auto"));
  if (!delimiter.ok()) return delimiter.status();
  s->delimiter_ = *delimiter;
  std::string encoding = options.GetString("encoding", "auto");
  if (encoding != "auto" && !encoding.empty()) {
    auto valid = ValidateEncodingName(encoding);
    if (!valid.ok()) return valid.status();
    s->encoding_ = encoding;
  }
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
  long long max_bytes = options.GetInteger("max_record_bytes", 16 << 20);
  if (max_bytes < 1024) return Status::InvalidArgument("max_record_bytes must be >= 1024");
  s->max_record_bytes_ = static_cast<size_t>(max_bytes);
  return s;
}

CsvSurveySource::CsvSurveySource(const Host& host, const OptionValues& options)
    : host_(host), options_(options) {}

CsvSurveySource::~CsvSurveySource() {
  if (file_ != nullptr) std::fclose(file_);
}

Status CsvSurveySource::Open(std::string_view path) {
  std::string p(path);
  file_ = std::fopen(p.c_str(), "rb");
  if (file_ == nullptr) {
    std::string why = std::strerror(errno);
    return errno == ENOENT ? Status::NotFound(p + ": " + why) : Status::IoError(p + ": " + why);
  }
  std::error_code ec;
  file_size_ = std::filesystem::file_size(p, ec);
  if (ec) file_size_ = 0;
  CXMAP_RETURN_IF_ERROR(ReadChunk());
  std::string_view head = std::string_view(raw_).substr(0, kDetectBytes);
  bool whole = eof_ && raw_.size() <= kDetectBytes;
  EncodingGuess guess;
  if (encoding_.empty()) {
    guess = DetectEncoding(head, whole);
  } else {
    guess = {encoding_, BomLength(head, encoding_), 1.0, "encoding option"};
  }
  host_.Log(LogLevel::kInfo, p + ": encoding " + guess.name + " (" + guess.reason + ")");
  auto decoder = Utf8Decoder::Create(guess.name);
  if (!decoder.ok()) return decoder.status();
  decoder_ = std::move(*decoder);
  // The sample (from a second decoder, so the stream's state is untouched)
  // drives delimiter, header and role detection; the stream then starts
  // again from byte 0 of the same chunk, nothing is read twice.
  auto sample_decoder = Utf8Decoder::Create(guess.name);
  if (!sample_decoder.ok()) return sample_decoder.status();
  std::string_view raw = std::string_view(raw_).substr(guess.bom_length);
  auto sample = (*sample_decoder)->Decode(raw, eof_);
  if (!sample.ok()) return sample.status();
  std::string sample_copy(StripUtf8Bom(*sample));
  CXMAP_RETURN_IF_ERROR(Prepare(path, sample_copy, eof_));
  auto decoded = decoder_->Decode(raw, eof_);
  if (!decoded.ok()) return decoded.status();
  reader_->Feed(StripUtf8Bom(*decoded), eof_);
  return Status::Ok();
}

Status CsvSurveySource::Prepare(std::string_view path, std::string_view sample, bool whole) {
  if (delimiter_ == 0) delimiter_ = DetectDelimiter(sample, whole, nullptr);
  CsvReader::Options reader_options{delimiter_, '"', max_record_bytes_};
  reader_ = std::make_unique<CsvReader>(reader_options);
  CsvReader sample_reader(reader_options);
  sample_reader.Feed(sample, whole);
  std::vector<std::vector<std::string>> rows;
  CsvRow row;
  while (rows.size() < kSampleRows && sample_reader.Next(&row) == CsvReader::Event::kRow) {
    rows.emplace_back(row.fields.begin(), row.fields.end());
  }
  if (rows.empty()) {  // an empty file is not an error: it holds no records
    empty_file_ = true;
    return Status::Ok();
  }
  bool has_header = options_.GetBool("has_header", true);
  rows_before_data_ = has_header ? profile_.rows_before_data : 0;
  std::vector<std::string> headers;
  for (size_t i = 0; i < rows.front().size(); ++i) {
    std::string name;
    if (has_header) CXMAP_RETURN_IF_ERROR(CleanText(TrimAscii(rows.front()[i]), &name));
    headers.push_back(name.empty() ? "column_" + std::to_string(i + 1) : name);
  }
  // Ragged rows will be rejected; they must not vote on column roles.
  std::vector<std::vector<std::string>> data;
  for (size_t i = rows_before_data_; i < rows.size(); ++i) {
    if (rows[i].size() == headers.size()) data.push_back(std::move(rows[i]));
  }
  auto roles = AssignRoles(headers, data, options_);
  if (!roles.ok()) return Status(roles.status().code(), std::string(path) + ": " + roles.status().message());

  BuildSettings settings;
  settings.file = std::string(path);
  settings.basename = std::filesystem::path(settings.file).filename().string();
  settings.delimiter = delimiter_;
  settings.channel = channel_;
  settings.sub_channel = options_.GetString("sub_channel");
  settings.language = options_.GetString("language");
  settings.utc_offset_minutes = utc_offset_minutes_;
  settings.max_record_bytes = max_record_bytes_;
  std::string order = options_.GetString("date_order", "auto");
  settings.date_order = order == "dmy"   ? DateOrder::kDayFirst
                        : order == "mdy" ? DateOrder::kMonthFirst
                                         : GuessDateOrder(data, roles->Find(Role::kTime));
  std::string summary;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (roles->roles[i] != Role::kAttribute) {
      summary += (summary.empty() ? "" : ", ") + headers[i] + "=" + std::string(RoleName(roles->roles[i]));
    }
  }
  host_.Log(LogLevel::kInfo, settings.file + ": " + DelimiterName(delimiter_) + "-separated, " +
                                 std::to_string(headers.size()) + " columns; roles: " + summary);
  builder_ = std::make_unique<RecordBuilder>(std::move(settings), std::move(headers),
                                             std::move(*roles), host_);
  return Status::Ok();
}

Status CsvSurveySource::ReadChunk() {
  raw_.resize(kChunkBytes);
  size_t n = std::fread(raw_.data(), 1, kChunkBytes, file_);
  raw_.resize(n);
  if (std::ferror(file_)) return Status::IoError("read failed: " + std::string(std::strerror(errno)));
  bytes_read_ += n;
  eof_ = n < kChunkBytes && std::feof(file_);
  return Status::Ok();
}

Status CsvSurveySource::NextBatch(RecordSink& sink, bool& at_end) {
  at_end = false;
  if (file_ == nullptr) return Status::Internal("NextBatch() before a successful Open()");
  if (empty_file_ || finished_) {
    at_end = true;
    return Status::Ok();
  }
  if (host_.Cancelled()) return Status::Cancelled("import cancelled");
  size_t wanted = std::max<size_t>(1, sink.batch_hint());
  size_t emitted = 0;
  CsvRow row;
  while (emitted < wanted) {
    CsvReader::Event event = reader_->Next(&row);
    if (event == CsvReader::Event::kNeedInput) {
      CXMAP_RETURN_IF_ERROR(ReadChunk());
      auto decoded = decoder_->Decode(raw_, eof_);
      if (!decoded.ok()) return decoded.status();
      reader_->Feed(*decoded, eof_);
      continue;
    }
    if (event == CsvReader::Event::kEnd) {
      finished_ = at_end = true;
      const BuildStats& st = builder_->stats();
      host_.Log(LogLevel::kInfo, std::to_string(st.records) + " records, " +
                                     std::to_string(st.rejected_rows) + " rows rejected, " +
                                     std::to_string(st.empty_texts) + " empty texts skipped, " +
                                     std::to_string(st.bad_times) + " unrecognised times");
      break;
    }
    if (++rows_seen_ <= rows_before_data_) continue;  // header row(s)
    size_t n = 0;
    CXMAP_RETURN_IF_ERROR(builder_->Build(row, rows_seen_ - rows_before_data_, sink, &n));
    emitted += n;
  }
  sink.Progress(bytes_read_, std::max(file_size_, bytes_read_));
  return Status::Ok();
}

}  // namespace cxmap::csv
