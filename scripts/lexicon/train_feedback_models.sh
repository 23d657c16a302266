#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Trains the feedback models shipped in the plugins on corpus/ (CC0,
# written for this project; see corpus/README.md) and nothing else:
#   plugins/analysis_sentiment/data/model_<g>.bin   sentiment, per language group
#   plugins/analysis_journey/data/stage_<g>.bin      cjm6 stage, per language group
#   plugins/analysis_journey/data/touchpoint_<g>.bin the built-in catalogue's touchpoints
#   plugins/analysis_empathy_map/data/quadrant_<g>.bin says, thinks, feels, does
# Groups: vi (vi and vi_nodiac rows), th, zh (zh_hans and zh_hant rows), en.
# nblr draws no random numbers and reads the rows in file order, so the
# files are byte-identical on every run with the same tokenizer.
#   scripts/lexicon/train_feedback_models.sh [--check]
# --check: train into a temporary folder and report OK if every file equals
# the shipped one (after a tokenizer change they differ: retrain, rerun
# bench/unseen_eval.sh and bench/sentiment_eval.sh, commit the new files).
# Environment: CXMAP (default build/bin/cxmap).
set -euo pipefail
cd "$(dirname "$0")/../.."
CXMAP=${CXMAP:-build/bin/cxmap}
CHECK=0
DIFFERS=0  # --check: set by any file that differs; every file is checked first
[ "${1:-}" = "--check" ] && CHECK=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

variants() {  # group -> the corpus language variants it trains on
  case $1 in
    vi) echo "vi vi_nodiac" ;;
    zh) echo "zh_hans zh_hant" ;;
    *) echo "$1" ;;
  esac
}

# train TASK GROUP OUT SETTINGS...: one model from corpus/TASK_<variant>.b*.tsv
train() {
  local task=$1 group=$2 out=$3
  shift 3
  local rows="$work/${task}_$group.tsv"
  : > "$rows"  # no header: `cxmap train` reads every line as a row
  for v in $(variants "$group"); do
    for f in corpus/"${task}_$v".b*.tsv; do tail -n +2 "$f" >> "$rows"; done
    # Stage and touchpoint models also learn `none`: texts that name neither
    # ("ok", "no comment"), so that they need not guess one.
    if [ "$task" = stage ] || [ "$task" = touchpoint ]; then
      for f in corpus/none_"$v".b*.tsv; do [ -f "$f" ] && tail -n +2 "$f" >> "$rows"; done
    fi
  done
  local target=$out
  [ $CHECK = 1 ] && target="$work/$(basename "$out")"
  "$CXMAP" --threads 1 -q train --lang "$group" --learner nblr --labels "$rows" -o "$target" \
    --json "$@" >/dev/null
  if [ $CHECK = 1 ]; then
    if cmp -s "$target" "$out"; then echo "OK $out"; else echo "DIFFERS $out: retrain with $0" >&2; DIFFERS=1; fi
  else
    echo "wrote $out ($(stat -c %s "$out") bytes)"
  fi
}

# Settings chosen on the independent dev sets (tests/data/eval/unseen/*.dev*.tsv),
# never on test: C 4; terms in at least 2 rows, 1 for English (smaller
# vocabulary per row; its character n-grams carry the rest). Vietnamese
# C 1 (round 8 of tests/data/eval/unseen/SCORES.md: the rule written down
# before its data, on dev and the public dev splits).
for g in vi th zh en; do
  min_df=2
  [ $g = en ] && min_df=1
  cost=4
  [ $g = vi ] && cost=1
  train sentiment $g plugins/analysis_sentiment/data/model_$g.bin --cost $cost --min-df $min_df
done
# Stage and touchpoint: C 4, terms in at least 2 rows. Chosen on batch 2
# (stage) and batch 3 (touchpoint) with models trained on batch 1: min-df 1
# read the same (0.852 against 0.854, 0.839 against 0.840) with files 5 to
# 10 times the size, which every command pays to load.
for g in vi th zh en; do
  train stage $g plugins/analysis_journey/data/stage_$g.bin --cost 4 --min-df 2
done
for g in vi th zh en; do
  train touchpoint $g plugins/analysis_journey/data/touchpoint_$g.bin --cost 4 --min-df 2
done
for g in vi th zh en; do
  train empathy $g plugins/analysis_empathy_map/data/quadrant_$g.bin --cost 4 --min-df 2
done
exit $DIFFERS
