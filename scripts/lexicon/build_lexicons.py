#!/usr/bin/env python3
"""Regenerate the third-party-derived lexicon files of the sentiment plugin.

    python3 scripts/lexicon/build_lexicons.py          # (re)write the files
    python3 scripts/lexicon/build_lexicons.py --check  # verify byte-identical

Inputs (read-only): ../shared/data/lexicons/{vader,afinn,emoji_sentiment_ranking,
thai_lexicon_pythainlp}/ and ../shared/data/th/wisesight/train.tsv (CC0; train split
only, used to drop PyThaiNLP entries whose polarity the corpus contradicts), plus
the project's own files en.tsv, emoticons.tsv and scripts/lexicon/th_pythainlp_drop.txt.

Outputs in plugins/analysis_sentiment/data/:
  en_vader_afinn.tsv          VADER (MIT) + AFINN-165 (Apache-2.0)
  emoji_sentiment_ranking.tsv Emoji Sentiment Ranking 1.0 (CC-BY-SA-4.0)
  th_pythainlp.tsv            PyThaiNLP lexicon-thai (CC-BY-SA-4.0)
Deterministic: same inputs -> same bytes (sorted by folded key, fixed number format).
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexcommon import (DATA_OUT, LEX_IN, SHARED, HERE, fold, fmt_weight, read_tsv,  # noqa: E402
                       write_if_changed, read_lines)

EMOJI_MIN_OCC = 20
AFINN_SCALE = 0.8


def own_terms(name):
    path = os.path.join(DATA_OUT, name)
    if not os.path.exists(path):
        return set()
    return {fold(t) for _, t, _, _ in read_tsv(path)}


def sort_key(item):
    return (fold(item[0]), item[0])


# --------------------------------------------------------------- English
def build_en():
    vader = {}
    vader_dups = 0
    with open(os.path.join(LEX_IN, "vader", "vader_lexicon.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            tok = parts[0].strip()
            key = fold(tok)
            if key in vader:
                vader_dups += 1  # VADER's own loader keeps the last one; so do we
            vader[key] = (tok, float(parts[1]))
    afinn = {}
    with open(os.path.join(LEX_IN, "afinn", "AFINN-en-165.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            afinn[fold(parts[0])] = (parts[0].strip(), int(parts[1]) * AFINN_SCALE)
    skip = own_terms("en.tsv") | own_terms("emoticons.tsv")
    merged = {}
    n_v = n_a = n_skip = n_hash = n_short = 0
    for key, (tok, w) in vader.items():
        if key in skip:
            n_skip += 1
            continue
        if tok.startswith("#"):
            n_hash += 1
            continue
        # One- and two-letter chat abbreviations (l, ly, jt, po, wd, nh...)
        # collide with initials, agent signatures ("^JT"), the tail of
        # "int'l" and codes far more often than they mean what VADER says
        # in customer feedback. Wanted ones (ok, no) are in en.tsv.
        if len(key) <= 2 and key.isascii() and key.isalpha():
            n_short += 1
            continue
        merged[key] = (tok, w, "V")
        n_v += 1
    for key, (tok, w) in afinn.items():
        if key in merged:
            continue
        if key in skip:
            n_skip += 1
            continue
        merged[key] = (tok, w, "A")
        n_a += 1
    rows = sorted(((tok, w) for tok, w, _ in merged.values()), key=sort_key)
    head = [
        "# en_vader_afinn.tsv - English sentiment cues for cxmap (GENERATED, do not edit)",
        "# Regenerate: python3 scripts/lexicon/build_lexicons.py",
        "#",
        "# Derived from:",
        "#  * VADER sentiment lexicon, vader_lexicon.txt, (c) 2016 C.J. Hutto, MIT License",
        "#    (see LICENSE-VADER.txt). Hutto & Gilbert, ICWSM-14. Weight = VADER mean valence.",
        "#  * AFINN-en-165, (c) Finn Aarup Nielsen and Technical University of Denmark,",
        "#    Apache License 2.0 (see LICENSE-AFINN.txt, NOTICE). Weight = AFINN score x 0.8.",
        "# Merge: VADER wins when both define a term; VADER duplicates: last line wins",
        "# (as in VADER's own loader). Terms defined in the project's own en.tsv or",
        "# emoticons.tsv are left out here (those files decide them).",
        "# Entries: %d from VADER, %d from AFINN only; %d skipped (defined in en.tsv/emoticons.tsv);"
        % (n_v, n_a, n_skip),
        "# %d VADER tokens starting with '#' skipped (would read as comments)." % n_hash,
        "# %d VADER one- or two-letter words skipped (chat abbreviations: l, ly, jt, po...)." % n_short,
        "# SPDX-License-Identifier: MIT AND Apache-2.0",
        "# term\tweight\tkind",
    ]
    body = ["%s\t%s\tcue" % (tok, fmt_weight(w)) for tok, w in rows]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------- Emoji
def build_emoji():
    path = os.path.join(LEX_IN, "emoji_sentiment_ranking", "Emoji_Sentiment_Data_v1.0.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = []
    kept = dropped = 0
    for r in rows[1:]:
        emoji, occ, neg, pos, name = r[0], int(r[2]), int(r[4]), int(r[6]), r[7]
        if occ < EMOJI_MIN_OCC:
            dropped += 1
            continue
        score = 4.0 * (pos - neg) / occ
        out.append((emoji, score, occ, name))
        kept += 1
    out.sort(key=lambda x: (x[0]))
    head = [
        "# emoji_sentiment_ranking.tsv - emoji sentiment for cxmap (GENERATED, do not edit)",
        "# Regenerate: python3 scripts/lexicon/build_lexicons.py",
        "#",
        "# This file is an adaptation of the Emoji Sentiment Ranking 1.0 by Petra Kralj Novak,",
        "# Jasmina Smailovic, Borut Sluban and Igor Mozetic, http://hdl.handle.net/11356/1048",
        "# (Kralj Novak P, Smailovic J, Sluban B, Mozetic I (2015) Sentiment of Emojis.",
        "# PLoS ONE 10(12): e0144296. doi:10.1371/journal.pone.0144296),",
        "# licensed under CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/",
        "# This adapted file is likewise licensed under CC BY-SA 4.0 (see LICENSE-CC-BY-SA-4.0.txt).",
        "# It is kept separate from the project's Apache-2.0 lexicons; do not merge it into them.",
        "# Changes: weight = 4 x (Positive - Negative) / Occurrences, rounded to 2 decimals",
        "# (the paper's sentiment score mapped to the -4..4 scale); emoji with fewer than %d"
        % EMOJI_MIN_OCC,
        "# occurrences dropped (%d kept, %d dropped); other columns dropped except as comments."
        % (kept, dropped),
        "# SPDX-License-Identifier: CC-BY-SA-4.0",
        "# term\tweight\tkind",
    ]
    body = ["%s\t%s\tcue" % (e, fmt_weight(s)) for e, s, occ, name in out]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------- Thai (PyThaiNLP)
TH_DIR = os.path.join(LEX_IN, "thai_lexicon_pythainlp")
TH_SOURCES = [  # (file, polarity, weight)
    ("sentiment/positive__adjectives.txt", 1, 2.0),
    ("sentiment/positive__verbs.txt", 1, 2.0),
    ("sentiment/positive_new.txt", 1, 2.0),
    ("sentiment/negative_adjectives.txt", -1, 2.0),
    ("sentiment/negative_verbs.txt", -1, 2.0),
    ("sentiment/negative_new.txt", -1, 2.0),
    ("khwam/pos.txt", 1, 1.5),
    ("khwam/neg.txt", -1, 1.5),
    # khwam/neutral.txt is not used (no polarity; contains noise such as "ไม่").
]
TH_MIN_LEN = 2          # characters after folding
WS_MIN_DF = 8           # documents (pos+neg) a term must occur in to be judged
WS_CONTRA = 0.0         # drop if log-odds has the opposite sign of the list's polarity


def wisesight_docs():
    path = os.path.join(SHARED, "th", "wisesight", "train.tsv")
    pos, neg = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            lab, _, text = line.rstrip("\n").partition("\t")
            if lab == "positive":
                pos.append(fold(text))
            elif lab == "negative":
                neg.append(fold(text))
    return pos, neg


def log_odds(term, pos, neg):
    p = sum(1 for t in pos if term in t)
    n = sum(1 for t in neg if term in t)
    lo = math.log((p + 1) / (len(pos) + 2)) - math.log((n + 1) / (len(neg) + 2))
    return p, n, lo


def build_th():
    manual_drop = {}
    for line in read_lines(os.path.join(HERE, "th_pythainlp_drop.txt")):
        if not line or line.startswith("#"):
            continue
        term, _, why = line.partition("\t")
        manual_drop[fold(term)] = why
    cand = {}   # key -> [term, polarity, weight, sources]
    both = set()
    for rel, pol, w in TH_SOURCES:
        for t in read_lines(os.path.join(TH_DIR, rel)):
            t = " ".join(t.split())
            if not t:
                continue
            k = fold(t)
            if k in cand:
                c = cand[k]
                if c[1] != pol:
                    both.add(k)
                c[2] = max(c[2], w)
            else:
                cand[k] = [t, pol, w]
    pos, neg = wisesight_docs()
    drops = {"both_polarities": 0, "manual": 0, "negator_phrase": 0, "too_short": 0,
             "has_space": 0, "wisesight_contradicts": 0}
    kept = []
    for k in sorted(cand):
        t, pol, w = cand[k]
        if k in both:
            drops["both_polarities"] += 1
            continue
        if k in manual_drop:
            drops["manual"] += 1
            continue
        if k.startswith("ไม่"):
            # "ไม่X" phrases: the matcher's negation scope handles them from X;
            # keeping them would double-count ("ไม่ชอบ" = neg(ชอบ)).
            drops["negator_phrase"] += 1
            continue
        if len(k) < TH_MIN_LEN:
            drops["too_short"] += 1
            continue
        if " " in k:
            drops["has_space"] += 1
            continue
        p, n, lo = log_odds(k, pos, neg)
        if p + n >= WS_MIN_DF and lo * pol < WS_CONTRA:
            drops["wisesight_contradicts"] += 1
            continue
        kept.append((t, pol * w))
    kept.sort(key=sort_key)
    head = [
        "# th_pythainlp.tsv - Thai sentiment cues for cxmap (GENERATED, do not edit)",
        "# Regenerate: python3 scripts/lexicon/build_lexicons.py",
        "#",
        "# This file is an adaptation of the PyThaiNLP lexicon-thai word lists",
        "# (https://github.com/PyThaiNLP/lexicon-thai, commit f826bca7, author Wannaphong",
        "# Phatthiyaphaibun and contributors; sentiment/ lists drawn from Thai Wiktionary),",
        "# licensed under CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/",
        "# This adapted file is likewise licensed under CC BY-SA 4.0 (see LICENSE-CC-BY-SA-4.0.txt).",
        "# It is kept separate from the project's Apache-2.0 lexicons; do not merge it into them.",
        "# Changes: polarity from the list a word is in; weight +-2 for sentiment/ (adjectives,",
        "# verbs, *_new), +-1.5 for khwam/ (= upstream folder ข้อความ) when only there;",
        "# khwam/neutral.txt not used. Dropped: %s." % ", ".join(
            "%s %d" % (k, v) for k, v in drops.items()),
        "# 'manual' = scripts/lexicon/th_pythainlp_drop.txt (non-sentiment or substring-noisy words);",
        "# 'wisesight_contradicts' = the word occurs in >= %d positive+negative messages of the" % WS_MIN_DF,
        "# CC0 wisesight train split and its smoothed log-odds has the opposite sign.",
        "# %d entries." % len(kept),
        "# SPDX-License-Identifier: CC-BY-SA-4.0",
        "# term\tweight\tkind",
    ]
    body = ["%s\t%s\tcue" % (t, fmt_weight(w)) for t, w in kept]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------- Emoticons
def build_emoticons():
    own = {}
    for _, t, w, kind in read_tsv(os.path.join(HERE, "emoticons_own.tsv")):
        own[fold(t)] = (t, w)
    n_own = len(own)
    n_afinn = n_conf = n_alpha = 0
    with open(os.path.join(LEX_IN, "afinn", "AFINN-emoticon-8.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            k = fold(parts[0])
            if k.isalpha() and k.startswith("xo"):
                n_alpha += 1  # xo, xoxo: English hugs-and-kisses; "xo" is Vietnamese "xô"
                continue
            if k in own:
                n_conf += 1
                continue
            own[k] = (parts[0], int(parts[1]) * AFINN_SCALE)
            n_afinn += 1
    rows = sorted(own.values(), key=sort_key)
    head = [
        "# emoticons.tsv - emoticons and laughter/crying tokens for cxmap (GENERATED, do not edit)",
        "# Regenerate: python3 scripts/lexicon/build_lexicons.py",
        "#",
        "# Sources:",
        "#  * the project's own entries, scripts/lexicon/emoticons_own.tsv (Apache-2.0, %d entries;" % n_own,
        "#    they win on conflict, %d AFINN entries overridden);" % n_conf,
        "#  * AFINN-emoticon-8, (c) Finn Aarup Nielsen and Technical University of Denmark,",
        "#    Apache License 2.0 (see LICENSE-AFINN.txt, NOTICE); weight = AFINN score x 0.8",
        "#    (%d entries; %d alphabetic xo/xoxo forms left out: Vietnamese \"xô\" folds to xo)."
        % (n_afinn, n_alpha),
        "# Language-independent; emoji are in emoji_sentiment_ranking.tsv (CC BY-SA 4.0).",
        "# Folded keys are case-insensitive, so xD/XD and :p/:P are one entry each.",
        "# SPDX-License-Identifier: Apache-2.0",
        "# term\tweight\tkind",
    ]
    body = ["%s\t%s\tcue" % (t, fmt_weight(w)) for t, w in rows]
    return "\n".join(head + body) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    ok = True
    ok &= write_if_changed(os.path.join(DATA_OUT, "emoticons.tsv"), build_emoticons(), check)
    ok &= write_if_changed(os.path.join(DATA_OUT, "en_vader_afinn.tsv"), build_en(), check)
    ok &= write_if_changed(os.path.join(DATA_OUT, "emoji_sentiment_ranking.tsv"), build_emoji(), check)
    ok &= write_if_changed(os.path.join(DATA_OUT, "th_pythainlp.tsv"), build_th(), check)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
