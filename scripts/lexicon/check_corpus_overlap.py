#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that no training text in corpus/ is an evaluation text.

The models trained on corpus/ are scored on tests/data/eval/unseen/, so a
training row that repeats (or nearly repeats) an evaluation row would
inflate every score. For each corpus file T_L.bN.tsv this compares its
texts with every text of tests/data/eval/unseen/T_L.*.tsv after folding
(NFKC, lower case, no punctuation, symbols or spaces) and reports the
training rows that are equal or whose similarity (difflib ratio) is above
--max-ratio. Only corpus rows are printed, never an evaluation text (the
test splits are frozen and must not be read while tuning).

  python3 scripts/lexicon/check_corpus_overlap.py [--max-ratio 0.8] [--drop]
Exit 1 when any corpus row collides; --drop removes those rows from the
corpus files instead (how corpus/ was cleaned when it was added).
"""
import argparse
import difflib
import glob
import os
import sys
import unicodedata


def fold(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZS")


def texts(path):
    with open(path, encoding="utf-8") as f:
        next(f)
        return [line.rstrip("\n").split("\t", 1)[1] for line in f]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-ratio", type=float, default=0.8)
    ap.add_argument("--drop", action="store_true")
    args = ap.parse_args()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    bad = 0
    checked = 0
    for path in sorted(glob.glob(os.path.join(root, "corpus", "*.b*.tsv"))):
        name = os.path.basename(path)
        stem = name.split(".")[0]  # T_L
        evals = [fold(t) for e in glob.glob(os.path.join(root, "tests/data/eval/unseen", stem + ".*.tsv"))
                 for t in texts(e)]
        exact = set(evals)
        keep = []
        for n, text in enumerate(texts(path), start=2):
            checked += 1
            f = fold(text)
            hit = f in exact
            if not hit:
                m = difflib.SequenceMatcher(autojunk=False)
                m.set_seq2(f)
                for e in evals:
                    m.set_seq1(e)
                    if m.real_quick_ratio() > args.max_ratio and m.quick_ratio() > args.max_ratio \
                            and m.ratio() > args.max_ratio:
                        hit = True
                        break
            if hit:
                bad += 1
                print(f"{name}:{n}: collides with an evaluation text: {text}")
            else:
                keep.append(n)
        if args.drop and len(keep) < n - 1:
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
            with open(path, "w", encoding="utf-8") as f:
                f.write(lines[0])
                f.writelines(lines[k - 1] for k in keep)
    print(f"{checked} corpus rows checked, {bad} collide", file=sys.stderr)
    return 1 if bad and not args.drop else 0


if __name__ == "__main__":
    sys.exit(main())
