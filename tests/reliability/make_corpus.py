#!/usr/bin/env python3
"""Writes N synthetic news articles (plain text and JSON Lines) for the reliability tests.

usage: make_corpus.py OUT_DIR N
Each article carries the marker word "ndxcorpus", a date for most, a dateline, a speaker
and places and groups from small lists, so facet counts can be compared between indexes.
"""
import json
import os
import random
import sys

PLACES = ["Karachi", "Lahore", "Quetta", "Peshawar", "Kabul", "Islamabad", "Zhob", "Mastung",
          "Balochistan", "Afghanistan", "Pakistan", "Doha", "Qatar", "India", "Kenya"]
GROUPS = ["TTP", "NATO", "the State Department", "the Pakistan Army", "Al-Qaeda", "UNICEF",
          "the World Bank", "Reuters"]
FIRST = ["Amina", "Bilal", "Farida", "Omar", "Sana", "Tariq", "Nadia", "Karim", "Zainab", "Imran"]
LAST = ["Qureshi", "Baloch", "Haidari", "Farooq", "Javed", "Mehmood", "Rauf", "Siddiqui"]
WORDS = ("the talks resumed after a week of clashes while officials counted the cost of the "
         "floods and markets reopened amid tight security in the region").split()


def article(rng, i):
    place = rng.choice(PLACES)
    speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    group = rng.choice(GROUPS)
    other = rng.choice(PLACES)
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 120)))
    text = (f"{place.upper()}: Officials in {other} met on Monday as {group} issued a "
            f"statement, ndxcorpus item {i}. {body.capitalize()}.\n\n"
            f"\"We will keep working,\" {speaker} said. {body.capitalize()}.")
    date = None if i % 7 == 0 else f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return text, date


def main(out, n):
    rng = random.Random(1234)
    os.makedirs(out, exist_ok=True)
    lines = []
    for i in range(n):
        text, date = article(rng, i)
        if i % 5 == 0:
            lines.append(json.dumps({"id": f"rec-{i}", "title": f"Record {i}", "text": text,
                                     "date": date}))
            continue
        sub = os.path.join(out, f"d{i % 20:02d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"a{i:05d}.txt"), "w", encoding="utf-8") as f:
            if date:
                f.write(f" date {date}\n")
            f.write(text + "\n")
    with open(os.path.join(out, "records.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
