// SPDX-License-Identifier: Apache-2.0
#include "jsonl_reviews_source.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

namespace cxmap_samples {
namespace {

constexpr size_t kExcerptBytes = 80;

// Cuts `s` to at most `n` bytes without splitting a UTF-8 sequence.
std::string_view Excerpt(std::string_view s, size_t n = kExcerptBytes) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

cxmap::SniffResult JsonlReviewsSource::Sniff(std::string_view path, std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const bool named = EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson");
  // Only complete lines are judged: the head may end in the middle of one.
  int objects = 0, reviews = 0, broken = 0;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::string_view line = head.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
      ++broken;
      continue;
    }
    ++objects;
    if (doc.contains("body") || doc.contains("rating")) ++reviews;
  }
  cxmap::SniffResult r;
  r.format = "review_jsonl";
  if (objects == 0) {
    r.confidence = 0;
    r.reason = "no complete line of the head is a JSON object";
    return r;
  }
  if (reviews == 0) {
    r.confidence = named ? 0.3 : 0.2;
    r.reason = std::to_string(objects) + " JSON object line(s) but none has \"body\" or \"rating\"";
    return r;
  }
  r.confidence = (named ? 0.95 : 0.85) - (broken > 0 ? 0.1 : 0.0);
  r.reason = std::to_string(reviews) + " of " + std::to_string(objects + broken) +
             " head line(s) are review objects (\"body\"/\"rating\")" +
             (named ? ", .jsonl/.ndjson name" : "");
  return r;
}

cxmap::Result<std::unique_ptr<JsonlReviewsSource>> JsonlReviewsSource::Create(
    const cxmap::Host& host, const cxmap::OptionValues& options) {
  ReviewLineOptions o;
  o.text_field = options.GetString("text_field", "body");
  o.sub_channel = options.GetString("sub_channel", "app_store");
  o.keep_author = options.GetBool("keep_author", false);
  long long max_line = options.GetInteger("max_line_bytes", 1 << 20);
  if (o.text_field.empty()) return cxmap::Status::InvalidArgument("text_field must not be empty");
  if (max_line <= 0) return cxmap::Status::InvalidArgument("max_line_bytes must be positive");
  return std::make_unique<JsonlReviewsSource>(host, std::move(o), static_cast<uint64_t>(max_line));
}

JsonlReviewsSource::JsonlReviewsSource(const cxmap::Host& host, ReviewLineOptions options,
                                       uint64_t max_line_bytes)
    : host_(host), options_(std::move(options)), max_line_bytes_(max_line_bytes) {}

cxmap::Status JsonlReviewsSource::Open(std::string_view path) {
  path_ = std::string(path);
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return cxmap::Status::NotFound("no such file: " + path_);
  bytes_total_ = std::filesystem::file_size(path_, ec);
  if (ec) bytes_total_ = 0;
  in_ = std::ifstream(path_, std::ios::binary);
  if (!in_) return cxmap::Status::IoError("cannot open " + path_);
  bytes_done_ = line_no_ = record_no_ = emitted_ = rejected_ = 0;
  return cxmap::Status::Ok();
}

cxmap::Status JsonlReviewsSource::NextBatch(cxmap::RecordSink& sink, bool& at_end) {
  if (!in_.is_open()) return cxmap::Status::InvalidArgument("NextBatch() before Open()");
  const size_t want = sink.batch_hint() > 0 ? sink.batch_hint() : 256;
  size_t emitted_now = 0;
  at_end = false;
  while (emitted_now < want) {
    if (host_.Cancelled()) return cxmap::Status::Cancelled("stopped at line " + std::to_string(line_no_));
    if (!std::getline(in_, line_)) {
      if (in_.bad()) return cxmap::Status::IoError("read failed after line " + std::to_string(line_no_));
      at_end = true;
      break;
    }
    ++line_no_;
    bytes_done_ += line_.size() + 1;
    std::string_view line = line_;
    if (line_no_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    ++record_no_;

    cxmap::Status s = line.size() > max_line_bytes_
                          ? cxmap::Status::InvalidArgument("line longer than max_line_bytes (" +
                                                           std::to_string(max_line_bytes_) + ")")
                          : ParseReviewLine(line, options_, record_);
    if (!s.ok()) {
      ++rejected_;
      sink.Reject(path_, line_no_, s.message(), Excerpt(line));
      continue;
    }
    record_.file = path_;
    record_.line = line_no_;
    record_.record_number = record_no_;
    CXMAP_RETURN_IF_ERROR(sink.Emit(record_));
    ++emitted_;
    ++emitted_now;
  }
  sink.Progress(bytes_done_, bytes_total_);
  if (at_end) {
    host_.Log(cxmap::LogLevel::kInfo, path_ + ": " + std::to_string(emitted_) + " review(s), " +
                                          std::to_string(rejected_) + " rejected line(s)");
  }
  return cxmap::Status::Ok();
}

}  // namespace cxmap_samples
