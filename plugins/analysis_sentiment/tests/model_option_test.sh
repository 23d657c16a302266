#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End to end through the real binary: `cxmap train` writes a tiny model, and
# the plugin's `model` option makes it decide records the lexicon calls
# neutral. Made-up words keep the lexicon out of it; plain lower-case ASCII
# words tokenise the same in training and in the plugin.
#   model_option_test.sh CXMAP_BINARY
set -euo pipefail
cxmap=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for _ in $(seq 30); do
  printf 'positive\tthe zorp was glim\npositive\tsuch a glim zorp\n'
  printf 'negative\tthe blick was frub\nnegative\tfrub and blick\n'
done >"$tmp/train.tsv"
"$cxmap" -q train --lang en --labels "$tmp/train.tsv" -o "$tmp/en.bin" --no-quantize \
  --epochs 30 --seed 1 >/dev/null
printf 'the zorp was glim\nthe blick was frub\n' >"$tmp/in.txt"
# The same through `--learner nblr` (cxmap's linear model format, detected
# by its magic bytes, here under a .ftz name to show the extension does not
# matter). The option needs main.cpp to declare the train command with
# AddTrainCommand (cmd_train.h); until then this part is skipped, loudly.
if "$cxmap" train --help | grep -q -- '--learner'; then
  "$cxmap" -q train --lang en --learner nblr --min-df 1 --labels "$tmp/train.tsv" -o "$tmp/nblr.ftz" \
    >/dev/null
  "$cxmap" -q --threads 1 -o "analysis_sentiment.model=en=$tmp/nblr.ftz" classify --jsonl "$tmp/in.txt" \
    >"$tmp/nblr.jsonl"
else
  echo "SKIP nblr: this cxmap has no 'train --learner' (main.cpp does not call AddTrainCommand yet)" >&2
fi
# The lexicon alone (the bundled models read any English text).
"$cxmap" -q --threads 1 -o analysis_sentiment.bundled_models=false classify --jsonl "$tmp/in.txt" \
  >"$tmp/lexicon.jsonl"
"$cxmap" -q --threads 1 -o "analysis_sentiment.model=en=$tmp/en.bin" classify --jsonl "$tmp/in.txt" \
  >"$tmp/model.jsonl"
# A folder of <lang>.bin files works too.
"$cxmap" -q --threads 1 -o "analysis_sentiment.model=$tmp" classify --jsonl "$tmp/in.txt" \
  >"$tmp/folder.jsonl"
# A bad value is refused with the file named.
if "$cxmap" -q -o "analysis_sentiment.model=en=$tmp/missing.bin" classify --jsonl "$tmp/in.txt" \
  >/dev/null 2>"$tmp/err.txt"; then
  echo "FAIL: a missing model file was accepted" >&2
  exit 1
fi
grep -q "missing.bin" "$tmp/err.txt" || { echo "FAIL: error does not name the file:" >&2; cat "$tmp/err.txt" >&2; exit 1; }
# A gate of 0 would call everything neutral: refused, with the option named.
if "$cxmap" -q -o analysis_sentiment.model_neutral_gate=0 classify --jsonl "$tmp/in.txt" \
  >/dev/null 2>"$tmp/gate.txt"; then
  echo "FAIL: model_neutral_gate=0 was accepted" >&2
  exit 1
fi
grep -q "model_neutral_gate" "$tmp/gate.txt" || { echo "FAIL: gate error:" >&2; cat "$tmp/gate.txt" >&2; exit 1; }
# So would a trust of 0 for one language (every text with a cue keeps the
# lexicon's sign, a text with none reads negative): refused, named.
if "$cxmap" -q -o analysis_sentiment.model_lexicon_trust_vi=0 classify --jsonl "$tmp/in.txt" \
  >/dev/null 2>"$tmp/trust.txt"; then
  echo "FAIL: model_lexicon_trust_vi=0 was accepted" >&2
  exit 1
fi
grep -q "model_lexicon_trust_vi" "$tmp/trust.txt" || { echo "FAIL: trust error:" >&2; cat "$tmp/trust.txt" >&2; exit 1; }
# The bundled models join the lexicon by default, each for its own language
# group: the Thai record gets model:th, the English one model:en.
printf 'อาหารไม่อร่อยเลย รอนานมาก พนักงานไม่สนใจลูกค้า\nthe blick was frub\n' >"$tmp/th.txt"
"$cxmap" -q --threads 1 classify --jsonl "$tmp/th.txt" >"$tmp/bundled.jsonl"
"$cxmap" -q --threads 1 -o analysis_sentiment.bundled_models=false classify --jsonl "$tmp/th.txt" \
  >"$tmp/unbundled.jsonl"
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
read = lambda f: [json.loads(l)["sentiment"] for l in open(f"{d}/{f}")]
bundled, unbundled = read("bundled.jsonl"), read("unbundled.jsonl")
fail = []
if not any(e.startswith("model:th(") for e in bundled[0]["evidence"]) or bundled[0]["label"] != "negative":
    fail.append(f"Thai record should be negative with model:th evidence: {bundled[0]}")
if any(e.startswith("model:th(") for e in bundled[1]["evidence"]) or \
        not any(e.startswith("model:en(") for e in bundled[1]["evidence"]):
    fail.append(f"English record must use the English model, not the Thai one: {bundled[1]}")
if any(e.startswith("model:") for s in unbundled for e in s["evidence"]):
    fail.append(f"bundled_models=false still used a model: {unbundled}")
print("\n".join(fail) or "bundled OK")
sys.exit(1 if fail else 0)
PY
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
read = lambda f: [json.loads(l)["sentiment"] for l in open(f"{d}/{f}")]
lexicon, model, folder = read("lexicon.jsonl"), read("model.jsonl"), read("folder.jsonl")
runs = [model, folder]
try:
    runs.append(read("nblr.jsonl"))
except FileNotFoundError:
    pass  # skipped above, with the reason
fail = []
if [s["label"] for s in lexicon] != ["neutral", "neutral"]:
    fail.append(f"lexicon should know none of the made-up words: {lexicon}")
for run in runs:
    if [s["label"] for s in run] != ["positive", "negative"]:
        fail.append(f"model labels: {run}")
    if not all(s["evidence"] and s["evidence"][0].startswith("model:en(") for s in run):
        fail.append(f"evidence should say model: {run}")
    if not (run[0]["score"] > 0 > run[1]["score"]):
        fail.append(f"scores: {run}")
    if [x["label"] for x in run[0]["sentences"]] != ["positive"]:
        fail.append(f"sentences: {run[0]['sentences']}")
print("\n".join(fail) or "OK")
sys.exit(1 if fail else 0)
PY
