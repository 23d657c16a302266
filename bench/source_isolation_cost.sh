#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What reading a vendor's source plugin in a process of its own costs
# (issue 18): `cxmap import` of LINES review lines (texts from
# samples/data, each with its number) through the test source
# source_test_vendor (tests/faulty_plugins, FAULT_SRC_GOOD: a module this
# build did not make) isolated (the default) and in process
# (--isolate none), in turn, RUNS times each, new database each time.
# Prints each run's wall and CPU seconds and the median ratio.
#   bench/source_isolation_cost.sh [BUILD_DIR] [LINES]     (default build, 200000)
# Environment: RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
LINES=${2:-200000}
RUNS=${RUNS:-3}
CXMAP="$BUILD_DIR/bin/cxmap"
MODULES="$BUILD_DIR/test_plugins/fault_src_good"
[ -x "$CXMAP" ] && [ -d "$MODULES" ] || { echo "source_isolation_cost: build the tests first" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-srciso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 - "$LINES" "$tmp/reviews.faulty" <<'PY'
import csv, glob, random, sys
random.seed(7)
texts = [c.replace("\n", " ") for f in sorted(glob.glob("samples/data/*.csv"))
         for row in csv.reader(open(f, encoding="utf-8-sig")) for c in row
         if len(c) > 25 and not c.startswith("http")]
with open(sys.argv[2], "w") as out:
    for i in range(int(sys.argv[1])):
        out.write(f"{random.choice(texts)} #{i}\n")
PY

one() {  # prints "wall cpu" of one run
  rm -f "$tmp"/db*
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$CXMAP" --quiet --db "$tmp/db" --isolate "$1" \
    --plugin-dir "$MODULES" import --no-compact --source source_test_vendor "$tmp/reviews.faulty" \
    >/dev/null
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$tmp/time"
}

echo "| run | in process wall s | CPU s | isolated wall s | CPU s |"
echo "|---:|---:|---:|---:|---:|"
for i in $(seq "$RUNS"); do
  read -r w1 c1 < <(one none)
  read -r w2 c2 < <(one third-party)
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
