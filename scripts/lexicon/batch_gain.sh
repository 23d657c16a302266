#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Does a corpus batch help? Trains the sentiment models on some batches of
# corpus/ and scores another batch (a writer those models never saw)
# through the shipped blend of lexicon, rules and model, one accuracy per
# language variant:
#   scripts/lexicon/batch_gain.sh "b1" b2          # the baseline
#   scripts/lexicon/batch_gain.sh "b1 b6 b7" b2    # with batches 6 and 7
# The models are trained into a throw-away install by candidate_prefix.sh
# (its environment applies: BUILD_DIR, and COST_VI … COST_EN for one
# group's C), but with C 4 for every group unless told: the C of the
# figures in corpus/README.md and of rounds 8 and 10 in
# tests/data/eval/unseen/SCORES.md. A variant with no file for EVAL_BATCH
# prints "-".
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 \"TRAIN_BATCHES\" EVAL_BATCH" >&2; exit 2; }
TRAIN=$1
EVAL=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
COST_VI=${COST_VI:-4} scripts/lexicon/candidate_prefix.sh "$TRAIN" "$work"
cxmap="$work/bin/cxmap"
printf '| trained on | scored on |'
for v in vi vi_nodiac th zh_hans zh_hant en; do printf ' %s |' $v; done
printf '\n| %s | %s |' "$TRAIN" "$EVAL"
for v in vi vi_nodiac th zh_hans zh_hant en; do
  [ -f "corpus/sentiment_$v.$EVAL.tsv" ] || { printf ' - |'; continue; }
  "$cxmap" -q eval "corpus/sentiment_$v.$EVAL.tsv" --field sentiment --json |
    python3 -c 'import json, sys; print(" %.3f |" % json.load(sys.stdin)["overall"]["accuracy"], end="")'
done
echo
