// SPDX-License-Identifier: Apache-2.0
// Test: an analysis plugin that misbehaves the way a vendor's might, built
// once per fault (FAULT_* below) against the SDK only. It writes a normal
// result for every text, and misbehaves on a text containing "trigger" (or
// always, where the fault is in create()):
//   FAULT_SEGV        dereferences a null pointer
//   FAULT_ABORT       calls abort()
//   FAULT_HANG        loops forever, ignoring cancellation
//   FAULT_CREATE      create() returns an error
//   FAULT_CREATE_CRASH create() dereferences a null pointer
//   FAULT_HUGE        returns an 8 MB value and 10,000 evidence items
//   FAULT_BAD_UTF8    returns a value that is not UTF-8
//   FAULT_SENTENCE    returns sentence index -7
//   FAULT_STDOUT      prints to stdout (must not reach cxmap's output)
//   FAULT_INIT_CRASH  a static initialiser dereferences a null pointer when
//                     the module is loaded
// The FAULT_SRC_* variants are a source plugin instead, reading `.faulty`
// files one record per line (a line "BAD..." is rejected, one "SKIP..."
// skipped), that misbehaves on a line or head containing "trigger" unless
// CXMAP_TEST_HEALED is set (the fixed build, for re-running):
//   FAULT_SRC_SNIFF_SEGV  sniff() dereferences a null pointer (any file)
//   FAULT_SRC_NEXT_ABORT  next_batch() calls abort() at the trigger line
//   FAULT_SRC_NEXT_HANG   next_batch() loops forever at the trigger line
//   FAULT_SRC_GOOD        never misbehaves: a vendor's source, to measure;
//                         it also cuts an input into pieces of whole lines
//   FAULT_SRC_SPLIT_SEGV  split() dereferences a null pointer (any file)
// Every variant's static initialiser appends "<process name>\n" to the file
// CXMAP_TEST_INIT_MARK names, if set: which process ran the module's code;
// with CXMAP_TEST_INIT_DRAIN set it reads its standard input to the end, and
// with CXMAP_TEST_INIT_FORK it leaves a process behind that sleeps 20 s
// holding every descriptor it inherited.
#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "cxmap/cxmap.h"

#if defined(FAULT_SEGV)
#define FAULT_NAME analysis_test_segv
#elif defined(FAULT_ABORT)
#define FAULT_NAME analysis_test_abort
#elif defined(FAULT_HANG)
#define FAULT_NAME analysis_test_hang
#elif defined(FAULT_CREATE)
#define FAULT_NAME analysis_test_create_fails
#elif defined(FAULT_CREATE_CRASH)
#define FAULT_NAME analysis_test_create_crash
#elif defined(FAULT_HUGE)
#define FAULT_NAME analysis_test_huge
#elif defined(FAULT_BAD_UTF8)
#define FAULT_NAME analysis_test_bad_utf8
#elif defined(FAULT_SENTENCE)
#define FAULT_NAME analysis_test_bad_sentence
#elif defined(FAULT_INIT_CRASH)
#define FAULT_NAME analysis_test_init_crash
#elif defined(FAULT_SRC_SNIFF_SEGV)
#define FAULT_NAME source_test_sniff_segv
#elif defined(FAULT_SRC_NEXT_ABORT)
#define FAULT_NAME source_test_next_abort
#elif defined(FAULT_SRC_NEXT_HANG)
#define FAULT_NAME source_test_next_hang
#elif defined(FAULT_SRC_GOOD)
#define FAULT_NAME source_test_vendor
#elif defined(FAULT_SRC_SPLIT_SEGV)
#define FAULT_NAME source_test_split_segv
#else
#define FAULT_NAME analysis_test_stdout
#endif
#if defined(FAULT_SRC_SNIFF_SEGV) || defined(FAULT_SRC_NEXT_ABORT) || \
    defined(FAULT_SRC_NEXT_HANG) || defined(FAULT_SRC_GOOD) || defined(FAULT_SRC_SPLIT_SEGV)
#define FAULT_SOURCE 1
#endif
#define STRINGIFY2(x) #x
#define STRINGIFY(x) STRINGIFY2(x)

// Dies of SIGSEGV. In a sanitizer build (CI's ASan+UBSan run) the
// sanitizers would catch the null store and exit with their own status, so
// there the process raises the signal itself: the host must see what a
// crashing plugin in a normal build does.
[[noreturn]] inline void Segfault() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
  std::signal(SIGSEGV, SIG_DFL);
  std::raise(SIGSEGV);
  std::abort();  // not reached
#else
  volatile int* nowhere = nullptr;
  *nowhere = 1;
  std::abort();  // not reached
#endif
}

// Runs when the module is loaded, before any plugin function is called.
const bool kLoaded = [] {
  if (const char* mark = std::getenv("CXMAP_TEST_INIT_MARK")) {
    char name[64] = "?";
    if (std::FILE* comm = std::fopen("/proc/self/comm", "r")) {
      if (std::fgets(name, sizeof name, comm) == nullptr) name[0] = '\0';
      std::fclose(comm);
    }
    if (std::FILE* out = std::fopen(mark, "a")) {
      std::fputs(name, out);  // comm ends with a newline
      std::fclose(out);
    }
  }
  if (std::getenv("CXMAP_TEST_INIT_DRAIN") != nullptr) {
    char buffer[4096];
    while (::read(0, buffer, sizeof buffer) > 0) {
    }
  }
  if (std::getenv("CXMAP_TEST_INIT_FORK") != nullptr && ::fork() == 0) {
    ::sleep(20);
    ::_exit(0);
  }
#if defined(FAULT_INIT_CRASH)
  Segfault();
#endif
  return true;
}();

#if defined(FAULT_SOURCE)

bool Healed() { return std::getenv("CXMAP_TEST_HEALED") != nullptr; }

class FaultySource : public cxmap::SourcePlugin {
 public:
  static constexpr std::string_view kName = STRINGIFY(FAULT_NAME), kVersion = "1.0.0",
                                    kDescription = "Test: a source that misbehaves on purpose",
                                    kVendor = "cxmap tests";
  static constexpr std::array<cxmap_option_decl, 0> kOptions{};
  static cxmap::SniffResult Sniff(std::string_view path, [[maybe_unused]] std::string_view head) {
#if defined(FAULT_SRC_SNIFF_SEGV)
    if (head.find("trigger") != std::string_view::npos && !Healed()) Segfault();
#endif
    bool mine = path.ends_with(".faulty");
    return {mine ? 0.95 : 0.0, "faulty", mine ? "file name ends in .faulty" : "not a .faulty file"};
  }
  static cxmap::Result<std::unique_ptr<FaultySource>> Create(const cxmap::Host& host,
                                                             const cxmap::OptionValues&) {
    host.Log(cxmap::LogLevel::kInfo, "created");
    return std::make_unique<FaultySource>();
  }
  cxmap::Status Open(std::string_view path) override {
    path_ = std::string(path);
    in_.open(path_);
    return in_ ? cxmap::Status::Ok() : cxmap::Status::NotFound(path_);
  }
#if defined(FAULT_SRC_GOOD) || defined(FAULT_SRC_SPLIT_SEGV)
  // Pieces of whole lines, named "L<first>-<last>" (1-based, inclusive).
  cxmap::Result<std::vector<cxmap::Piece>> Split(std::string_view path, uint32_t parts) override {
#if defined(FAULT_SRC_SPLIT_SEGV)
    if (!Healed()) Segfault();
#endif
    std::ifstream in{std::string(path)};
    std::vector<uint64_t> sizes;  // bytes of each line, its newline (if any) included
    std::streamoff at = 0;
    for (std::string line; std::getline(in, line);) {
      const std::streamoff next = in.eof() ? at + static_cast<std::streamoff>(line.size()) : static_cast<std::streamoff>(in.tellg());
      sizes.push_back(static_cast<uint64_t>(next - at));
      at = next;
    }
    std::vector<cxmap::Piece> pieces;
    const size_t per = (sizes.size() + parts - 1) / std::max<uint32_t>(parts, 1);
    for (size_t first = 0; per > 0 && first < sizes.size(); first += per) {
      const size_t last = std::min(first + per, sizes.size());
      uint64_t bytes = 0;
      for (size_t i = first; i < last; ++i) bytes += sizes[i];
      pieces.push_back({"L" + std::to_string(first + 1) + "-" + std::to_string(last), bytes});
    }
    return pieces;
  }
  cxmap::Status OpenPiece(std::string_view path, std::string_view token) override {
    uint64_t first = 0, last = 0;
    const char* end = token.data() + token.size();
    auto [dash, e1] = token.starts_with("L")
                          ? std::from_chars(token.data() + 1, end, first)
                          : std::from_chars_result{token.data(), std::errc::invalid_argument};
    bool ok = e1 == std::errc() && dash != end && *dash == '-';
    if (ok) {
      auto [stop, e2] = std::from_chars(dash + 1, end, last);
      ok = e2 == std::errc() && stop == end;
    }
    if (!ok || first == 0 || last < first) {
      return cxmap::Status(cxmap::Code::kInvalidArgument, "not a piece of this source");
    }
    CXMAP_RETURN_IF_ERROR(Open(path));
    std::string skipped;
    while (line_ + 1 < first && std::getline(in_, skipped)) ++line_;
    last_ = last;
    return cxmap::Status::Ok();
  }
#endif
  cxmap::Status NextBatch(cxmap::RecordSink& sink, bool& at_end) override {
    std::string line;
    for (size_t n = 0; n < sink.batch_hint(); ++n) {
      if (line_ >= last_ || !std::getline(in_, line)) {
        at_end = true;
        return cxmap::Status::Ok();
      }
      ++line_;
      if (line.find("trigger") != std::string::npos && !Healed()) {
#if defined(FAULT_SRC_NEXT_ABORT)
        std::abort();
#elif defined(FAULT_SRC_NEXT_HANG)
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
#endif
      }
      if (line.starts_with("BAD")) {
        sink.Reject(path_, line_, "line starts with BAD", line);
        continue;
      }
      if (line.starts_with("SKIP")) {
        sink.Skip(path_, line_, "line starts with SKIP");
        continue;
      }
      cxmap::Record r;
      r.text = line;
      r.file = path_;
      r.line = r.record_number = line_;
      r.external_id = "row" + std::to_string(line_);
      r.nps = static_cast<double>(line_ % 11);
      r.attributes = {{"row", std::to_string(line_)}};
      CXMAP_RETURN_IF_ERROR(sink.Emit(r));
    }
    return cxmap::Status::Ok();
  }

 private:
  std::string path_;
  std::ifstream in_;
  uint64_t line_ = 0;
  uint64_t last_ = UINT64_MAX;  // the last line of the piece opened
};

CXMAP_SOURCE_PLUGIN(FaultySource, FAULT_NAME)

#else

class Faulty : public cxmap::AnalysisPlugin {
 public:
  static constexpr std::string_view kName = STRINGIFY(FAULT_NAME), kVersion = "1.0.0",
                                    kDescription = "Test: misbehaves on purpose",
                                    kVendor = "cxmap tests";
  static constexpr std::array<cxmap_option_decl, 0> kOptions{};
  static constexpr std::array kFields = {
      cxmap::Field("seen", cxmap::FieldType::kBool, "true for every text analysed"),
      cxmap::Field("note", cxmap::FieldType::kString, "a value that may be oversized")};
  static cxmap::Result<std::unique_ptr<Faulty>> Create(const cxmap::Host&,
                                                       const cxmap::OptionValues&) {
#if defined(FAULT_CREATE)
    return cxmap::Status::NotFound("the licence file of this plugin is missing");
#elif defined(FAULT_CREATE_CRASH)
    Segfault();
#else
    return std::make_unique<Faulty>();
#endif
  }
  cxmap::Status Analyze(const cxmap::RecordBatch& batch, cxmap::ResultWriter& out) override {
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].text().find("trigger") != std::string_view::npos) Misbehave(i, out);
      CXMAP_RETURN_IF_ERROR(out.Set(i, "seen", cxmap::Value::Bool(true)));
    }
    return cxmap::Status::Ok();
  }

 private:
  static void Misbehave([[maybe_unused]] size_t i, [[maybe_unused]] cxmap::ResultWriter& out) {
#if defined(FAULT_SEGV)
    Segfault();
#elif defined(FAULT_ABORT)
    std::abort();
#elif defined(FAULT_HANG)
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
#elif defined(FAULT_HUGE)
    std::vector<std::string> evidence(10000, "cue");
    (void)out.Set(i, "note", cxmap::Value::String(std::string(8 << 20, 'x')));
    (void)out.Set(i, "note", cxmap::Value::String("many cues"), evidence);
#elif defined(FAULT_BAD_UTF8)
    (void)out.Set(i, "note", cxmap::Value::String("caf\xC3"));
#elif defined(FAULT_SENTENCE)
    (void)out.SetSentence(i, -7, "?", "note", cxmap::Value::String("where"));
#elif defined(FAULT_STDOUT)
    std::printf("{\"forged\": true}\n");
    std::fflush(stdout);
#endif
  }
};

CXMAP_ANALYSIS_PLUGIN(Faulty, FAULT_NAME)

#endif  // FAULT_SOURCE
