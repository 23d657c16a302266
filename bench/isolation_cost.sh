#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What running analysis plugins in a process of their own costs (issue 18):
# `cxmap run` of the bench corpus with every plugin in process
# (--isolate none) and with every plugin isolated (--isolate all), in turn,
# RUNS times each, new database each time. Prints each run's wall and CPU
# seconds and the median ratio isolated ÷ in process.
#   bench/isolation_cost.sh [BUILD_DIR] [ROWS]     (default build, 20000)
# Environment: RUNS (default 3), SEED (42), BENCH_CACHE (corpus folder).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
ROWS=${2:-20000}
RUNS=${RUNS:-3}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-bench}
CXMAP="$BUILD_DIR/bin/cxmap"
[ -x "$CXMAP" ] || { echo "isolation_cost: $CXMAP not found: build first" >&2; exit 2; }
mkdir -p "$CACHE"
corpus="$CACHE/isolation_${ROWS}_${SEED:-42}.csv"
[ -f "$corpus" ] || python3 bench/gen_corpus.py --rows "$ROWS" --seed "${SEED:-42}" --out "$corpus"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-iso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

one() {  # prints "wall cpu" of one run
  rm -f "$tmp"/db*
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$CXMAP" --quiet --db "$tmp/db" --isolate "$1" \
    run --no-report "$corpus" >/dev/null
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$tmp/time"
}

echo "| run | in process wall s | CPU s | isolated wall s | CPU s |"
echo "|---:|---:|---:|---:|---:|"
for i in $(seq "$RUNS"); do
  read -r w1 c1 < <(one none)
  read -r w2 c2 < <(one all)
  echo "| $i | $w1 | $c1 | $w2 | $c2 |"
  echo "$w1 $c1 $w2 $c2" >>"$tmp/all"
done
python3 - "$tmp/all" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
wall = statistics.median(r[2] / r[0] for r in rows)
cpu = statistics.median(r[3] / r[1] for r in rows)
print(f"\nisolated ÷ in process, median of {len(rows)}: wall {wall:.2f}×, CPU {cpu:.2f}×")
PY
