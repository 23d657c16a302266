// SPDX-License-Identifier: Apache-2.0
// Google Benchmark micro-benchmarks of cxmap's hot paths, on rows of the
// bench corpus (bench/gen_corpus.py, made into a temporary file here):
//   CSV field splitting, evidence-span encoding, each built-in analysis
//   plugin per text, and the store's batch write.
//   build/bin/micro_bench [--benchmark_filter=Plugin]
// Run by hand on an idle machine; not part of the tests.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/plugin_host/analysis_instance.h"
#include "core/plugin_host/plugin_registry.h"
#include "core/storage/span_codec.h"
#include "core/storage/store.h"
#include "cxmap/support/csv.h"

namespace {

namespace fs = std::filesystem;
using namespace cxmap;
using namespace cxmap::core;

// 2000 rows of the bench corpus, generated once per process.
const std::string& CorpusCsv() {
  static const std::string csv = [] {
    fs::path out = fs::temp_directory_path() / ("cxmap_micro_" + std::to_string(::getpid()) + ".csv");
    std::string cmd = "python3 " CXMAP_BENCH_DIR "/gen_corpus.py --rows 2000 --seed 42 --out " + out.string();
    if (std::system(cmd.c_str()) != 0) std::abort();
    std::ifstream in(out, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    fs::remove(out);
    return ss.str();
  }();
  return csv;
}

std::vector<std::string> Comments() {
  std::vector<std::string> out;
  support::CsvSplitter split(CorpusCsv());
  support::CsvRow row;
  split.Next(&row);  // header; comment is the last column
  while (split.Next(&row)) {
    if (!row.fields.empty() && !row.fields.back().empty()) out.push_back(row.fields.back());
  }
  return out;
}

void BM_CsvSplit(benchmark::State& state) {
  const std::string& csv = CorpusCsv();
  for (auto _ : state) {
    support::CsvSplitter split(csv);
    support::CsvRow row;
    size_t fields = 0;
    while (split.Next(&row)) fields += row.fields.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * csv.size()));
}
BENCHMARK(BM_CsvSplit);

void BM_EncodeSpans(benchmark::State& state) {
  const std::vector<ResultSpan> spans = {{0, 10, 0}, {11, 17, 1}, {19, 31, 2}, {140, 152, 3}};
  for (auto _ : state) {
    std::string blob = EncodeSpans(spans);
    benchmark::DoNotOptimize(blob);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * spans.size()));
}
BENCHMARK(BM_EncodeSpans);

Batch TextBatch(const std::vector<std::string>& texts, size_t first, size_t n) {
  Batch b;
  for (size_t i = 0; i < n; ++i) {
    FeedbackRecord r;
    r.id = "micro:" + std::to_string(first + i);
    r.source = "micro";
    r.rec.text = texts[(first + i) % texts.size()];
    r.rec.external_id = std::to_string(first + i);
    r.rec.file = "micro.csv";
    r.rec.line = first + i + 2;
    r.rec.record_number = first + i + 1;
    b.records.push_back(std::move(r));
  }
  return b;
}

// One plugin over 200 texts per iteration; items = texts.
void BM_Plugin(benchmark::State& state, const char* name) {
  static PluginRegistry* registry = [] {
    auto* r = new PluginRegistry();
    r->ScanDirectory(CXMAP_PLUGIN_BUILD_DIR, true);
    return r;
  }();
  const PluginInfo* plugin = registry->Find(name);
  if (plugin == nullptr) {
    state.SkipWithError("plugin not built");
    return;
  }
  std::atomic<bool> cancel{false};
  auto inst = AnalysisInstance::Create(*plugin, {}, &cancel);
  if (!inst.ok()) {
    state.SkipWithError(inst.status().message().c_str());
    return;
  }
  static const std::vector<std::string> texts = Comments();
  size_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Batch b = TextBatch(texts, next, 200);
    next += 200;
    state.ResumeTiming();
    Status s = (*inst)->Analyze(b);
    if (!s.ok()) state.SkipWithError(s.message().c_str());
    benchmark::DoNotOptimize(b.results.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 200));
}
BENCHMARK_CAPTURE(BM_Plugin, sentiment, "analysis_sentiment")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plugin, journey, "analysis_journey")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plugin, empathy_map, "analysis_empathy_map")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plugin, stakeholder, "analysis_stakeholder")->Unit(benchmark::kMillisecond);

// 2000 units with the results the built-in plugins give them, written in
// one transaction into a new database; items = units.
void BM_StoreWriteBatch(benchmark::State& state) {
  static const std::vector<std::string> texts = Comments();
  PluginRegistry registry;
  registry.ScanDirectory(CXMAP_PLUGIN_BUILD_DIR, true);
  std::atomic<bool> cancel{false};
  Batch analysed = TextBatch(texts, 0, 2000);
  for (const PluginInfo* p : registry.OfKind(CXMAP_KIND_ANALYSIS)) {
    auto inst = AnalysisInstance::Create(*p, {}, &cancel);
    if (inst.ok() && (*inst)->Analyze(analysed).ok()) analysed.plugins.push_back(p->name);
  }
  fs::path dir = fs::temp_directory_path() / ("cxmap_micro_db_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = (dir / ("w" + std::to_string(round++) + ".db")).string();
    auto store = OpenSqliteStore(path);
    if (!store.ok()) {
      state.SkipWithError(store.status().message().c_str());
      break;
    }
    ImportRequest request{"micro.csv", "sha-" + std::to_string(round), 1, "micro", "csv"};
    auto handle = (*store)->BeginImport(request);
    Batch batch = analysed;
    state.ResumeTiming();
    BatchOutcome outcome;
    Status s = (*store)->WriteBatch(handle->import_id, batch, &outcome);
    if (!s.ok()) state.SkipWithError(s.message().c_str());
    state.PauseTiming();
    store->reset();
    fs::remove(path);
    fs::remove(path + "-wal");
    fs::remove(path + "-shm");
    state.ResumeTiming();
  }
  fs::remove_all(dir);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 2000));
}
BENCHMARK(BM_StoreWriteBatch)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
