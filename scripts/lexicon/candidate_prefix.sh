#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds a throw-away install whose sentiment models are trained on chosen
# corpus batches, to score a candidate before it ships:
#   scripts/lexicon/candidate_prefix.sh "b1 b2 b6 b7" OUT_DIR
#   bench/unseen_eval.sh OUT_DIR dev2           # OUT_DIR works as a BUILD_DIR
#   bench/sentiment_eval.sh OUT_DIR dev
# cxmap reads its models from the plugins' data folders beside its binary,
# so OUT_DIR gets copies of cxmap, its plugin host and its plugins, and the
# trained models go there; the build is left as it is. Training uses the
# settings of train_feedback_models.sh (C 1 for vi, 4 for the others;
# min-df 2, 1 for English).
# Environment: BUILD_DIR (default build); COST_VI (default 1), COST_TH,
# COST_ZH, COST_EN (default 4): one group's C.
# OUT_DIR is made if missing and must not hold anything but an earlier
# candidate (its lib/cxmap is replaced); a relative path is taken from the
# checkout's root.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
[ $# -eq 2 ] && [ -n "$2" ] || { echo "usage: $0 \"TRAIN_BATCHES\" OUT_DIR" >&2; exit 2; }
TRAIN=$1
OUT=$2
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -f "$OUT/rows_vi.tsv" ]; then
  echo "$OUT holds other files: give an empty folder or an earlier candidate" >&2
  exit 2
fi
for b in $TRAIN; do
  compgen -G "corpus/sentiment_*.$b.tsv" >/dev/null || { echo "no corpus batch $b" >&2; exit 2; }
done
mkdir -p "$OUT/bin" "$OUT/lib"
cp "$BUILD_DIR/bin/cxmap" "$BUILD_DIR/bin/cxmap-plugin-host" "$OUT/bin/"
rm -rf "$OUT/lib/cxmap"
cp -r "$BUILD_DIR/lib/cxmap" "$OUT/lib/"
data="$OUT/lib/cxmap/plugins/analysis_sentiment"
cost_of() {
  local v="COST_${1^^}" default=4
  [ "$1" = vi ] && default=1
  echo "${!v:-$default}"
}
variants() { case $1 in vi) echo "vi vi_nodiac" ;; zh) echo "zh_hans zh_hant" ;; *) echo "$1" ;; esac; }
for g in vi th zh en; do
  rows="$OUT/rows_$g.tsv"
  : > "$rows"
  for v in $(variants $g); do
    for b in $TRAIN; do
      # A batch not written for every variant (batch 8: th, vi, vi_nodiac) adds what exists.
      if [ -f "corpus/sentiment_$v.$b.tsv" ]; then tail -n +2 "corpus/sentiment_$v.$b.tsv" >> "$rows"; fi
    done
  done
  min_df=2
  [ $g = en ] && min_df=1
  "$OUT/bin/cxmap" --threads 1 -q train --lang $g --learner nblr --labels "$rows" \
    -o "$data/model_$g.bin" --json --cost "$(cost_of $g)" --min-df $min_df >/dev/null
done
