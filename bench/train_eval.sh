#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Trains `cxmap train` models on every labelled set with a train split,
# tunes on dev, scores the chosen setting once on test, and prints a table
# beside the published baselines (SOURCE.md) and a logistic-regression
# baseline trained here. Three learners: fastText (a grid on dev), the LR
# baseline below, and `--learner nblr` (NB-scaled tf-idf + liblinear LR,
# which chooses its C on dev itself: `--dev dev.tsv`).
#   bench/train_eval.sh [dataset ...]        e.g. vi/uit_vsfc th/wisesight
# Environment: CXMAP (binary, default build/bin/cxmap), CXMAP_SHARED_DIR
# (default ../shared), OUT (models and logs, default /tmp/cxmap-train-eval),
# LEARNERS (default "fasttext lr nblr": which of the three to run).
#
# The vi/zh/en sets have no licence or a non-commercial one: models trained
# on them are for evaluation only, so they go to $OUT (outside the
# repository) and must never be committed or shipped.
#
# The LR baseline is fastText with word n-grams 1, no character n-grams,
# dim 10 and no quantisation. Its logits are B·A·x with x the mean of the
# one-hot word vectors; with dim (10) >= the number of classes (<= 4) the
# product B·A can be any class-by-vocabulary matrix, so this is exactly
# multinomial logistic regression on a normalised bag of words, fitted by
# SGD with no L2 penalty (early stopping by epochs, chosen on dev).
set -euo pipefail
cd "$(dirname "$0")/.."
CXMAP=${CXMAP:-build/bin/cxmap}
DATA=${CXMAP_SHARED_DIR:-../shared}/data
OUT=${OUT:-/tmp/cxmap-train-eval}
LEARNERS=${LEARNERS:-fasttext lr nblr}
mkdir -p "$OUT"
: > "$OUT/chosen.$$.txt"
# One thread and a fixed seed: the figures are reproducible.
RUN=("$CXMAP" --threads 1 -q train --json)
FT=(--learner fasttext --seed 1)  # nblr draws no random numbers and refuses --seed

DATASETS=("$@")
((${#DATASETS[@]})) || DATASETS=(vi/uit_vsfc vi/aivivn_2019 th/wisesight zh/waimai_10k
                                 zh/online_shopping_10_cats en/twitter_us_airline)
# Published classical baselines from each SOURCE.md (metric on test).
declare -A BASELINE=(
  [vi/uit_vsfc]="MaxEnt weighted-F1 .879 (paper)"
  [th/wisesight]="LR acc .728-.750 (Kaggle); NBSVM acc .720"
  [vi/aivivn_2019]="none published"
  [zh/waimai_10k]="none published"
  [zh/online_shopping_10_cats]="none published"
  [en/twitter_us_airline]="none comparable"
)
# fastText settings tried on dev (on top of the language defaults).
FT_GRID=("" "--minn 0 --maxn 0" "--epochs 25" "--epochs 5 --lr 0.2" "--word-ngrams 3")
LR_GRID=("--epochs 5" "--epochs 10" "--epochs 25")
LR_FLAGS="--word-ngrams 1 --minn 0 --maxn 0 --dim 10 --no-quantize"

field() { python3 -c "import json,sys; j=json.loads(sys.stdin.readline()); print($1)"; }

# tune NAME LANG DIR FIXED GRID... -> prints the best grid entry (dev accuracy)
tune() {
  local name=$1 lang=$2 dir=$3 fixed=$4; shift 4
  local best="" best_acc=-1 flags acc
  for flags in "$@"; do
    # shellcheck disable=SC2086 # flags are word lists
    acc=$("${RUN[@]}" "${FT[@]}" --lang "$lang" --labels "$dir/train.tsv" --eval "$dir/dev.tsv" \
          -o "$OUT/$name.dev.bin" $fixed $flags | field 'j["eval"]["accuracy"]')
    echo "  dev $name [${flags:-defaults}] accuracy $acc" >&2
    if python3 -c "import sys; sys.exit(0 if $acc > $best_acc else 1)"; then
      best=$flags best_acc=$acc
    fi
  done
  rm -f "$OUT/$name.dev.bin"
  printf '%s' "$best"
}

# score NAME LANG DIR FLAGS -> one result line (JSON) on test
score() {
  local name=$1 lang=$2 dir=$3 flags=$4 start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "${RUN[@]}" --lang "$lang" --labels "$dir/train.tsv" --eval "$dir/test.tsv" \
    -o "$OUT/$name.bin" $flags > "$OUT/$name.json"
  end=$(date +%s.%N)
  python3 -c "import json; j=json.load(open('$OUT/$name.json')); j['wall']=$end-$start; \
print(json.dumps(j))" > "$OUT/$name.tmp" && mv "$OUT/$name.tmp" "$OUT/$name.json"
}

for ds in "${DATASETS[@]}"; do
  dir=$DATA/$ds lang=${ds%%/*} name=${ds//\//_}
  [ -f "$dir/train.tsv" ] && [ -f "$dir/test.tsv" ] || { echo "skip $ds: no train/test" >&2; continue; }
  echo "== $ds" >&2
  ft="" lr=""
  if [[ " $LEARNERS " == *" fasttext "* ]]; then
    ft=$(tune "$name" "$lang" "$dir" "--no-quantize" "${FT_GRID[@]}")
    echo "  chosen: fastText [${ft:-defaults}]" >&2
    score "$name" "$lang" "$dir" "${FT[*]} $ft"
  fi
  if [[ " $LEARNERS " == *" lr "* ]]; then
    lr=$(tune "$name.lr" "$lang" "$dir" "$LR_FLAGS" "${LR_GRID[@]}")
    echo "  chosen: LR [$lr]" >&2
    score "$name.lr" "$lang" "$dir" "${FT[*]} $LR_FLAGS $lr"
  fi
  if [[ " $LEARNERS " == *" nblr "* ]]; then
    # C is chosen on dev inside the one run; test is scored once.
    score "$name.nblr" "$lang" "$dir" "--learner nblr --dev $dir/dev.tsv"
    echo "  nblr dev: $(field '" ".join("C%g=%.4f" % (d["cost"], d["accuracy"]) for d in j["dev"])' \
      < "$OUT/$name.nblr.json")" >&2
  fi
  echo "$ds|${ft:-defaults}|$lr|${BASELINE[$ds]:-}" >> "$OUT/chosen.$$.txt"
done

python3 - "$OUT/chosen.$$.txt" "$OUT" "${DATASETS[@]}" <<'PY'
import json, sys, os
chosen, out, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
base = {}
for line in open(chosen):
    ds, ft, lr, b = line.rstrip("\n").split("|")
    base[ds] = (ft, lr, b)
def wf1(j):
    c = j["eval"]["classes"]; n = sum(v["support"] for v in c.values())
    return sum(v["f1"] * v["support"] for v in c.values()) / n
print("| dataset | model | n | accuracy | macro-F1 | weighted-F1 | pos-vs-neg acc | model KB | train s | published baseline |")
print("|---|---|---|---|---|---|---|---|---|---|")
for ds in sets:
    name = ds.replace("/", "_")
    first = True  # the published baseline goes on the dataset's first row
    for tag, suffix in (("fastText", ""), ("LR (ours)", ".lr"), ("nblr", ".nblr")):
        p = os.path.join(out, name + suffix + ".json")
        if not os.path.exists(p): continue
        j = json.load(open(p)); e = j["eval"]
        ft, lr, b = base.get(ds, ("", "", ""))
        if suffix == ".nblr":
            dev = max(j["dev"], key=lambda d: d["accuracy"])
            model = f"{tag} [C {j['settings']['cost']:g}, dev acc {dev['accuracy']:.3f}]"
        else:
            model = f"{tag} [{(ft or 'defaults') if suffix == '' else lr}]"
        print(f"| {ds} | {model} | {e['n']} | {e['accuracy']:.3f} | {e['macro_f1']:.3f} | {wf1(j):.3f} "
              f"| {e['polar_accuracy']:.3f} | {j['model_bytes']/1024:.0f} | {j['train_seconds']:.1f} "
              f"| {b if first else ''} |")
        first = False
PY
