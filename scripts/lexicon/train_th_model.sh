#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Trains the Thai sentiment model shipped with analysis_sentiment
# (plugins/analysis_sentiment/data/model_th.ftz) on the TRAIN split of the
# Wisesight Sentiment Corpus (CC0-1.0, so a model derived from it may ship).
# Dev and test are not read. One thread and a fixed seed: the file is
# byte-identical on every run with the same fastText and tokenizer.
#   scripts/lexicon/train_th_model.sh [--check]
# --check: train to a temporary file and report OK if it equals the shipped
# one (it differs after a change to the core tokenizer: then retrain,
# rerun bench/sentiment_eval.sh and commit the new file).
# Environment: CXMAP (default build/bin/cxmap), CXMAP_SHARED_DATA (default
# ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/../.."
CXMAP=${CXMAP:-build/bin/cxmap}
TRAIN=${CXMAP_SHARED_DATA:-../shared/data}/th/wisesight/train.tsv
OUT=plugins/analysis_sentiment/data/model_th.ftz
[ -f "$TRAIN" ] || { echo "no $TRAIN (the labelled sets live beside the checkout)" >&2; exit 2; }
target=$OUT
if [ "${1:-}" = "--check" ]; then target=$(mktemp --suffix=.ftz); trap 'rm -f "$target"' EXIT; fi
# The language defaults of `cxmap train --lang th` (word bigrams, character
# 1-3-grams, 10 epochs, lr 0.5, dim 50, quantised to ~0.8 MB).
"$CXMAP" --threads 1 -q train --lang th --learner fasttext --seed 1 --labels "$TRAIN" -o "$target" --json >/dev/null
if [ "${1:-}" = "--check" ]; then
  if cmp -s "$target" "$OUT"; then echo OK; else echo "DIFFERS: retrain with $0" >&2; exit 1; fi
else
  echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"
fi
