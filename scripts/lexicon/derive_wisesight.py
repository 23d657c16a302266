#!/usr/bin/env python3
"""Derive th_wisesight.tsv: Thai sentiment cues weighted on the wisesight corpus (CC0).

    python3 scripts/lexicon/derive_wisesight.py          # (re)write the file
    python3 scripts/lexicon/derive_wisesight.py --check  # verify byte-identical

Reads ONLY ../shared/data/th/wisesight/train.tsv (CC0-1.0). Never dev or test.
Thai has no spaces: messages are cut into words with cxmap's own tokenizer (libthai
after the matching form's Thai fixes: the units the lexicon matcher matches), read from
`build/bin/text_bench --dump` (--build-dir); build it first. `--segmenter icu` cuts
with ICU's dictionary breaker instead (helper icu_words.cpp, compiled on the fly with
g++ and pkg-config icu-uc), as before 2026-11-23: on wisesight dev, lexicon only, the
cxmap units with MIN_DF 5 gave pos-vs-neg 0.735 against 0.726 (ICU, MIN_DF 10). Candidates are Thai word unigrams and bigrams
(written unsegmented). For each candidate:
  df_pos, df_neg, df_neu = number of train messages of that label containing it;
  lo = log((df_pos+1)/(N_pos+2)) - log((df_neg+1)/(N_neg+2))   (smoothed log-odds).
Kept when: df_pos+df_neg >= MIN_DF, |lo| >= MIN_LO, and the term is more typical of
opinionated messages than of neutral ones (share of pos+neg among its messages >=
MIN_POLAR_SHARE; this removes brand and product names that are frequent in ads).
Candidates equal to a word of scripts/lexicon/th_wisesight_stop.txt, or containing
one of 4+ characters, are removed (names and topics of the 2016-2019 corpus, not sentiment);
so are candidates equal to a word of scripts/lexicon/th_function_words.txt or made of
two of them (pronouns, particles, conjunctions: no sentiment of their own). A bigram whose
log-odds is within PRUNE_DELTA of one of its kept words is dropped as redundant.
Terms the project's own th.tsv defines are left to that file. The TOP_N strongest by
|lo|*sqrt(df) are written with weight = clamp(lo * WEIGHT_SCALE, -MAX_W, MAX_W).
"""
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexcommon import (DATA_OUT, SHARED, HERE, fold, fmt_weight, read_tsv,  # noqa: E402
                       write_if_changed, read_lines)

MAX_WORDS = 2          # unigrams and bigrams of ICU words
MIN_CHARS = 2
MIN_DF = 5
MIN_LO = 0.8
MIN_POLAR_SHARE = 0.5
PRUNE_DELTA = 0.5
TOP_N = 1500
WEIGHT_SCALE = 1.0
MAX_W = 2.2


def is_thai_word(w):
    return all("\u0e01" <= ch <= "\u0e5b" for ch in w)


def icu_segment(texts):
    """Segment texts with ICU's Thai dictionary word breaker (scripts/lexicon/icu_words.cpp,
    compiled on the fly into a temporary directory)."""
    src = os.path.join(HERE, "icu_words.cpp")
    tmp = tempfile.mkdtemp(prefix="cxmap_icu_words_")
    exe = os.path.join(tmp, "icu_words")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc"], check=True,
                           stdout=subprocess.PIPE).stdout.decode().split()
    subprocess.run(["g++", "-O2", "-o", exe, src] + flags, check=True)
    data = ("\n".join(t.replace("\n", " ") for t in texts) + "\n").encode("utf-8")
    out = subprocess.run([exe], input=data, stdout=subprocess.PIPE, check=True).stdout
    shutil.rmtree(tmp)
    lines = out.decode("utf-8").split("\n")[:len(texts)]
    assert len(lines) == len(texts)
    return [l.split("|") if l else [] for l in lines]


def cxmap_segment(texts, build_dir):
    """Segment texts with cxmap's own tokenizer (libthai after the matching form's Thai
    fixes), the units the matcher matches on: `text_bench --dump` of build_dir. A
    non-word token (punctuation, emoji, number) becomes "" so that no gram spans it."""
    exe = os.path.join(build_dir, "bin", "text_bench")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".tsv", delete=False) as f:
        for t in texts:
            f.write("x\t" + t.replace("\n", " ").replace("\t", " ") + "\n")
        corpus = f.name
    out = subprocess.run([exe, "--corpus", corpus, "--tsv", "--dump", "--mini-lexicon"],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    os.unlink(corpus)
    segs = []
    for line in out.split("\n"):
        if line.startswith("text "):
            segs.append([])
        elif line.startswith("  token ") and segs:
            kind = line.split(" kind=")[1].split(" ")[0]
            key = line.split(" key='", 1)[1].rsplit("' exact='", 1)[0]
            segs[-1].append(key if kind == "0" else "")
    assert len(segs) == len(texts), (len(segs), len(texts))
    return segs


def grams(words):
    out = set()
    n = len(words)
    for i in range(n):
        for k in range(1, MAX_WORDS + 1):
            if i + k > n:
                break
            ws = words[i:i + k]
            if not all(w and is_thai_word(w) for w in ws):
                break
            g = "".join(ws)
            if len(g) >= MIN_CHARS:
                out.add((k, g))
    return out


def parse_args():
    """--check, and overrides of the selection constants (for tuning on dev; the shipped
    file is made with the defaults above, which --check verifies)."""
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--segmenter", choices=("icu", "cxmap"), default="cxmap")
    ap.add_argument("--build-dir", default=os.path.join(HERE, "..", "..", "build"))
    for name in ("MIN_DF", "MIN_LO", "MIN_POLAR_SHARE", "TOP_N", "MAX_W", "WEIGHT_SCALE"):
        ap.add_argument("--" + name.lower().replace("_", "-"), type=type(globals()[name]),
                        default=globals()[name])
    args = ap.parse_args()
    for name in ("MIN_DF", "MIN_LO", "MIN_POLAR_SHARE", "TOP_N", "MAX_W", "WEIGHT_SCALE"):
        globals()[name] = getattr(args, name.lower())
    return args


def main():
    args = parse_args()
    check = args.check
    path = os.path.join(SHARED, "th", "wisesight", "train.tsv")
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            lab, _, text = line.rstrip("\n").partition("\t")
            if lab == "question":
                lab = "neutral"
            if lab not in ("positive", "negative", "neutral"):
                continue
            labels.append(lab)
            texts.append(fold(text))
    segs = icu_segment(texts) if args.segmenter == "icu" else cxmap_segment(texts, args.build_dir)
    df = {"positive": Counter(), "negative": Counter(), "neutral": Counter()}
    nwords = {}
    n = Counter(labels)
    for lab, words in zip(labels, segs):
        gs = grams(words)
        for k, g in gs:
            nwords.setdefault(g, k)
        df[lab].update(g for _, g in gs)
    P, N = n["positive"], n["negative"]
    cands = {}
    for g in set(df["positive"]) | set(df["negative"]):
        p, q, z = df["positive"][g], df["negative"][g], df["neutral"][g]
        if p + q < MIN_DF:
            continue
        lo = math.log((p + 1) / (P + 2)) - math.log((q + 1) / (N + 2))
        if abs(lo) < MIN_LO:
            continue
        if (p + q) / (p + q + z) < MIN_POLAR_SHARE:
            continue
        cands[g] = (lo, p, q, z)
    stop = set()
    for line in read_lines(os.path.join(HERE, "th_wisesight_stop.txt")):
        if line and not line.startswith("#"):
            stop.add(fold(line.split("\t")[0]))
    for g in list(cands):
        if g in stop or any(len(st) >= 4 and st in g for st in stop):
            del cands[g]
    keys = sorted(cands, key=lambda g: (nwords[g], len(g), g))
    kept = keys
    # prune 2: a longer gram explained by a contained kept gram of similar log-odds
    final = []
    for g in kept:  # shortest first
        lo = cands[g][0]
        red = False
        for h in final:
            if h in g and abs(cands[h][0] - lo) < PRUNE_DELTA:
                red = True
                break
        if not red:
            final.append(g)
    own = set()
    own_path = os.path.join(DATA_OUT, "th.tsv")
    if os.path.exists(own_path):
        own = {fold(t) for _, t, _, _ in read_tsv(own_path)}
    final = [g for g in final if g not in own]
    # Function words go after the pruning, as the terms of th.tsv do: a
    # longer gram that prune 2 dropped as explained by one of them ("ที่สั่ง"
    # by "ที") must not come back when the function word itself goes.
    func = set()
    for line in read_lines(os.path.join(HERE, "th_function_words.txt")):
        if line and not line.startswith("#"):
            func.add(fold(line))
    final = [g for g in final if g not in func and not (
        nwords[g] == 2 and any(g[:i] in func and g[i:] in func for i in range(1, len(g))))]
    final.sort(key=lambda g: -abs(cands[g][0]) * math.sqrt(cands[g][1] + cands[g][2]))
    final = final[:TOP_N]
    final.sort()
    head = [
        "# th_wisesight.tsv - Thai sentiment cues weighted on the Wisesight Sentiment Corpus",
        "# (GENERATED, do not edit). Regenerate: python3 scripts/lexicon/derive_wisesight.py",
        "#",
        "# Derived from the TRAIN split only of the Wisesight Sentiment Corpus",
        "# (PyThaiNLP/wisesight-sentiment, commit c1d06364; Suriyawongkul et al., Zenodo,",
        "# doi:10.5281/zenodo.3457446), which is dedicated to the public domain under CC0 1.0.",
        "# This derived file is the project's, under Apache-2.0. The dev and test splits",
        "# were not read.",
        "# Method: messages cut into words by %s; word unigrams"
        % ("cxmap's tokenizer (libthai)" if args.segmenter == "cxmap" else "ICU 72 Thai dictionary breaks"),
        "# and bigrams counted per message; weight = smoothed log-odds of positive vs",
        "# negative messages x %s, clamped to +-%s; kept when pos+neg messages >= %d,"
        % (fmt_weight(WEIGHT_SCALE), fmt_weight(MAX_W), MIN_DF),
        "# |log-odds| >= %s, share of opinionated messages >= %s; topic/brand words of"
        % (fmt_weight(MIN_LO), fmt_weight(MIN_POLAR_SHARE)),
        "# scripts/lexicon/th_wisesight_stop.txt removed; redundant bigrams pruned; terms in th.tsv",
        "# left to that file; top %d by |log-odds| x sqrt(count). Train counts: %d positive,"
        % (TOP_N, P),
        "# %d negative, %d neutral+question messages. %d entries." % (N, n["neutral"], len(final)),
        "# Corpus-statistical: some entries reflect the corpus's topics and style",
        "# (2016-2019 Thai social media) rather than word meaning.",
        "# SPDX-License-Identifier: Apache-2.0",
        "# term\tweight\tkind",
    ]
    body = []
    for g in final:
        lo = cands[g][0]
        w = max(-MAX_W, min(MAX_W, lo * WEIGHT_SCALE))
        body.append("%s\t%s\tcue" % (g, fmt_weight(w)))
    ok = write_if_changed(os.path.join(DATA_OUT, "th_wisesight.tsv"),
                          "\n".join(head + body) + "\n", check)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
