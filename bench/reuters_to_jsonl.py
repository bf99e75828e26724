#!/usr/bin/env python3
"""Convert the Reuters-21578 SGML files (reut2-*.sgm) to JSON Lines for the benchmark.

One object per <REUTERS> record:
  id        NEWID ("1234"); replicas get "r<k>-1234"
  title     <TITLE>
  text      <BODY>; an UNPROC story without <BODY> gives its raw <TEXT>; a BRIEF story
            (headline only) gives its title; the one empty record (NEWID 12793) is
            skipped, leaving 21,577 articles
  date      ISO 8601 from <DATE> ("26-FEB-1987 15:01:01.79" -> "1987-02-26T15:01:01")
  dateline  <DATELINE>, trimmed ("SALVADOR, Feb 26"); also put before the text, as on the
            wire ("SALVADOR, Feb 26 - Showers continued ..."), so every engine indexes it
  replica   present on copies only: 2..N (copy 1 is the original collection)

With --new-names, copies 2..N are not the same words again: every capitalised word of four
letters or more inside a sentence (a name, mostly) gets a syllable suffix of its copy
("Baker" -> "Bakermiba" in copy 2, "Bakernuba" in copy 3), so that the collection's
people, organisations, unknown places and spelling words grow with every copy, as a real
archive's do, where plain copies repeat the same few thousand names.

Usage: reuters_to_jsonl.py SRC_DIR OUT.jsonl [--replicas N] [--new-names]
Nothing is written beside the sources; the output goes where OUT.jsonl says.
"""

import argparse
import glob
import html
import json
import os
import re
import sys

RECORD = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'NEWID="(\d+)"')
MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
DATE = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})")
# SGML numeric references to control characters (&#2; &#3; &#5; ...) carry no text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def element(name, body):
    m = re.search(r"<%s\b[^>]*>(.*?)</%s>" % (name, name), body, re.S)
    return m.group(1) if m else None


def clean(s):
    """Entity references resolved, control characters dropped, line ends kept."""
    if s is None:
        return ""
    s = html.unescape(s)
    s = CONTROL.sub("", s)
    return s.strip()


def iso_date(raw):
    m = DATE.search(raw or "")
    if not m:
        return None
    day, mon, year, hh, mm, ss = m.groups()
    if mon not in MONTHS:
        return None
    return "%s-%02d-%02dT%02d:%s:%s" % (year, MONTHS[mon], int(day), int(hh), mm, ss)


# A capitalised word of 4+ letters not at a sentence's or a line's start.
NAME_WORD = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
SYLLABLES = ["ba", "ko", "mi", "nu", "pe", "ra", "si", "tu", "vo", "ze", "la", "do"]


def copy_suffix(k):
    """Two or more syllables naming copy k (k >= 2), different for every k."""
    out, n = "", k
    while n or len(out) < 4:
        out += SYLLABLES[n % len(SYLLABLES)]
        n //= len(SYLLABLES)
    return out


def rename(text, suffix):
    return NAME_WORD.sub(lambda m: m.group(0) + suffix, text)


def articles(src_dir, skipped):
    files = sorted(glob.glob(os.path.join(src_dir, "reut2-*.sgm")))
    if not files:
        sys.exit("reuters_to_jsonl: no reut2-*.sgm in %s" % src_dir)
    for path in files:
        # ASCII with one stray Latin-1 byte (reut2-017.sgm): read as Latin-1, write UTF-8.
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in RECORD.finditer(data):
            attrs, body = m.group(1), m.group(2)
            newid = NEWID.search(attrs).group(1)
            text_el = element("TEXT", body) or ""
            brief = re.search(r'<TEXT\b[^>]*TYPE="BRIEF"', body) is not None
            title = re.sub(r"\s+", " ", clean(element("TITLE", text_el)))
            dateline = re.sub(r"\s+", " ", clean(element("DATELINE", text_el)))
            dateline = dateline.rstrip(" -")
            text = clean(element("BODY", text_el))
            if not text and brief:
                text = title  # the body of a BRIEF story is the placeholder "Blah blah blah."
            if not text:
                # UNPROC stories: the text is loose inside <TEXT>.
                text = clean(re.sub(r"<(TITLE|DATELINE|AUTHOR)>.*?</\1>", "", text_el,
                                    flags=re.S))
                text = re.sub(r"</?[A-Z]+[^>]*>", "", text).strip()
            text = text.lstrip("*").strip() or title
            if not text:
                skipped.append(newid)  # an empty UNPROC record (NEWID 12793)
                continue
            if dateline and text != title:
                # As on the wire: "SALVADOR, Feb 26 - Showers continued ..."
                text = dateline + " - " + text
            rec = {"id": newid, "title": title, "text": text}
            date = iso_date(element("DATE", body))
            if date:
                rec["date"] = date
            if dateline:
                rec["dateline"] = dateline
            yield rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src_dir")
    ap.add_argument("out")
    ap.add_argument("--replicas", type=int, default=1,
                    help="write N copies of the collection, copies 2..N with ids r<k>-<id>")
    ap.add_argument("--new-names", action="store_true",
                    help="copies 2..N give their names a suffix of their own (a vocabulary "
                         "that grows with the archive)")
    args = ap.parse_args()
    if args.replicas < 1:
        ap.error("--replicas must be at least 1")
    skipped = []
    recs = list(articles(args.src_dir, skipped))
    with open(args.out, "w", encoding="utf-8") as out:
        for k in range(1, args.replicas + 1):
            for rec in recs:
                if k > 1:
                    rec = dict(rec, id="r%d-%s" % (k, rec["id"]), replica=k)
                    if args.new_names:
                        suffix = copy_suffix(k)
                        rec["text"] = rename(rec["text"], suffix)
                        rec["title"] = rename(rec["title"], suffix)
                out.write(json.dumps(rec, ensure_ascii=False))
                out.write("\n")
    print("reuters_to_jsonl: %d articles x %d = %d records -> %s (%d empty records skipped)"
          % (len(recs), args.replicas, len(recs) * args.replicas, args.out, len(skipped)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
