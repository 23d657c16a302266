#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Does a corpus batch help? Trains the sentiment models on some batches of
# corpus/ and scores another batch (a writer those models never saw)
# through the shipped blend of lexicon, rules and model, one accuracy per
# language variant:
#   scripts/lexicon/batch_gain.sh "b1" b2          # the baseline
#   scripts/lexicon/batch_gain.sh "b1 b6 b7" b2    # with batches 6 and 7
# The blend reads the models from the plugin's data folder, so the script
# copies cxmap, its plugin host and its plugins into a temporary prefix and
# puts the trained models there; the build is left as it is. Training uses
# the settings of train_feedback_models.sh (C 4; min-df 2, 1 for English).
# Environment: BUILD_DIR (default build); COST_VI, COST_TH, COST_ZH,
# COST_EN (default 4): the C of one group's model, to weigh a setting on
# writers the models never saw.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
[ $# -eq 2 ] || { echo "usage: $0 \"TRAIN_BATCHES\" EVAL_BATCH" >&2; exit 2; }
TRAIN=$1
EVAL=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/lib"
cp "$BUILD_DIR/bin/cxmap" "$BUILD_DIR/bin/cxmap-plugin-host" "$work/bin/"
cp -r "$BUILD_DIR/lib/cxmap" "$work/lib/"
cxmap="$work/bin/cxmap"
data="$work/lib/cxmap/plugins/analysis_sentiment"
cost_of() { local v="COST_${1^^}"; echo "${!v:-4}"; }
variants() { case $1 in vi) echo "vi vi_nodiac" ;; zh) echo "zh_hans zh_hant" ;; *) echo "$1" ;; esac; }
for g in vi th zh en; do
  rows="$work/rows_$g.tsv"
  : > "$rows"
  for v in $(variants $g); do
    for b in $TRAIN; do tail -n +2 "corpus/sentiment_$v.$b.tsv" >> "$rows"; done
  done
  min_df=2
  [ $g = en ] && min_df=1
  "$cxmap" --threads 1 -q train --lang $g --learner nblr --labels "$rows" -o "$data/model_$g.bin" \
    --json --cost "$(cost_of $g)" --min-df $min_df >/dev/null
done
printf '| trained on | scored on |'
for v in vi vi_nodiac th zh_hans zh_hant en; do printf ' %s |' $v; done
printf '\n| %s | %s |' "$TRAIN" "$EVAL"
for v in vi vi_nodiac th zh_hans zh_hant en; do
  "$cxmap" -q eval "corpus/sentiment_$v.$EVAL.tsv" --field sentiment --json |
    python3 -c 'import json, sys; print(" %.3f |" % json.load(sys.stdin)["overall"]["accuracy"], end="")'
done
echo
