// SPDX-License-Identifier: Apache-2.0
#include "social_feed_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "google_play_csv.h"
#include "text_decode.h"

namespace cxmap::social {
namespace {

constexpr size_t kHeadBytes = size_t{64} << 10;
constexpr size_t kMaxThreadsCounted = size_t{1} << 20;  // bounds Inspect's memory
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

std::optional<std::string_view> AttributeOf(const Record& r, std::string_view key) {
  for (const auto& [k, v] : r.attributes) {
    if (k == key) return v;
  }
  return std::nullopt;
}

}  // namespace

SniffResult SocialFeedSource::Sniff(std::string_view path, std::string_view head) {
  return SniffFeed(path, head);
}

Result<std::unique_ptr<SocialFeedSource>> SocialFeedSource::Create(const Host& host,
                                                                    const OptionValues& options) {
  FeedSettings settings;
  settings.sub_channel = options.GetString("sub_channel");
  settings.language = options.GetString("language");
  settings.drop_pii = options.GetBool("drop_pii");
  settings.brand_accounts = ParseBrandAccounts(options.GetString("brand_accounts"));
  auto mapping = ParseFieldMapping(options.GetString("fields"));
  if (!mapping.ok()) return mapping.status();
  settings.mapping = *mapping;
  std::unique_ptr<SocialFeedSource> s(new SocialFeedSource(host, std::move(settings)));
  std::string format = options.GetString("format", "auto");
  if (format != "auto" && !format.empty()) {
    s->forced_ = ParseFormat(format);
    if (!s->forced_) {
      return Status::InvalidArgument("format '" + format +
                                     "': use auto, twitter, facebook, google_play, app_store, reddit or jsonl");
    }
  }
  long long max_line = options.GetInteger("max_line_bytes", 16 << 20);
  long long max_doc = options.GetInteger("max_document_bytes", 64 << 20);
  if (max_line < 1024 || max_doc < 1024) {
    return Status::InvalidArgument("max_line_bytes and max_document_bytes must be at least 1024");
  }
  s->max_line_bytes_ = static_cast<size_t>(max_line);
  s->max_document_bytes_ = static_cast<size_t>(max_doc);
  return s;
}

SocialFeedSource::~SocialFeedSource() {
  if (file_ != nullptr) std::fclose(file_);
}

Status SocialFeedSource::Open(std::string_view path) {
  settings_.file = std::string(path);
  file_ = std::fopen(settings_.file.c_str(), "rb");
  if (file_ == nullptr) {
    std::string why = settings_.file + ": " + std::strerror(errno);
    return errno == ENOENT ? Status::NotFound(why) : Status::IoError(why);
  }
  std::error_code ec;
  file_size_ = std::filesystem::file_size(settings_.file, ec);
  if (ec) file_size_ = 0;
  std::string head(kHeadBytes, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), file_));
  std::rewind(file_);
  SniffResult sniffed = SniffFeed(path, head);
  if (forced_) {
    format_ = *forced_;
    reason_ = "format option";
  } else if (sniffed.confidence <= 0) {
    return Status::NotSupported(settings_.file + ": not a social feed or review export (" + sniffed.reason + ")");
  } else {
    format_ = *ParseFormat(sniffed.format);
    reason_ = sniffed.reason;
  }
  host_.Log(LogLevel::kInfo, settings_.file + ": " + std::string(FormatName(format_)) + " (" + reason_ + ")");
  if (format_ == FeedFormat::kGooglePlay) return OpenGooglePlay();
  DecodedText probe = DecodeExport(head, head.size() < kHeadBytes);
  if (probe.encoding != "UTF-8") {
    return Status::NotSupported(settings_.file + ": JSON must be UTF-8, this file is " + probe.encoding);
  }
  bool lines = true;
  CXMAP_RETURN_IF_ERROR(DecideLayout(&lines));
  if (!lines) return OpenDocument();
  layout_ = "JSON Lines";
  lines_ = std::make_unique<LineReader>(file_, max_line_bytes_);
  return Status::Ok();
}

/// JSON Lines when the first non-blank line is a complete JSON value (or
/// garbage, which is then rejected as a line); a whole document when that
/// line opens a value that continues below (a pretty-printed page).
Status SocialFeedSource::DecideLayout(bool* lines) {
  LineReader probe(file_, max_line_bytes_);
  LineReader::Event event;
  std::string line;
  uint64_t number = 0;
  bool terminated = false;
  do {
    CXMAP_RETURN_IF_ERROR(probe.Next(&event, &line, &number, &terminated));
  } while (event == LineReader::Event::kLine && IsBlank(line));
  std::rewind(file_);
  if (event != LineReader::Event::kLine) return Status::Ok();
  std::string_view first = line;
  if (first.substr(0, kBom.size()) == kBom) first.remove_prefix(kBom.size());
  ParsedJson parsed = ParseJson(first, 1, false);
  *lines = parsed.ok || !parsed.truncated || !terminated;
  return Status::Ok();
}

Status SocialFeedSource::ReadWhole(std::string* bytes) {
  if (file_size_ > max_document_bytes_) {
    return Status::NotSupported(settings_.file + ": " + std::to_string(file_size_) +
                                " bytes is more than max_document_bytes (" +
                                std::to_string(max_document_bytes_) +
                                ") for a whole document; raise the option or export JSON Lines");
  }
  bytes->resize(file_size_);
  size_t n = std::fread(bytes->data(), 1, bytes->size(), file_);
  if (std::ferror(file_)) return Status::IoError(settings_.file + ": read failed: " + std::strerror(errno));
  bytes->resize(n);
  input_done_ = true;
  return Status::Ok();
}

Status SocialFeedSource::OpenGooglePlay() {
  std::string bytes;
  CXMAP_RETURN_IF_ERROR(ReadWhole(&bytes));
  DecodedText decoded = DecodeExport(bytes, true);
  bytes.clear();
  encoding_ = decoded.encoding;
  layout_ = "CSV";
  UnitOutcome out;
  CXMAP_RETURN_IF_ERROR(ConvertGooglePlay(decoded.utf8, settings_, out, &columns_));
  Queue(std::move(out));
  return Status::Ok();
}

Status SocialFeedSource::OpenDocument() {
  std::string bytes;
  CXMAP_RETURN_IF_ERROR(ReadWhole(&bytes));
  layout_ = "JSON document";
  std::string_view text = bytes;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    uint64_t line = 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + bad, '\n'));
    pending_.push_back(UnitProblem{line, "invalid UTF-8 in a JSON document (byte " + std::to_string(bad) +
                                             "); nothing after it can be read",
                                   SafeExcerpt(text.substr(bad - std::min<size_t>(bad, 40), 80))});
    text = text.substr(0, bad);  // the posts before it still land
  }
  ParsedJson parsed = ParseJson(text, 1, true);
  UnitOutcome out;
  UnitContext ctx{settings_, 1, text, !parsed.ok};
  Convert(parsed.value, ctx, out);
  if (!parsed.ok) {
    out.problems.push_back({parsed.error_line,
                            std::string(parsed.truncated ? "truncated JSON document: "
                                                         : "invalid JSON document: ") +
                                parsed.error + "; the " + std::to_string(out.posts.size()) +
                                " complete posts before it were read",
                            ""});
  }
  Queue(std::move(out));
  return Status::Ok();
}

void SocialFeedSource::Convert(const Json& unit, const UnitContext& ctx, UnitOutcome& out) const {
  switch (format_) {
    case FeedFormat::kTwitter: return ConvertTwitter(unit, ctx, out);
    case FeedFormat::kFacebook: return ConvertFacebook(unit, ctx, out);
    case FeedFormat::kAppStore: return ConvertAppStore(unit, ctx, out);
    case FeedFormat::kReddit: return ConvertReddit(unit, ctx, out);
    case FeedFormat::kJsonl: return ConvertMapped(unit, ctx, out);
    case FeedFormat::kGooglePlay: break;  // CSV, read in OpenGooglePlay
  }
}

void SocialFeedSource::Queue(UnitOutcome&& outcome) {
  for (Record& r : outcome.posts) pending_.emplace_back(std::move(r));
  for (UnitProblem& p : outcome.problems) pending_.emplace_back(std::move(p));
  skipped_ += outcome.skipped;
}

Status SocialFeedSource::ReadNextLine() {
  LineReader::Event event;
  std::string line;
  uint64_t n = 0;
  bool terminated = true;
  while (pending_.empty()) {
    CXMAP_RETURN_IF_ERROR(lines_->Next(&event, &line, &n, &terminated));
    if (event == LineReader::Event::kEnd) {
      input_done_ = true;
      return Status::Ok();
    }
    auto reject = [&](std::string reason) {
      pending_.push_back(UnitProblem{n, std::move(reason), SafeExcerpt(line)});
    };
    if (event == LineReader::Event::kTooLong) {
      reject("line longer than max_line_bytes (" + std::to_string(max_line_bytes_) + "); not read");
      continue;
    }
    std::string_view text = line;
    if (text.substr(0, kBom.size()) == kBom) {
      if (n != 1) {
        reject("byte order mark at the start of line " + std::to_string(n) +
               ": files joined together? The line is not read");
        continue;
      }
      text.remove_prefix(kBom.size());
    }
    if (IsBlank(text)) continue;
    if (size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
      reject("invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line");
      continue;
    }
    ParsedJson parsed = ParseJson(text, n, false);
    if (!parsed.ok) {
      reject(!terminated && parsed.truncated
                 ? "truncated last line (the file ends inside a JSON value): " + parsed.error
                 : "not JSON: " + parsed.error);
      continue;
    }
    UnitOutcome out;
    Convert(parsed.value, UnitContext{settings_, n, text, false}, out);
    Queue(std::move(out));
  }
  return Status::Ok();
}

void SocialFeedSource::Count(const Record& r) {
  if (AttributeOf(r, "parent_id")) ++replies_;
  if (auto thread = AttributeOf(r, "thread_id"); thread && threads_.size() < kMaxThreadsCounted) {
    threads_.emplace(*thread);
  }
}

Status SocialFeedSource::NextBatch(RecordSink& sink, bool& at_end) {
  at_end = false;
  if (file_ == nullptr) return Status::Internal("NextBatch() before a successful Open()");
  if (host_.Cancelled()) return Status::Cancelled("import cancelled");
  size_t wanted = std::max<size_t>(1, sink.batch_hint());
  size_t emitted = 0;
  while (emitted < wanted) {
    if (pending_.empty()) {
      if (input_done_) break;
      CXMAP_RETURN_IF_ERROR(ReadNextLine());
      continue;
    }
    Item item = std::move(pending_.front());
    pending_.pop_front();
    if (auto* problem = std::get_if<UnitProblem>(&item)) {
      sink.Reject(settings_.file, problem->line, problem->reason, problem->excerpt);
      continue;
    }
    Record& r = std::get<Record>(item);
    r.record_number = ++record_number_;
    Count(r);
    CXMAP_RETURN_IF_ERROR(sink.Emit(r));
    ++emitted;
  }
  at_end = pending_.empty() && input_done_;
  uint64_t done = lines_ ? lines_->bytes_read() : file_size_;
  sink.Progress(std::min(done, file_size_), file_size_);
  return Status::Ok();
}

Result<Inspection> SocialFeedSource::Inspect(std::string_view path) {
  auto base = SourcePlugin::Inspect(path);
  if (!base.ok()) return base.status();
  Inspection out = std::move(*base);
  out.format = std::string(FormatName(format_));
  out.encoding = encoding_;
  out.unit = std::string(FormatUnit(format_));
  out.responses = out.records;
  if (format_ == FeedFormat::kGooglePlay) {
    out.delimiter = ",";
    out.header_rows = 1;
    out.columns = columns_;
  } else {
    out.columns = JsonFormatColumns(format_, settings_.mapping);
  }
  out.details.emplace_back("layout", layout_);
  out.details.emplace_back("channel", std::string(ChannelName(FormatChannel(format_))));
  out.details.emplace_back("detected_by", reason_);
  out.details.emplace_back("replies", std::to_string(replies_));
  out.details.emplace_back("threads", std::to_string(threads_.size()));
  out.details.emplace_back("skipped", std::to_string(skipped_));
  return out;
}

}  // namespace cxmap::social
