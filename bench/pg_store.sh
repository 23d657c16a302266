#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The PostgreSQL store beside the SQLite one (issue 19), on the bench
# corpus: `cxmap run --no-report` into a new store, then `journey --json`
# from it (on PostgreSQL that includes reading the snapshot, pg_snapshot.h)
# and the same `journey --json` again (on PostgreSQL from the kept copy),
# then a new import of a tenth as many other rows (`add`) and `journey
# --json` after it (`after`: on PostgreSQL the kept copy extended with the
# new import; `after, whole`: the same read copying the whole server, as
# with no kept copy), each with wall and CPU seconds of cxmap and of the
# server, peak RSS, and the ratio of PostgreSQL to SQLite. The server is a throw-away cluster on a
# Unix socket (scripts/pg_cluster.sh), durability off as in the tests.
#   bench/pg_store.sh [BUILD_DIR]        SIZES="100000" by default
# Needs PostgreSQL 15 (apt-get install postgresql-15), GNU time, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${1:-${BUILD_DIR:-build}}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
CXMAP="$BUILD_DIR/bin/cxmap"
SIZES=${SIZES:-100000}
SEED=${SEED:-42}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-bench}
[ -x "$CXMAP" ] || { echo "pg_store: build cxmap first" >&2; exit 2; }
/usr/bin/time --version 2>&1 | grep -q GNU || { echo "pg_store: needs GNU time" >&2; exit 2; }
mkdir -p "$CACHE"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-pgbench.XXXXXX")
export CXMAP_SNAPSHOT_CACHE="$tmp/snapshots"  # not the user's ~/.cache
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-pg.XXXXXX")  # its own: the server user must reach it
cleanup() { "$ROOT/scripts/pg_cluster.sh" stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$tmp" "$pg_dir"; }
trap cleanup EXIT
url=$("$ROOT/scripts/pg_cluster.sh" start "$pg_dir")
# shellcheck source=bench/measure.sh
. "$ROOT/bench/measure.sh"
server_cpu() { pg_server_cpu "$pg_dir/data"; }

echo "cxmap: $CXMAP ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)); $(date -u +%F)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "server: $(psql -qAt "$url" -c 'SHOW server_version') (throw-away cluster, fsync off)"
echo
printf '| %-7s | %-8s | %-10s | %8s | %9s | %10s | %7s | %9s |\n' rows step store wall_s cxmap_cpu server_cpu peak_MB vs_sqlite
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' --------- ---------- ------------ ---------- ----------- ------------ --------- -----------
for n in $SIZES; do
  corpus=$(corpus_of "$n")
  psql -qAt "$url" -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" >/dev/null
  pg="${url/\/postgres\?//bench?}"
  db="$tmp/bench.db"
  # Rows of their own: the corpus's ids renamed, so none joins a stored response.
  extra="$tmp/extra_$n.csv"
  sed '2,$ s/^B-/X-/' "$(corpus_of $((n / 10)))" > "$extra"
  for step in run journey again add after; do
    declare -A wall=()
    for store in sqlite postgresql; do
      if [ "$store" = sqlite ]; then target=(--db "$db"); else target=(--store "$pg"); fi
      case $step in
        run) args=(run --no-report "$corpus") ;;
        add) args=(run --no-report "$extra") ;;
        *) args=(journey --json) ;;
      esac
      # `again`: the same read once more, with nothing written in between
      # (on PostgreSQL the snapshot copy is reused, core/app/snapshot_cache.h).
      before=$(server_cpu)
      /usr/bin/time -v -o "$tmp/time.txt" "$CXMAP" --quiet "${target[@]}" "${args[@]}" >"$tmp/out.txt" 2>&1 ||
        { echo "pg_store: $store $step failed:" >&2; tail -5 "$tmp/out.txt" >&2; exit 1; }
      after=$(server_cpu)
      srv=$([ "$store" = sqlite ] && echo "-" || awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')
      wall[$store]=$(wall_seconds "$tmp/time.txt")
      ratio=$([ "$store" = sqlite ] && echo "1.00" ||
        awk -v p="${wall[postgresql]}" -v s="${wall[sqlite]}" 'BEGIN { printf "%.2f", (s > 0 ? p / s : 0) }')
      printf '| %-7s | %-8s | %-10s | %8s | %9s | %10s | %7s | %9s |\n' "$n" "$step" "$store" \
        "${wall[$store]}" "$(cpu_seconds "$tmp/time.txt")" "$srv" "$(peak_mb "$tmp/time.txt")" "$ratio"
      case $step in run | add) ;; *) cp "$tmp/out.txt" "$tmp/${step}_$store.json" ;; esac
    done
  done
  # The read after the new import again, copying the whole server (no kept
  # copy to start from), against the same SQLite read.
  before=$(server_cpu)
  CXMAP_SNAPSHOT_CACHE=off /usr/bin/time -v -o "$tmp/time.txt" "$CXMAP" --quiet --store "$pg" \
    journey --json >"$tmp/whole_postgresql.json" 2>"$tmp/err.txt" ||
    { echo "pg_store: whole copy failed:" >&2; tail -5 "$tmp/err.txt" >&2; exit 1; }
  after=$(server_cpu)
  whole=$(wall_seconds "$tmp/time.txt")
  printf '| %-7s | %-8s | %-10s | %8s | %9s | %10s | %7s | %9s |\n' "$n" "after" \
    "pg, whole" "$whole" "$(cpu_seconds "$tmp/time.txt")" \
    "$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')" \
    "$(peak_mb "$tmp/time.txt")" \
    "$(awk -v p="$whole" -v s="${wall[sqlite]}" 'BEGIN { printf "%.2f", (s > 0 ? p / s : 0) }')"
  cmp -s "$tmp/after_sqlite.json" "$tmp/whole_postgresql.json" &&
    echo "  after, whole copy: journey --json identical to SQLite's" ||
    echo "  after, whole copy: journey --json DIFFERS from SQLite's" >&2
  for step in journey again after; do
    cmp -s "$tmp/${step}_sqlite.json" "$tmp/${step}_postgresql.json" &&
      echo "  $step: journey --json identical on both stores" ||
      echo "  $step: journey --json DIFFERS between the stores" >&2
  done
  rm -f "$db" "$db-wal" "$db-shm"
done
