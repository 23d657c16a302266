#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scores the default (lexicon and rules) sentiment on every labelled split
# in ../shared/data with `cxmap eval`, and prints one table row per set.
#   bench/sentiment_eval.sh [BUILD_DIR] [SPLIT] [CXMAP_OPTION...]
# SPLIT: dev (default) or test. Further arguments go to cxmap before `eval`,
# e.g. -o analysis_sentiment.model=models/ to score trained models instead.
# Tune on dev; score test only to report.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
SPLIT=${2:-dev}
shift $(( $# < 2 ? $# : 2 ))
SHARED=${CXMAP_SHARED_DIR:-../shared}
[ -d "$SHARED/data" ] || { echo "no $SHARED/data: the labelled sets live beside the checkout" >&2; exit 2; }
printf '| dataset | split | n | accuracy | macro-F1 | pos-vs-neg accuracy (n) |\n|---|---|---:|---:|---:|---:|\n'
for f in vi/uit_vsfc vi/aivivn_2019 th/wisesight zh/waimai_10k zh/online_shopping_10_cats \
         zh/openrice_senti_yue_hant en/twitter_us_airline; do
  file="$SHARED/data/$f/$SPLIT.tsv"
  [ -f "$file" ] || continue
  "$BUILD_DIR/bin/cxmap" -q "$@" eval "$file" --json | python3 -c '
import json, sys
o = json.load(sys.stdin)["overall"]
print("| %s | %s | %d | %.3f | %.3f | %.3f (%d) |" % (sys.argv[1], sys.argv[2], o["n"], o["accuracy"],
      o["macro_f1"], o["polar_accuracy"], o["polar_n"]))' "$f" "$SPLIT"
done
