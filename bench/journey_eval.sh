#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scores analysis_journey on the project's labelled sets
# (tests/data/eval/journey/: touchpoint and stage, vi/th/zh/en, dev and
# test halves) with `cxmap eval`, one table row per file.
#   bench/journey_eval.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
printf '| field | language | split | n | accuracy | macro-F1 |\n|---|---|---|---:|---:|---:|\n'
for field in touchpoint stage; do
  for lang in vi th zh en; do
    for split in dev test; do
      f="tests/data/eval/journey/${field}_${lang}.${split}.tsv"
      [ -f "$f" ] || continue
      "$BUILD_DIR/bin/cxmap" -q eval "$f" --field "$field" --json | python3 -c '
import json, sys
o = json.load(sys.stdin)["overall"]
print("| %s | %s | %s | %d | %.3f | %.3f |" % (sys.argv[1], sys.argv[2], sys.argv[3], o["n"], o["accuracy"], o["macro_f1"]))' "$field" "$lang" "$split"
    done
  done
done
for lang in vi th zh en; do
  f="tests/data/eval/journey/crosscheck_touchpoint_${lang}.tsv"
  [ -f "$f" ] || continue
  "$BUILD_DIR/bin/cxmap" -q eval "$f" --field touchpoint --json | python3 -c '
import json, sys
o = json.load(sys.stdin)["overall"]
print("| touchpoint | %s | crosscheck | %d | %.3f | %.3f |" % (sys.argv[1], o["n"], o["accuracy"], o["macro_f1"]))' "$lang"
done
