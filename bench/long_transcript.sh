#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 18's "memory stays bounded on a transcript of a million turns":
# one call of TURNS turns (half customer, half agent; en, vi, th, zh-Hans
# sentences; deterministic) written as a plain transcript, then
#   cxmap import  (read and store only)
#   cxmap analyze (every built-in analysis over what import stored)
#   cxmap run     (both in one pass, into a new database)
# each with its wall time, CPU seconds and peak RSS (GNU time).
#   bench/long_transcript.sh [BUILD_DIR]        TURNS=1000000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-${BUILD_DIR:-build}}
CXMAP="$PWD/$BUILD_DIR/bin/cxmap"
[ -x "$CXMAP" ] || { echo "long_transcript: build cxmap first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "long_transcript: needs GNU time (apt-get install time)" >&2; exit 2; }
TURNS=${TURNS:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$TURNS" > "$work/call.txt" <<'PY'
import random, sys
random.seed(1)
customer = ["The delivery was late again and nobody called me", "Giao hàng chậm quá, shop không trả lời",
            "แอปค้างตลอดเลย ใช้งานไม่ได้", "快递三天才到，客服也不回复", "Thanks, the refund arrived quickly",
            "I want to change my plan"]
agent = ["Let me check that for you", "I am sorry for the delay", "Could you give me your order number?"]
out = ["Call ID: C-1", "Agent: Jane Doe", "Customer: Tran Van A", ""]
for i in range(int(sys.argv[1])):
    out.append(f"Customer: {random.choice(customer)} {i}" if i % 2 == 0 else f"Agent: {random.choice(agent)}")
sys.stdout.write("\n".join(out) + "\n")
PY
echo "input: one call of $TURNS turns, $(( $(stat -c %s "$work/call.txt") / 1048576 )) MB"

step() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  awk -v l="$label" '{ printf "%-8s %7.1f s wall %7.1f s CPU %6d MB peak\n", l, $1, $2 + $3, $4 / 1024 }' "$work/t"
}
step import "$CXMAP" -q --db "$work/a.db" import "$work/call.txt"
step analyze "$CXMAP" -q --db "$work/a.db" analyze
step run "$CXMAP" -q --db "$work/b.db" run --no-report "$work/call.txt"
