"""Shared helpers for the cxmap lexicon scripts (python3 stdlib only).

The folding here mirrors what the core lexicon matcher is specified to do at
load time (issue 4): NFKC, Thai SARA AM recomposed, case folded, Vietnamese
diacritics removed (d-stroke -> d).  Traditional -> Simplified is done with the
`opencc` command when it is installed (only quick_eval/check need it).
"""
import os
import re
import shutil
import subprocess
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA_OUT = os.path.join(REPO, "plugins", "analysis_sentiment", "data")
SHARED = os.environ.get("CXMAP_SHARED_DATA",
                        os.path.normpath(os.path.join(REPO, "..", "shared", "data")))
LEX_IN = os.path.join(SHARED, "lexicons")

KINDS = ("cue", "negator", "intensifier", "diminisher", "contrast")

_COMBINING_LATIN = re.compile("[\u0300-\u036f]")


def fold(s):
    """Matching key: NFKC, SARA AM fix, casefold, Vietnamese diacritics off."""
    s = unicodedata.normalize("NFKC", s)
    # NFKC decomposes U+0E33 SARA AM into NIKHAHIT + SARA AA; recompose.
    s = s.replace("\u0e4d\u0e32", "\u0e33")
    s = s.replace("\ufe0f", "")  # emoji presentation selector
    s = s.lower()
    s = s.replace("\u0111", "d").replace("\u0110", "d")
    d = unicodedata.normalize("NFD", s)
    d = _COMBINING_LATIN.sub("", d)
    s = unicodedata.normalize("NFC", d)
    s = s.replace("\u0e4d\u0e32", "\u0e33")
    return " ".join(s.split())


def t2s_many(strings):
    """Traditional -> Simplified for a list of strings via the opencc CLI.
    Returns the input unchanged when opencc is not installed."""
    exe = shutil.which("opencc")
    if not exe or not strings:
        return list(strings)
    joined = "\n".join(s.replace("\n", " ") for s in strings) + "\n"
    out = subprocess.run([exe, "-c", "t2s.json"], input=joined.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    res = out.split("\n")[:len(strings)]
    if len(res) != len(strings):
        return list(strings)
    return res


def fmt_weight(w):
    """Canonical decimal for a weight: at most 2 decimals, no trailing zeros."""
    s = "%.2f" % round(w + 0.0, 2)
    if s in ("-0.00", "0.00"):
        return "0"
    s = s.rstrip("0").rstrip(".")
    return s


def read_tsv(path):
    """Yield (lineno, term, weight(float), kind) from a lexicon TSV."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError("%s:%d: expected 3 tab-separated fields, got %d: %r"
                                 % (path, n, len(parts), line))
            term, w, kind = parts
            yield n, term, float(w), kind


def write_if_changed(path, text, check=False):
    """Write text (UTF-8, LF).  With check=True, only compare and report."""
    data = text.encode("utf-8")
    old = None
    if os.path.exists(path):
        with open(path, "rb") as f:
            old = f.read()
    if check:
        ok = old == data
        print("%s %s" % ("OK  " if ok else "DIFF", os.path.relpath(path, REPO)))
        return ok
    if old != data:
        with open(path, "wb") as f:
            f.write(data)
    print("wrote %s (%d bytes)" % (os.path.relpath(path, REPO), len(data)))
    return True


def read_lines(path):
    with open(path, encoding="utf-8-sig") as f:
        return [l.strip() for l in f.read().splitlines()]
