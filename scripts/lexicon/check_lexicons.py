#!/usr/bin/env python3
"""Validate the sentiment lexicon files (format, kinds, weight ranges, duplicates).

    python3 scripts/lexicon/check_lexicons.py      # exit 1 on errors

Errors: wrong field count, unknown kind, cue weight outside [-4, 4], negator weight
not 0, intensifier <= 1, diminisher outside (0, 1), contrast <= 0, the same term twice
in one file (same folded key AND same spelling). One folded key with different
diacritics is allowed (tôi / tồi): the matcher matches text written with diacritics
exactly and gives text typed without them the first entry of the key; those keys are
listed with --collisions. Notes (not errors): folded keys defined in more than one file
of a language group (quick_eval.LEXICONS order: later file wins).
"""
import os
import sys
import unicodedata
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexcommon import DATA_OUT, KINDS, fold, read_tsv, t2s_many  # noqa: E402
from quick_eval import LEXICONS  # noqa: E402


def exact(term):
    """The spelling the matcher compares for text written with diacritics."""
    return " ".join(unicodedata.normalize("NFC", unicodedata.normalize("NFKC", term).lower()).split())


def main():
    show_collisions = "--collisions" in sys.argv
    errors = 0
    files = sorted(f for f in os.listdir(DATA_OUT) if f.endswith(".tsv"))
    keys_by_file = {}
    for name in files:
        path = os.path.join(DATA_OUT, name)
        seen = {}
        n = 0
        try:
            rows = list(read_tsv(path))
        except ValueError as e:
            print("ERROR", e)
            errors += 1
            continue
        terms = [t for _, t, _, _ in rows]
        if name.startswith("zh"):
            terms = t2s_many(terms)
        for (ln, term, w, kind), t2 in zip(rows, terms):
            n += 1
            bad = None
            if kind not in KINDS:
                bad = "unknown kind %r" % kind
            elif kind == "cue" and not -4 <= w <= 4:
                bad = "cue weight out of range"
            elif kind == "negator" and w != 0:
                bad = "negator weight must be 0"
            elif kind == "intensifier" and w <= 1:
                bad = "intensifier must be > 1"
            elif kind == "diminisher" and not 0 < w < 1:
                bad = "diminisher must be in (0, 1)"
            elif kind == "contrast" and w <= 0:
                bad = "contrast must be > 0"
            elif term != term.strip() or not term:
                bad = "empty term or surrounding spaces"
            k = fold(t2)
            if (k, exact(t2)) in seen:
                bad = "duplicate term %r (line %d)" % (term, seen[(k, exact(t2))])
            elif k in seen and show_collisions:
                print("collision %s:%d: %r shares the folded key %r with line %d (plain text takes "
                      "line %d)" % (name, ln, term, k, seen[k], seen[k]))
            seen.setdefault(k, ln)
            seen[(k, exact(t2))] = ln
            if bad:
                print("ERROR %s:%d: %s: %r" % (name, ln, bad, term))
                errors += 1
        keys_by_file[name] = set(x for x in seen if isinstance(x, str))
        print("%-30s %6d entries" % (name, n))
    for lang, group in LEXICONS.items():
        owner = defaultdict(list)
        for name in group:
            for k in keys_by_file.get(name, ()):
                owner[k].append(name)
        multi = {k: v for k, v in owner.items() if len(v) > 1}
        if multi:
            pairs = defaultdict(int)
            for v in multi.values():
                pairs[" > ".join(v)] += 1
            for p, c in sorted(pairs.items()):
                print("note [%s] %d keys in %s (last wins)" % (lang, c, p))
    print("errors: %d" % errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
