#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cxmap side by side with what a CX analyst would otherwise use, in one
# invocation, on the same generated survey export:
#   cxmap run      import + every built-in analysis, new database (--stats;
#                  --no-report: the report is timed on its own, next)
#   cxmap report   the HTML report of that database (what `run` writes by default)
#   cxmap export   every view of that database as one XLSX workbook
#   cxmap import   import only
#   sqlite3        .import of the raw rows (no analysis)
#   python+VADER   csv + NLTK VADER on every comment + sqlite3 (bench/peer_vader.py)
# For each: wall and CPU seconds, peak RSS, database size, and each one's
# ratio to `cxmap run` (above 1: cxmap run is faster / smaller); then the
# time per stage of `cxmap run` from its own counters.
#   bench/compare.sh [BUILD_DIR]
# Environment: SIZES="100000 1000000", BENCH_CACHE=DIR (corpora and the VADER
# lexicon; default ~/.cache/cxmap-bench), SEED=42, THREADS=N.
# Installs what the peers need when missing (Debian: python3-nltk sqlite3
# time npm; root or sudo) and makes NLTK's vader_lexicon.zip from the npm
# package vader-sentiment (the same lexicon, Apache-2.0): NLTK cannot
# download it here. Run it by hand on an idle machine; not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${1:-${BUILD_DIR:-build}}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
CXMAP="$BUILD_DIR/bin/cxmap"
SIZES=${SIZES:-"100000 1000000"}
SEED=${SEED:-42}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-bench}
PY=/usr/bin/python3  # Debian's, where python3-nltk lives (not a pyenv shim)
VADER_VERSION=1.1.3

die() { echo "compare: $*" >&2; exit 2; }
[ -x "$CXMAP" ] || die "$CXMAP not found: build cxmap first (scripts/setup.sh --no-run)"

# --- the peers' tools -------------------------------------------------------
missing=()
/usr/bin/time --version 2>&1 | grep -q GNU || missing+=(time)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
"$PY" -c 'import nltk' 2>/dev/null || missing+=(python3-nltk)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
    SUDO="sudo"
  fi
  echo "compare: installing ${missing[*]}" >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$CACHE"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

export NLTK_DATA="$CACHE/nltk_data"
lexicon_zip="$NLTK_DATA/sentiment/vader_lexicon.zip"
if [ ! -s "$lexicon_zip" ]; then
  echo "compare: making $lexicon_zip from npm vader-sentiment@$VADER_VERSION" >&2
  (cd "$tmp" && npm pack --silent "vader-sentiment@$VADER_VERSION" >/dev/null)
  tar -xzf "$tmp/vader-sentiment-$VADER_VERSION.tgz" -C "$tmp" package/vader_lexicon.txt
  mkdir -p "$(dirname "$lexicon_zip")"
  "$PY" - "$tmp/package/vader_lexicon.txt" "$lexicon_zip" <<'PYEOF'
import sys, zipfile
# NLTK splits the file on newlines and reads two fields from every piece:
# the npm copy's final newline would be an empty entry.
text = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
with zipfile.ZipFile(sys.argv[2] + ".part", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("vader_lexicon/vader_lexicon.txt", text)
PYEOF
  mv "$lexicon_zip.part" "$lexicon_zip"
fi
"$PY" -c 'from nltk.sentiment.vader import SentimentIntensityAnalyzer as S; S()' || {
  rm -f "$lexicon_zip"  # made again next time
  die "NLTK cannot load $lexicon_zip"
}

# --- measuring ---------------------------------------------------------------
# shellcheck source=bench/measure.sh
. "$ROOT/bench/measure.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }

THREAD_ARGS=()
[ -n "${THREADS:-}" ] && THREAD_ARGS=(--threads "$THREADS")
echo "cxmap: $CXMAP ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); $(date -u +%Y-%m-%d)"
echo "peers: $(sqlite3 --version | cut -d' ' -f1) sqlite3, Python $("$PY" -c 'import sys; print(sys.version.split()[0])')" \
  "NLTK $("$PY" -c 'import nltk; print(nltk.__version__)') VADER; MB = 10^6 bytes"

status=0
for n in $SIZES; do
  corpus=$(corpus_of "$n" "$PY")
  csv_bytes=$(stat -c %s "$corpus")
  echo
  echo "## $n rows ($(awk -v b="$csv_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB CSV)"
  echo
  printf '| %-15s | %8s | %8s | %8s | %9s | %10s | %10s | %9s |\n' \
    tool wall_s cpu_s peak_MB db_MB "wall÷run" "cpu÷run" "db÷csv"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ----------------- ---------- ---------- ---------- \
    ----------- ------------ ------------ -----------
  run_wall="" run_cpu=""
  for tool in "cxmap run" "cxmap report" "cxmap export" "cxmap import" "sqlite3 .import" "python+VADER"; do
    db="$tmp/${tool// /_}_$n.db"
    reads_run=false
    case "$tool" in "cxmap report" | "cxmap export") reads_run=true ;; esac
    $reads_run && db="$tmp/cxmap_run_$n.db"  # the run's, kept for them
    $reads_run || rm -f "$db" "$db-wal" "$db-shm"
    case "$tool" in
      "cxmap run") cmd=("$CXMAP" --quiet --db "$db" "${THREAD_ARGS[@]}" run --no-report --stats "$corpus") ;;
      "cxmap report") cmd=("$CXMAP" --quiet --db "$db" report -o "$tmp/report.html") ;;
      "cxmap export") cmd=("$CXMAP" --quiet --db "$db" export -o "$tmp/export.xlsx") ;;
      "cxmap import") cmd=("$CXMAP" --quiet --db "$db" "${THREAD_ARGS[@]}" import "$corpus") ;;
      "sqlite3 .import") cmd=(sqlite3 "$db" ".import --csv $corpus feedback") ;;
      "python+VADER") cmd=("$PY" "$ROOT/bench/peer_vader.py" "$corpus" "$db") ;;
    esac
    rc=0
    /usr/bin/time -v -o "$tmp/time.txt" "${cmd[@]}" >"$tmp/out.txt" 2>"$tmp/err.txt" || rc=$?
    # cxmap exits 1 when some rows were rejected; the corpus has none.
    if [ "$rc" -ne 0 ]; then
      echo "compare: $tool on $n rows exited $rc:" >&2
      tail -20 "$tmp/err.txt" >&2
      status=1
      continue
    fi
    wall=$(wall_seconds "$tmp/time.txt")
    cpu=$(cpu_seconds "$tmp/time.txt")
    if [ "$tool" = "cxmap run" ]; then
      run_wall=$wall run_cpu=$cpu
      cp "$tmp/err.txt" "$tmp/stats.txt"
    fi
    if $reads_run; then  # writes no database
      printf '| %-15s | %8s | %8s | %8s | %9s | %10s | %10s | %9s |\n' "$tool" "$wall" "$cpu" \
        "$(peak_mb "$tmp/time.txt")" "-" "$(ratio "$wall" "$run_wall")" "$(ratio "$cpu" "$run_cpu")" "-"
      rm -f "$tmp/report.html" "$tmp/export.xlsx"
      [ "$tool" = "cxmap export" ] && rm -f "$db" "$db-wal" "$db-shm"
      continue
    fi
    bytes=$(db_bytes "$db")
    printf '| %-15s | %8s | %8s | %8s | %9s | %10s | %10s | %9s |\n' "$tool" "$wall" "$cpu" \
      "$(peak_mb "$tmp/time.txt")" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')" \
      "$(ratio "$wall" "$run_wall")" "$(ratio "$cpu" "$run_cpu")" "$(ratio "$bytes" "$csv_bytes")"
    [ "$tool" = "cxmap run" ] || rm -f "$db" "$db-wal" "$db-shm"
  done
  if [ -s "$tmp/stats.txt" ]; then
    echo
    echo "\`cxmap run --stats\` (thread time per stage; analyses run on $(nproc) workers):"
    echo
    echo '```'
    grep -A100 '^stage ' "$tmp/stats.txt"
    echo '```'
    rm -f "$tmp/stats.txt"
  fi
done
exit "$status"
