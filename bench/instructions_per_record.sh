#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Instructions per analysed record of `cxmap run`, by thread and plugin,
# counted by callgrind: repeatable on a busy machine, where wall times are
# not. Two runs (the first 5,000 and 20,000 lines of the 100k bench corpus)
# are subtracted, so start-up (dictionaries, plugins) cancels out.
#   bench/instructions_per_record.sh [BUILD_DIR]
# Environment: BENCH_CACHE=DIR (as compare.sh), SEED=42. Needs valgrind.
# Takes about two minutes on two cores. Counts move by a few per cent from
# run to run (which plugin analyses a text first depends on the threads).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-${BUILD_DIR:-build}}
CXMAP="$PWD/$BUILD_DIR/bin/cxmap"
[ -x "$CXMAP" ] || { echo "instructions_per_record: build cxmap first" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions_per_record: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-bench}
SEED=${SEED:-42}
corpus="$CACHE/corpus_100000_seed$SEED.csv"
mkdir -p "$CACHE"
[ -s "$corpus" ] || bench/gen_corpus.py --rows 100000 --seed "$SEED" --out "$corpus"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for lines in 5000 20000; do
  head -n $((lines + 1)) "$corpus" > "$work/c$lines.csv"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg$lines.out" \
    "$CXMAP" --quiet --db "$work/c$lines.db" run --no-report "$work/c$lines.csv" > "$work/log$lines" 2>&1 &
done
wait
for lines in 5000 20000; do
  sqlite3 "$work/c$lines.db" "SELECT count(*) FROM units" > "$work/n$lines"
  callgrind_annotate --inclusive=yes --threshold=100 "$work/cg$lines.out" > "$work/in$lines.txt" 2>/dev/null
done

/usr/bin/python3 - "$work" <<'EOF'
import re, sys
work = sys.argv[1]
def load(lines):
    d = {}
    for line in open(f"{work}/in{lines}.txt", encoding="utf-8", errors="replace"):
        m = re.match(r"^\s*([\d,]+) \([^)]*\)\s+(.*)$", line)
        if m and "=>" not in m.group(2):
            d.setdefault(m.group(2), int(m.group(1).replace(",", "")))
    return d
small, large = load(5000), load(20000)
n = int(open(f"{work}/n20000").read()) - int(open(f"{work}/n5000").read())
rows = [("total", "PROGRAM TOTALS"),
        ("analysis workers (both)", "Pipeline::WorkerLoop(std"),
        ("  journey", "AnalysisAdapter<cxmap::journey::JourneyAnalysis>::Analyze(void"),
        ("  sentiment", "AnalysisAdapter<cxmap::sentiment::SentimentAnalysis>::Analyze(void"),
        ("  empathy map", "AnalysisAdapter<cxmap::empathy::EmpathyAnalysis>::Analyze(void"),
        ("  host: result conversion", "AnalysisInstance::EmitThunk(void*"),
        ("  text analysis (once per text)", "TextAnalyzer::AnalyzeUncached"),
        ("writer thread", "Pipeline::WriterLoop()"),
        ("  responses and units", "SqliteStore::WriteRecords("),
        ("  results: encoding", "ResultWriter::Write(long"),
        ("  results: upserts", "ResultWriter::Flush() ["),
        ("  SQLite (all statements)", "sqlite3_step [")]
print(f"instructions per analysed record ({n} records: 20k minus 5k lines); inclusive, so a")
print("plugin's figure holds the host calls it makes (text analysis, result conversion)")
for label, key in rows:
    hits = [k for k in large if key in k and not k.startswith("/usr/include")]
    if not hits:
        print(f"{label:34} (not found)")
        continue
    k = max(hits, key=lambda h: large[h] - small.get(h, 0))
    print(f"{label:34} {(large[k] - small.get(k, 0)) / n / 1000:8.1f}k")
EOF
