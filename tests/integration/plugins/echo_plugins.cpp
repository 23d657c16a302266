// SPDX-License-Identifier: Apache-2.0
// Well-behaved test plugins: a line source and an analysis that reports
// text length per record and per sentence, with an option.
#include <algorithm>
#include <fstream>

#include "cxmap/cxmap.h"

class LineSource : public cxmap::SourcePlugin {
 public:
  static constexpr std::string_view kName = "source_test_lines", kVersion = "1.0.0",
                                    kDescription = "Test: one record per line of a .lines file",
                                    kVendor = "cxmap tests";
  static constexpr std::array<cxmap_option_decl, 0> kOptions{};
  static cxmap::SniffResult Sniff(std::string_view path, std::string_view) {
    bool mine = path.size() > 6 && path.substr(path.size() - 6) == ".lines";
    return {mine ? 0.9 : 0.0, "lines", mine ? "file name ends in .lines" : "not a .lines file"};
  }
  static cxmap::Result<std::unique_ptr<LineSource>> Create(const cxmap::Host&,
                                                           const cxmap::OptionValues&) {
    return std::make_unique<LineSource>();
  }
  cxmap::Status Open(std::string_view path) override {
    path_ = std::string(path);
    in_.open(path_);
    return in_ ? cxmap::Status::Ok() : cxmap::Status::NotFound(path_);
  }
  // A line starting with "BAD" is rejected; the others become records.
  cxmap::Status NextBatch(cxmap::RecordSink& sink, bool& at_end) override {
    std::string line;
    for (size_t n = 0; n < sink.batch_hint(); ++n) {
      if (!std::getline(in_, line)) {
        at_end = true;
        return cxmap::Status::Ok();
      }
      ++line_;
      if (line.rfind("BAD", 0) == 0) {
        sink.Reject(path_, line_, "line starts with BAD", line);
        continue;
      }
      cxmap::Record r;
      r.text = line;
      r.file = path_;
      r.line = r.record_number = line_;
      CXMAP_RETURN_IF_ERROR(sink.Emit(r));
    }
    return cxmap::Status::Ok();
  }

 private:
  std::string path_;
  std::ifstream in_;
  uint64_t line_ = 0;
};

class Echo : public cxmap::AnalysisPlugin {
 public:
  static constexpr std::string_view kName = "analysis_test_echo", kVersion = "1.0.0",
                                    kDescription = "Test: text length per record and sentence",
                                    kVendor = "cxmap tests";
  static constexpr std::array kOptions = {
      cxmap::Option("min_length", cxmap::OptionType::kInteger, "0", "Flag texts at least this long")};
  static constexpr std::array kFields = {
      cxmap::Field("length", cxmap::FieldType::kInteger, "Bytes of text"),
      cxmap::Field("long", cxmap::FieldType::kBool, "length >= min_length")};
  static cxmap::Result<std::unique_ptr<Echo>> Create(const cxmap::Host& host,
                                                     const cxmap::OptionValues& o) {
    if (o.GetInteger("min_length") < 0) return cxmap::Status::InvalidArgument("min_length < 0");
    host.Log(cxmap::LogLevel::kDebug, "created");
    return std::make_unique<Echo>(o.GetInteger("min_length"));
  }
  explicit Echo(long long min) : min_(min) {}
  cxmap::Status Analyze(const cxmap::RecordBatch& batch, cxmap::ResultWriter& out) override {
    for (size_t i = 0; i < batch.size(); ++i) {
      std::string_view text = batch[i].text();
      auto len = static_cast<long long>(text.size());
      // Evidence spans: the first word, or (texts starting "span-") a span
      // the host must refuse: past the text, inside a character, or pointing
      // past the evidence list.
      cxmap::EvidenceSpan span{0, std::min(text.find(' '), text.size()), 0};
      if (text.starts_with("span-past")) span.end = text.size() + 1;
      if (text.starts_with("span-cut")) span = {0, text.find('\xC3') + 1, 0};
      if (text.starts_with("span-evidence")) span.evidence = 1;
      const cxmap::EvidenceSpan spans[] = {span};
      CXMAP_RETURN_IF_ERROR(out.Set(i, "length", cxmap::Value::Integer(len), {"rule:bytes"}, spans));
      CXMAP_RETURN_IF_ERROR(out.Set(i, "long", cxmap::Value::Bool(len >= min_), {"rule:min_length"}));
      // Sentences: split on '.', enough for a test.
      int32_t s = 0;
      for (size_t start = 0; start < text.size();) {
        size_t end = std::min(text.find('.', start), text.size());
        std::string_view sentence = text.substr(start, end - start);
        CXMAP_RETURN_IF_ERROR(out.SetSentence(i, s++, sentence, "length",
                                              cxmap::Value::Integer(sentence.size())));
        start = end + 1;
      }
    }
    return cxmap::Status::Ok();
  }

 private:
  long long min_;
};

CXMAP_SOURCE_PLUGIN(LineSource, source_test_lines)
CXMAP_ANALYSIS_PLUGIN(Echo, analysis_test_echo)
