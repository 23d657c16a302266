#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scale-out on PostgreSQL (issue 19), on the bench corpus:
#  1. speed: `cxmap submit --shards S` then 1 worker, and again with 2
#     workers side by side, into new databases: wall seconds, rows/s of each
#     worker (from `status --json`), the server's CPU seconds, the speed-up;
#  2. kill -9: KILLS times in a row a worker is killed with SIGKILL while it
#     holds a shard, and another started; at the end one `worker
#     --until-done` finishes. The counts must equal a clean run's, no unit
#     may be analysed twice, and `journey --json` must be byte-identical.
# The server is a throw-away cluster on a Unix socket (scripts/pg_cluster.sh).
#   bench/pg_workers.sh [BUILD_DIR]    ROWS=1000000 SHARDS=8 KILLS=10 by default
# Needs PostgreSQL 15 (apt-get install postgresql-15), GNU time, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${1:-${BUILD_DIR:-build}}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
CXMAP="$BUILD_DIR/bin/cxmap"
ROWS=${ROWS:-1000000}
SHARDS=${SHARDS:-8}
KILLS=${KILLS:-10}
SEED=${SEED:-42}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-bench}
[ -x "$CXMAP" ] || { echo "pg_workers: build cxmap first" >&2; exit 2; }
mkdir -p "$CACHE"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-pgwork.XXXXXX")
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-pg.XXXXXX")  # its own: the server user must reach it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "$ROOT/scripts/pg_cluster.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$tmp" "$pg_dir"
}
trap cleanup EXIT
url=$("$ROOT/scripts/pg_cluster.sh" start "$pg_dir")
# shellcheck source=bench/measure.sh
. "$ROOT/bench/measure.sh"
corpus=$(corpus_of "$ROWS")
database() {  # a new database named $1; prints its URL
  PGOPTIONS="-c client_min_messages=warning" psql -qAt "$url" -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" >/dev/null
  echo "${url/\/postgres\?//$1?}"
}
sql() { psql -qAt "$1" -c "$2"; }

echo "cxmap: $CXMAP ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)); $(date -u +%F)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "server: $(psql -qAt "$url" -c 'SHOW server_version') (throw-away cluster, fsync off)"
echo "corpus: $ROWS rows, $(stat -c %s "$corpus") bytes; submit --shards $SHARDS"
echo

# 1. One worker, then two.
printf '| %-7s | %8s | %9s | %10s | %-28s | %8s |\n' workers wall_s cxmap_cpu server_cpu "rows/s of each worker" speed_up
printf '|%s|%s|%s|%s|%s|%s|\n' --------- ---------- ----------- ------------ ------------------------------ ----------
one_wall=0
for workers in 1 2; do
  store=$(database "w$workers")
  "$CXMAP" --quiet --store "$store" submit --shards "$SHARDS" "$corpus" >"$tmp/submit.txt"
  before=$(pg_server_cpu "$pg_dir/data")
  start=$(date +%s.%N)
  wpids=()
  for i in $(seq "$workers"); do
    /usr/bin/time -v -o "$tmp/time_$i.txt" "$CXMAP" --quiet --store "$store" worker --until-done \
      --poll 0.5 >"$tmp/worker_$i.txt" 2>&1 &
    wpids+=($!)
  done
  for p in "${wpids[@]}"; do wait "$p" || { echo "pg_workers: a worker failed:" >&2; tail -5 "$tmp"/worker_*.txt >&2; exit 1; }; done
  wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  srv=$(awk -v a="$(pg_server_cpu "$pg_dir/data")" -v b="$before" 'BEGIN { printf "%.2f", a - b }')
  cpu=0
  for i in $(seq "$workers"); do cpu=$(awk -v a="$cpu" -v b="$(cpu_seconds "$tmp/time_$i.txt")" 'BEGIN { printf "%.2f", a + b }'); done
  rates=$("$CXMAP" --store "$store" status --json | python3 -c '
import json, sys
q = json.load(sys.stdin)["queue"]
print(", ".join("%.0f" % w["records_per_second"] for w in q["workers"]))')
  [ "$workers" = 1 ] && one_wall=$wall
  printf '| %-7s | %8s | %9s | %10s | %-28s | %8s |\n' "$workers" "$wall" "$cpu" "$srv" "$rates" \
    "$(awk -v o="$one_wall" -v w="$wall" 'BEGIN { printf "%.2fx", (w > 0 ? o / w : 0) }')"
  "$CXMAP" --store "$store" journey --json >"$tmp/journey_w$workers.json"
done
cmp -s "$tmp/journey_w1.json" "$tmp/journey_w2.json" &&
  echo "  journey --json: identical with 1 and 2 workers" ||
  echo "  journey --json: DIFFERS between 1 and 2 workers" >&2

# 2. kill -9, KILLS times in a row.
echo
store=$(database killed)
"$CXMAP" --quiet --store "$store" submit --shards "$SHARDS" "$corpus" >/dev/null
killed=0
for k in $(seq "$KILLS"); do
  "$CXMAP" --quiet --store "$store" worker --lease 3 --poll 0.5 >"$tmp/killed_$k.txt" 2>&1 &
  victim=$!
  pids+=("$victim")
  # Mid-shard: once it holds a shard and has stored some of it.
  units=$(sql "$store" "SELECT count(*) FROM cxmap.units")
  target=$((units + 2000 + RANDOM % 8000))
  for _ in $(seq 600); do
    [ "$(sql "$store" "SELECT count(*) FROM cxmap.units")" -ge "$target" ] && break
    sleep 0.1
  done
  running=$(sql "$store" "SELECT count(*) FROM cxmap.shards WHERE state = 'running'")
  kill -9 "$victim" 2>/dev/null && killed=$((killed + 1))
  wait "$victim" 2>/dev/null || true
  echo "  kill $k: SIGKILL with $running shard(s) running, $(sql "$store" "SELECT count(*) FROM cxmap.units") units stored"
done
"$CXMAP" --quiet --store "$store" worker --until-done --poll 0.5 >"$tmp/last.txt" 2>&1 ||
  { echo "pg_workers: the last worker failed:" >&2; tail -5 "$tmp/last.txt" >&2; exit 1; }
"$CXMAP" --store "$store" journey --json >"$tmp/journey_killed.json"
count() { sql "$1" "SELECT (SELECT count(*) FROM cxmap.response_rows) || ' responses, ' || (SELECT count(*) FROM cxmap.units) || ' units, ' || (SELECT count(*) FROM cxmap.analysis) || ' analyses, ' || (SELECT coalesce(sum(value_count), 0) FROM cxmap.analysis) || ' values, ' || (SELECT count(*) FROM cxmap.rejected) || ' rejects'"; }
clean=$(count "${url/\/postgres\?//w1?}")
after=$(count "$store")
attempts=$(sql "$store" "SELECT max(attempts) FROM cxmap.shards")
echo "  clean run:        $clean"
echo "  after $killed kills:  $after (a shard claimed up to $attempts times)"
plugins=$(sql "$store" "SELECT count(DISTINCT plugin) FROM cxmap.analysis")
twice=$(sql "$store" "SELECT (SELECT count(*) FROM cxmap.analysis) - (SELECT count(*) FROM cxmap.units) * $plugins")
[ "$clean" = "$after" ] && echo "  counts: exact" || echo "  counts: DIFFER" >&2
echo "  units analysed twice or not at all: $twice"
cmp -s "$tmp/journey_w1.json" "$tmp/journey_killed.json" &&
  echo "  journey --json: identical to the clean run" ||
  echo "  journey --json: DIFFERS from the clean run" >&2
