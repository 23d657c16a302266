# SPDX-License-Identifier: Apache-2.0
# Shared by bench_import.sh and compare.sh (sourced, not run): reading
# GNU time -v output, database sizes and the cached corpora.

# One field of a GNU time -v report ("Maximum resident set size (kbytes): 123").
time_field() { sed -n "s/.*$1: //p" "$2" | head -1; }
# Seconds from "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34".
wall_seconds() {
  time_field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$1" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
cpu_seconds() {
  awk -v u="$(time_field 'User time (seconds)' "$1")" -v s="$(time_field 'System time (seconds)' "$1")" \
    'BEGIN { printf "%.2f", u + s }'
}
peak_mb() { awk -v k="$(time_field 'Maximum resident set size (kbytes)' "$1")" 'BEGIN { printf "%.0f", k / 1024 }'; }
# Bytes of every file of a database (a WAL left behind counts too).
db_bytes() {
  local b=0 f
  for f in "$1" "$1-wal" "$1-shm"; do [ -e "$f" ] && b=$((b + $(stat -c %s "$f"))); done
  echo "$b"
}
# The path of the corpus of $1 rows (seed $SEED) in $CACHE, generated with
# python $2 (default python3) the first time.
corpus_of() {
  local corpus="$CACHE/corpus_$1_seed$SEED.csv"
  if [ ! -s "$corpus" ]; then
    echo "generating $corpus ..." >&2
    "${2:-python3}" "$ROOT/bench/gen_corpus.py" --rows "$1" --seed "$SEED" --out "$corpus.part" >&2
    mv "$corpus.part" "$corpus"
  fi
  echo "$corpus"
}

# CPU seconds of every process of the PostgreSQL server whose data folder is
# $1 so far (utime + stime of the postmaster and its children, from /proc),
# to charge each step its server work.
pg_server_cpu() {
  local pid total=0 t master
  master=$(head -1 "$1/postmaster.pid")
  for pid in $master $(pgrep -P "$master" || true); do
    t=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}
