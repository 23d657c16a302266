#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times `cxmap import` and `cxmap run` (import + analyse) on generated
# corpora of 100k and 1M rows and prints rows, seconds, rows/s, peak RSS
# and the database's size (MB = 10^6 bytes) and its ratio to the CSV.
#   bench/bench_import.sh [BUILD_DIR]          (or BUILD_DIR=..., default build)
# Environment:
#   SIZES="100000 1000000"   corpus sizes in rows
#   BENCH_CACHE=DIR          where corpora are kept (default ~/.cache/cxmap-bench)
#   THREADS=N                passed as --threads N (default: cxmap's own choice)
#   MODES="import run"       which subcommands to time
#   SEED=42                  corpus seed
# Needs GNU time (/usr/bin/time; Debian: apt-get install time) and python3.
# Not part of the test suite: run it by hand on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${1:-${BUILD_DIR:-build}}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
CXMAP="$BUILD_DIR/bin/cxmap"
SIZES=${SIZES:-"100000 1000000"}
MODES=${MODES:-"import run"}
SEED=${SEED:-42}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-bench}

die() { echo "bench_import: $*" >&2; exit 2; }
[ -x "$CXMAP" ] || die "$CXMAP not found: build cxmap first (cmake --build $BUILD_DIR)"
if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  die "GNU time is needed for peak RSS: apt-get install time"
fi
command -v python3 >/dev/null || die "python3 is needed to generate the corpora"

THREAD_ARGS=()
[ -n "${THREADS:-}" ] && THREAD_ARGS=(--threads "$THREADS")
mkdir -p "$CACHE"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=bench/measure.sh
. "$ROOT/bench/measure.sh"

echo "cxmap: $CXMAP ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "threads: ${THREADS:-default}; corpora: $CACHE"
echo
printf '| %-6s | %9s | %9s | %10s | %12s | %8s | %9s | %9s |\n' mode rows file_MB seconds rows_per_s peak_MB db_MB db_vs_csv
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' -------- ----------- ----------- ------------ -------------- ---------- ----------- -----------

status=0
for n in $SIZES; do
  corpus=$(corpus_of "$n")
  file_bytes=$(stat -c %s "$corpus")
  file_mb=$(awk -v b="$file_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  for mode in $MODES; do
    db="$tmp/bench_${mode}_${n}.db"
    rm -f "$db" "$db-wal" "$db-shm"
    rc=0
    extra=()
    [ "$mode" = run ] && extra=(--no-report)  # the report is timed by compare.sh
    /usr/bin/time -v -o "$tmp/time.txt" \
      "$CXMAP" --quiet --db "$db" "${THREAD_ARGS[@]}" "$mode" "${extra[@]}" "$corpus" >"$tmp/out.txt" 2>&1 || rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "bench_import: cxmap $mode on $n rows exited $rc:" >&2
      tail -20 "$tmp/out.txt" >&2
      status=1
      continue
    fi
    secs=$(wall_seconds "$tmp/time.txt")
    rate=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
    db_bytes=$(db_bytes "$db")
    db_mb=$(awk -v b="$db_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    ratio=$(awk -v d="$db_bytes" -v f="$file_bytes" 'BEGIN { printf "%.2fx", d / f }')
    printf '| %-6s | %9s | %9s | %10s | %12s | %8s | %9s | %9s |\n' \
      "$mode" "$n" "$file_mb" "$secs" "$rate" "$(peak_mb "$tmp/time.txt")" "$db_mb" "$ratio"
    [ "$rc" -eq 1 ] && echo "  (exit 1: some records were rejected; see cxmap status)" >&2
    stored=$("$CXMAP" --db "$db" status --json 2>/dev/null |
      python3 -c 'import json,sys; print(json.load(sys.stdin).get("records", "?"))' 2>/dev/null || echo "?")
    [ "$stored" = "$n" ] || echo "  note: $stored records stored for $n rows" >&2
    rm -f "$db" "$db-wal" "$db-shm"
  done
done
exit "$status"
