#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that no training text in corpus/ is an evaluation text.

The models trained on corpus/ are scored on tests/data/eval/unseen/, so a
training row that repeats (or nearly repeats) an evaluation row would
inflate every score. For each corpus file T_L.bN.tsv this compares its
texts with every text of tests/data/eval/unseen/T_L.*.tsv after folding
(NFKC, lower case, no punctuation, symbols or spaces) and reports the
training rows that are equal or whose similarity (difflib ratio) is above
--max-ratio. `none` rows train the stage and touchpoint models, so they are
compared with those sets. vi and vi_nodiac train one model, so each is
also compared with the other's sets, both sides without diacritics.
(zh_hans and zh_hant train one model too, but Python here has no
Traditional-to-Simplified converter: they are compared within their own
script only.) Only corpus rows are printed, never an evaluation text (the
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


def fold(text, strip_marks=False):
    text = unicodedata.normalize("NFKC", text).lower()
    if strip_marks:  # Vietnamese typed without diacritics
        text = "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d"))
                       if unicodedata.category(c) != "Mn")
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZS")


def texts(path):
    """The texts of a label<TAB>text file, header skipped; "" for a line
    without a TAB, so that line numbers stay true."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[1:]
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t", 1)[1] if "\t" in line else "" for line in lines]


PARTNERS = {"vi": ["vi", "vi_nodiac"], "vi_nodiac": ["vi", "vi_nodiac"]}


def eval_files(root, name):
    """The evaluation files a corpus file T_L.bN.tsv must not repeat."""
    task, lang = name.split(".")[0].split("_", 1)
    tasks = ["stage", "touchpoint"] if task == "none" else [task]
    langs = PARTNERS.get(lang, [lang])
    return [e for t in tasks for l in langs
            for e in glob.glob(os.path.join(root, "tests/data/eval/unseen", f"{t}_{l}.*.tsv"))], lang in PARTNERS


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
        files, strip = eval_files(root, name)
        evals = [fold(t, strip) for e in files for t in texts(e)]
        exact = set(evals)
        keep = []
        rows = texts(path)
        for n, text in enumerate(rows, start=2):
            checked += 1
            f = fold(text, strip)
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
        if args.drop and len(keep) < len(rows):
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
            with open(path, "w", encoding="utf-8") as f:
                f.write(lines[0])
                f.writelines(lines[k - 1] for k in keep)
    print(f"{checked} corpus rows checked, {bad} collide", file=sys.stderr)
    return 1 if bad and not args.drop else 0


if __name__ == "__main__":
    sys.exit(main())
