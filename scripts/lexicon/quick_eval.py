#!/usr/bin/env python3
"""Throw-away sanity scorer for the sentiment lexicons (python3 stdlib + optional opencc CLI).

    python3 scripts/lexicon/quick_eval.py                 # all dev sets
    python3 scripts/lexicon/quick_eval.py --set zh/waimai_10k --misses 30
    python3 scripts/lexicon/quick_eval.py --split train   # train splits (allowed)

NOT the product's matcher. It folds text and entries the way the core matcher is
specified to (lexcommon.fold, plus OpenCC t2s for Chinese when `opencc` is installed),
cuts text into units (Latin words / single CJK or Thai characters / emoji / ASCII
punctuation runs), matches entries greedily by longest unit sequence, and applies:
negation (cue x -0.74 within a short window, stopped by punctuation and contrast),
intensifiers/diminishers (next cue, or the cue just before for post-positional
words), contrast (cues after a 'but' word x weight; after a concessive word the
rest of the clause x weight). Label = sign of the sum; a sum of 0 counts as a miss.
Only dev (default) or train splits are read; test splits are refused.
"""
import argparse
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexcommon import DATA_OUT, SHARED, fold, read_tsv, t2s_many  # noqa: E402

COMMON = ["emoji_sentiment_ranking.tsv", "emoticons.tsv"]
# Load order: later files override earlier ones for the same folded key (own files last).
LEXICONS = {
    "vi": COMMON + ["vi.tsv"],
    "zh": COMMON + ["zh.tsv"],
    "th": COMMON + ["th_pythainlp.tsv", "th_wisesight.tsv", "th.tsv"],
    "en": COMMON + ["en_vader_afinn.tsv", "en.tsv"],
}
SETS = [
    ("vi/uit_vsfc", "vi"), ("vi/aivivn_2019", "vi"), ("th/wisesight", "th"),
    ("zh/waimai_10k", "zh"), ("zh/online_shopping_10_cats", "zh"),
    ("zh/openrice_senti_yue_hant", "zh"), ("en/twitter_us_airline", "en"),
]

UNIT_RE = re.compile(
    r"[a-z0-9_'\u00c0-\u024f\u1e00-\u1eff]+"        # Latin words (after folding)
    r"|[\u0e00-\u0e7f]"                              # one Thai code point
    r"|[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]"   # one CJK / kana character
    r"|[!-/:-@\[-`{-~]+"                             # ASCII punctuation run (emoticons)
    r"|[^\s\w]"                                      # any other symbol (emoji)
)
BREAK = set(list(".,!?;，。！？；、") + ["\n"])


def units(s):
    return UNIT_RE.findall(s)


def unit_kind(u):
    c = u[0]
    if "\u0e00" <= c <= "\u0e7f":
        return "th"
    if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
        return "zh"
    return "lat"


NEG_WINDOW = {"lat": 3, "zh": 4, "th": 6}
INT_WINDOW = {"lat": 2, "zh": 3, "th": 4}


def load(lang):
    lex = {}
    raw_terms = []
    for name in LEXICONS[lang]:
        path = os.path.join(DATA_OUT, name)
        if not os.path.exists(path):
            continue
        for _, term, w, kind in read_tsv(path):
            raw_terms.append((term, w, kind))
    if lang == "zh":
        conv = t2s_many([t for t, _, _ in raw_terms])
        raw_terms = [(c, w, k) for c, (_, w, k) in zip(conv, raw_terms)]
    for term, w, kind in raw_terms:
        key = tuple(units(fold(term)))
        if key:
            lex[key] = (w, kind)
    maxlen = max(len(k) for k in lex)
    return lex, maxlen


def score(text, lex, maxlen):
    us = units(text)
    total = 0.0
    evidence = []
    neg_left = 0
    pending_mult = None  # (mult, units_left)
    last_cue = None      # (index in evidence, end position)
    after_w = 1.0        # multiplier for cues after a 'but' word
    concess_left = False
    i, n = 0, len(us)
    while i < n:
        u = us[i]
        if u in BREAK or (len(u) > 0 and all(ch in BREAK for ch in u)):
            neg_left = 0
            pending_mult = None
            concess_left = False
            i += 1
            continue
        hit = None
        for L in range(min(maxlen, n - i), 0, -1):
            e = lex.get(tuple(us[i:i + L]))
            if e is not None:
                hit = (L, e)
                break
        if hit is None:
            if neg_left:
                neg_left -= 1
            if pending_mult:
                pending_mult = (pending_mult[0], pending_mult[1] - 1) if pending_mult[1] > 1 else None
            i += 1
            continue
        L, (w, kind) = hit
        kk = unit_kind(us[i])
        if kind == "negator":
            neg_left = NEG_WINDOW[kk]
        elif kind in ("intensifier", "diminisher"):
            if last_cue is not None and i - last_cue[1] <= 1 and not last_cue[2]:
                idx = last_cue[0]
                total += evidence[idx] * (w - 1.0)
                evidence[idx] *= w
                last_cue = (idx, last_cue[1], True)
            else:
                pending_mult = (w, INT_WINDOW[kk])
        elif kind == "contrast":
            neg_left = 0
            if w >= 1:
                total = total / w  # what came before counts 1/w of what follows
                after_w = 1.0
            else:
                concess_left = True
                concess_w = w
        elif kind == "cue" and w != 0:
            v = w
            if pending_mult:
                v *= pending_mult[0]
                pending_mult = None
            if neg_left:
                v *= -0.74
                neg_left = 0
            if concess_left:
                v *= concess_w
            total += v
            evidence.append(v)
            last_cue = (len(evidence) - 1, i + L, False)
        i += L
    return total, evidence


def read_set(name, split):
    if split == "test":
        raise SystemExit("refusing to read a test split")
    path = os.path.join(SHARED, name, split + ".tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            lab, _, text = line.rstrip("\n").partition("\t")
            rows.append((lab, text))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--set", action="append")
    ap.add_argument("--misses", type=int, default=0, help="print N misses per set")
    ap.add_argument("--uncovered", type=int, default=0, help="print N texts with no cue")
    args = ap.parse_args()
    cache = {}
    print("%-30s %6s %6s %8s %8s %8s" % ("set (" + args.split + ")", "pos", "neg",
                                         "acc", "acc_cov", "coverage"))
    for name, lang in SETS:
        if args.set and name not in args.set:
            continue
        if lang not in cache:
            cache[lang] = load(lang)
        lex, maxlen = cache[lang]
        try:
            rows = [r for r in read_set(name, args.split) if r[0] in ("positive", "negative")]
        except FileNotFoundError:
            print("%-30s (no %s split)" % (name, args.split))
            continue
        texts = [fold(t) for _, t in rows]
        if lang == "zh":
            texts = t2s_many(texts)
        ok = cov = okcov = 0
        misses, unc = [], []
        for (lab, raw), t in zip(rows, texts):
            s, ev = score(t, lex, maxlen)
            pred = "positive" if s > 0 else "negative" if s < 0 else None
            if ev:
                cov += 1
            if pred == lab:
                ok += 1
                if ev:
                    okcov += 1
            elif ev:
                misses.append((lab, round(s, 2), raw))
            else:
                unc.append((lab, raw))
        npos = sum(1 for r in rows if r[0] == "positive")
        print("%-30s %6d %6d %8.3f %8.3f %8.3f" % (name, npos, len(rows) - npos, ok / len(rows),
                                                 okcov / max(cov, 1), cov / len(rows)))
        for m in misses[:args.misses]:
            print("   MISS %s %s | %s" % (m[0][:3], m[1], m[2][:160]))
        for m in unc[:args.uncovered]:
            print("   NOCUE %s | %s" % (m[0][:3], m[1][:160]))


if __name__ == "__main__":
    main()
