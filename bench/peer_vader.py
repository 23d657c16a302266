#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The pipeline a CX analyst would script in an afternoon, as cxmap's peer
in bench/compare.sh: Python's csv module, NLTK's VADER on every comment and
sqlite3 (WAL, one transaction). Stores every column of the export plus the
VADER compound score and its label (+/-0.05, VADER's own thresholds).

    /usr/bin/python3 bench/peer_vader.py CORPUS.csv OUT.db

Needs Debian's python3-nltk and NLTK_DATA pointing at a folder holding
sentiment/vader_lexicon.zip (compare.sh makes one).
"""
import csv
import sqlite3
import sys

from nltk.sentiment.vader import SentimentIntensityAnalyzer


def main(corpus, out):
    sia = SentimentIntensityAnalyzer()
    db = sqlite3.connect(out)
    db.execute("PRAGMA journal_mode=WAL")
    with open(corpus, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        comment = header.index("comment")
        columns = header + ["compound", "label"]
        db.execute("CREATE TABLE feedback (%s)" % ", ".join('"%s"' % c for c in columns))
        insert = "INSERT INTO feedback VALUES (%s)" % ", ".join("?" * len(columns))
        with db:  # one transaction
            for row in reader:
                text = row[comment] if comment < len(row) else ""
                score = sia.polarity_scores(text)["compound"] if text else None
                label = None if score is None else (
                    "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral")
                db.execute(insert, (row + [""] * len(header))[: len(header)] + [score, label])
    db.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
