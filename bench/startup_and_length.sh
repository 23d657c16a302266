#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two of the performance issue's targets, measured:
#  - start-up: CPU seconds (user + system) and peak RSS of
#    `echo hi | cxmap classify --jsonl`, the median of RUNS runs, and its
#    instructions counted by callgrind when valgrind is there (repeatable
#    on a busy machine);
#  - text length: one text of 1 MB and one of 10 MB (mixed en, vi with and
#    without diacritics, th, zh-Hans/Hant sentences, deterministic) through
#    `cxmap classify --jsonl` with every built-in analysis, and the ratio.
#   bench/startup_and_length.sh [BUILD_DIR]        RUNS=9 by default
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-${BUILD_DIR:-build}}
CXMAP="$PWD/$BUILD_DIR/bin/cxmap"
[ -x "$CXMAP" ] || { echo "startup_and_length: build cxmap first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "startup_and_length: needs GNU time (apt-get install time)" >&2; exit 2; }
RUNS=${RUNS:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One measurement: "cpu_seconds peak_kb wall_seconds".
measure() {
  /usr/bin/time -f "%U %S %M %e" -o "$work/t" "$@" > /dev/null 2> "$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.3f %d %.2f\n", $1 + $2, $3, $4 }' "$work/t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "hi" > "$work/hi.txt"
for _ in $(seq "$RUNS"); do measure "$CXMAP" classify --jsonl - < "$work/hi.txt"; done > "$work/startup"
cpu=$(cut -d' ' -f1 "$work/startup" | median)
rss=$(cut -d' ' -f2 "$work/startup" | median)
echo "start-up (echo hi | cxmap classify --jsonl, median of $RUNS): ${cpu} s CPU, $((rss / 1024)) MB peak"
if command -v valgrind > /dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$CXMAP" classify --jsonl - \
    < "$work/hi.txt" > /dev/null 2> "$work/vg"
  echo "start-up instructions: $(grep -o 'refs: *[0-9,]*' "$work/vg" | tr -dc '0-9,')"
fi

/usr/bin/python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
sentences = [
    "The delivery was late and the driver was rude, I will not order again.",
    "App crashes after the update, support never answered my ticket.",
    "Giao hàng chậm quá, nhân viên thái độ không tốt.",
    "giao hang cham qua, nhan vien khong nhiet tinh",
    "พนักงานบริการดีมาก อาหารอร่อย แต่ส่งช้าไปหน่อย",
    "外卖送得太慢了，客服也不回复。",
    "客服態度很好，但是退貨流程太複雜。",
]
rng = random.Random(7)
for mb in (1, 10):
    parts, size = [], 0
    while size < mb * 1_000_000:
        s = rng.choice(sentences)
        parts.append(s)
        size += len(s.encode()) + 1
    with open(f"{work}/text_{mb}mb.txt", "w", encoding="utf-8") as f:
        f.write(" ".join(parts) + "\n")
PY
read -r c1 m1 w1 <<< "$(measure "$CXMAP" classify --jsonl "$work/text_1mb.txt")"
read -r c10 m10 w10 <<< "$(measure "$CXMAP" classify --jsonl "$work/text_10mb.txt")"
echo "one 1 MB text:  ${w1} s wall, ${c1} s CPU, $((m1 / 1024)) MB peak"
echo "one 10 MB text: ${w10} s wall, ${c10} s CPU, $((m10 / 1024)) MB peak"
awk -v a="$c1" -v b="$c10" 'BEGIN { printf "10 MB / 1 MB CPU: %.1fx (the target: <= 12x)\n", b / a }'
