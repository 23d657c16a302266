// SPDX-License-Identifier: Apache-2.0
// Delimited text as a RowStream: chunked reads, one ICU decoder, CsvReader.
#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "encoding.h"
#include "row_stream.h"

namespace cxmap::csv {
namespace {

constexpr size_t kChunkBytes = size_t{256} << 10;
constexpr size_t kDetectBytes = size_t{64} << 10;

std::string_view StripUtf8Bom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

class CsvRowStream : public RowStream {
 public:
  ~CsvRowStream() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  Status Open(const std::string& path, const StreamSettings& settings, const Host& host) {
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr) {
      std::string why = std::strerror(errno);
      return errno == ENOENT ? Status::NotFound(path + ": " + why) : Status::IoError(path + ": " + why);
    }
    std::error_code ec;
    file_size_ = std::filesystem::file_size(path, ec);
    if (ec) file_size_ = 0;
    CXMAP_RETURN_IF_ERROR(ReadChunk());
    std::string_view head = std::string_view(raw_).substr(0, kDetectBytes);
    EncodingGuess guess;
    if (settings.encoding.empty()) {
      guess = DetectEncoding(head, eof_ && raw_.size() <= kDetectBytes);
    } else {
      guess = {settings.encoding, BomLength(head, settings.encoding), 1.0, "encoding option"};
    }
    host.Log(LogLevel::kInfo, path + ": encoding " + guess.name + " (" + guess.reason + ")");
    auto decoder = Utf8Decoder::Create(guess.name);
    if (!decoder.ok()) return decoder.status();
    decoder_ = std::move(*decoder);
    auto decoded = decoder_->Decode(std::string_view(raw_).substr(guess.bom_length), eof_);
    if (!decoded.ok()) return decoded.status();
    std::string_view text = StripUtf8Bom(*decoded);
    char delimiter = settings.delimiter;
    if (delimiter == 0) {
      bool whole = eof_ && text.size() <= kDetectBytes;
      delimiter = DetectDelimiter(text.substr(0, kDetectBytes), whole, nullptr);
    }
    reader_options_ = CsvReader::Options{delimiter, '"', settings.max_record_bytes};
    reader_ = std::make_unique<CsvReader>(reader_options_);
    reader_->Feed(text, eof_);
    info_ = {"csv", guess.name, guess.reason, delimiter, "", decoder_->passthrough(), false};
    // Passthrough: the text is the file's bytes after the mark(s) skipped.
    info_.text_offset = guess.bom_length + (decoded->size() - text.size());
    return Status::Ok();
  }

  Status SeekPiece(uint64_t begin, uint64_t end, uint64_t line) override {
    // Only UTF-8 passes bytes through undecoded, so only there is a file
    // offset a text offset (and a decoder has no state to carry over).
    if (!decoder_->passthrough()) return RowStream::SeekPiece(begin, end, line);
    if (begin > end || end > file_size_) return Status::InvalidArgument("piece outside the file");
    if (::fseeko(file_, static_cast<off_t>(begin), SEEK_SET) != 0) {
      return Status::IoError("seek failed: " + std::string(std::strerror(errno)));
    }
    reader_ = std::make_unique<CsvReader>(reader_options_);
    reader_->StartAtLine(line);
    piece_begin_ = begin;
    limit_ = end;
    position_ = begin;
    bytes_read_ = 0;
    eof_ = false;
    raw_.clear();
    return Status::Ok();
  }

  Result<bool> Next(CsvRow* row) override {
    while (true) {
      switch (reader_->Next(row)) {
        case CsvReader::Event::kRow: return true;
        case CsvReader::Event::kEnd: return false;
        case CsvReader::Event::kNeedInput: break;
      }
      CXMAP_RETURN_IF_ERROR(ReadChunk());
      auto decoded = decoder_->Decode(raw_, eof_);
      if (!decoded.ok()) return decoded.status();
      reader_->Feed(*decoded, eof_);
    }
  }

  // In a piece: bytes read of the piece, out of its size.
  uint64_t bytes_done() const override { return bytes_read_; }
  uint64_t bytes_total() const override {
    uint64_t total = limit_ != kNoLimit ? limit_ - piece_begin_ : file_size_;
    return std::max(total, bytes_read_);
  }

 private:
  static constexpr uint64_t kNoLimit = UINT64_MAX;

  Status ReadChunk() {
    size_t want = kChunkBytes;
    if (limit_ != kNoLimit) {
      want = static_cast<size_t>(std::min<uint64_t>(want, limit_ - position_));
    } else if (file_size_ >= position_) {
      // No bigger than the rest of the file (+1, for the short read that
      // tells its end): a small file must not cost a zero-filled 256 KiB
      // chunk. A file that grew is read on in whole chunks.
      want = static_cast<size_t>(std::min<uint64_t>(want, file_size_ - position_ + 1));
    }
    raw_.resize(want);
    size_t n = want == 0 ? 0 : std::fread(raw_.data(), 1, want, file_);
    raw_.resize(n);
    if (std::ferror(file_)) return Status::IoError("read failed: " + std::string(std::strerror(errno)));
    bytes_read_ += n;
    position_ += n;
    eof_ = limit_ != kNoLimit ? position_ >= limit_ || n < want : n < kChunkBytes && std::feof(file_);
    if (limit_ != kNoLimit && position_ < limit_ && eof_) {
      return Status::IoError("the file ended before its piece did: changed while read?");
    }
    return Status::Ok();
  }

  std::FILE* file_ = nullptr;
  uint64_t file_size_ = 0, bytes_read_ = 0;
  uint64_t piece_begin_ = 0, limit_ = kNoLimit, position_ = 0;
  CsvReader::Options reader_options_;
  bool eof_ = false;
  std::string raw_;
  std::unique_ptr<Utf8Decoder> decoder_;
  std::unique_ptr<CsvReader> reader_;
};

}  // namespace

bool IsZip(std::string_view head) {
  // A local file header, or the end record of an archive with no entries.
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         head.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

Result<std::unique_ptr<RowStream>> OpenCsvStream(const std::string& path,
                                                 const StreamSettings& settings, const Host& host) {
  auto stream = std::make_unique<CsvRowStream>();
  CXMAP_RETURN_IF_ERROR(stream->Open(path, settings, host));
  return std::unique_ptr<RowStream>(std::move(stream));
}

}  // namespace cxmap::csv
