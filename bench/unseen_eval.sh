#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scores the default models on the independent labelled sets in
# tests/data/eval/unseen/ (see its SOURCE.md: written by someone who never
# read the cues; *.test.tsv are frozen and scored once per round, tune on
# *.dev.tsv only) with `cxmap eval`, one table row per task and language.
#   bench/unseen_eval.sh [BUILD_DIR] [SPLIT] [CXMAP_OPTION...]   SPLIT: dev (default), test,
#                                                 dev2/test2, dev3/test3, dev4/test4
# A task with no file for SPLIT is left out (set 4 is sentiment only); a
# task with some of its six files missing is an error.
# Every row is the command
#   BUILD_DIR/bin/cxmap -q eval tests/data/eval/unseen/T_L.SPLIT.tsv --field T --json
# Sentiment rows add macro-F1. The last column of each task is the mean
# accuracy over the six languages.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
SPLIT=${2:-dev}
shift $(( $# < 2 ? $# : 2 ))  # the rest: cxmap options, e.g. -o analysis_sentiment.model_lexicon_trust_th=0.5
LANGS="vi vi_nodiac th zh_hans zh_hant en"
printf '| task | split |'
for l in $LANGS; do printf ' %s |' "$l"; done
printf ' mean |\n|---|---|'
for l in $LANGS; do printf -- '---:|'; done
printf -- '---:|\n'
tasks=0
for task in sentiment touchpoint stage empathy; do
  have=$(compgen -G "tests/data/eval/unseen/${task}_*.$SPLIT.tsv" | wc -l || true)
  [ "$have" = 0 ] && continue
  [ "$have" = 6 ] || { echo "$task: $have of 6 files for split $SPLIT" >&2; exit 2; }
  tasks=$((tasks + 1))
  printf '| %s | %s |' "$task" "$SPLIT"
  sum=0
  for l in $LANGS; do
    f="tests/data/eval/unseen/${task}_${l}.${SPLIT}.tsv"
    cell=$("$BUILD_DIR/bin/cxmap" -q "$@" eval "$f" --field "$task" --json | python3 -c '
import json, sys
o = json.load(sys.stdin)["overall"]
if sys.argv[1] == "sentiment":
    print("%.3f (F1 %.3f)" % (o["accuracy"], o["macro_f1"]))
else:
    print("%.3f" % o["accuracy"])' "$task")
    printf ' %s |' "$cell"
    sum=$(python3 -c "print($sum + ${cell%% *})")
  done
  python3 -c "print(' %.3f |' % ($sum / 6))"
done
[ "$tasks" -gt 0 ] || { echo "no file in tests/data/eval/unseen/ for split $SPLIT" >&2; exit 2; }
