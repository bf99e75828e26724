#!/usr/bin/python3
"""What each engine's index holds, part by part, for one collection.

    bench/index_size.py ndx NDX_DIR          glass tables, and what the documents put in them
    bench/index_size.py lucene LUCENE_DIR    the files of each segment (inside a .cfs too)
    bench/index_size.py fts5 SQLITE_DB       bytes per table and index (SQLite's dbstat)

Prints Markdown tables (sizes in MB of 10^6 bytes).  The ndx part reads the index with
Xapian's Python bindings (Debian python3-xapian; run with /usr/bin/python3): for articles
and statements apart, the stored records, the value slots, the terms and positions, and
the postings and positions by term prefix.
"""
import collections
import os
import re
import sqlite3
import struct
import sys

MB = 1e6


def mb(n):
    return "%.1f" % (n / MB)


def pct(n, total):
    return "%.0f %%" % (100.0 * n / total) if total else "–"


# ---------------------------------------------------------------------------- ndx (glass)

PREFIX = re.compile(r"^(Z?[A-Z]*)")


def term_prefix(term):
    p = PREFIX.match(term).group(1)
    return p if p else "(free text)"


def ndx(path):
    import xapian  # only this part needs the bindings

    files = sorted(os.listdir(path))
    total = sum(os.path.getsize(os.path.join(path, f)) for f in files)
    print("#### ndx: files (%s MB)\n" % mb(total))
    print("| file | MB | share |")
    print("|---|---:|---:|")
    for f in files:
        size = os.path.getsize(os.path.join(path, f))
        if size:
            print("| `%s` | %s | %s |" % (f, mb(size), pct(size, total)))
    print()

    db = xapian.Database(path)
    kinds = {}
    statements = set(p.docid for p in db.postlist("XT"))

    def kind(did):
        return "statement" if did in statements else "article"

    stat = collections.defaultdict(collections.Counter)
    by_prefix = collections.defaultdict(collections.Counter)
    for did in range(1, db.get_lastdocid() + 1):
        try:
            doc = db.get_document(did)
        except xapian.DocNotFoundError:
            continue
        k = kind(did)
        s = stat[k]
        s["docs"] += 1
        s["data"] += len(doc.get_data())
        for v in doc.values():
            slot = v.num
            name = ("slot %d" % slot) if slot < 100 else ("spread %d00+" % (slot // 100))
            s[name] += len(v.value)
            s["values"] += len(v.value)
            s["value entries"] += 1
        for t in doc.termlist():
            term = t.term.decode("utf-8", "replace")
            npos = sum(1 for _ in t.positer)
            p = term_prefix(term)
            s["terms"] += 1
            s["positions"] += npos
            by_prefix[(k, p)]["postings"] += 1
            by_prefix[(k, p)]["positions"] += npos
        kinds[k] = True

    order = [k for k in ("article", "statement") if k in kinds]
    print("#### ndx: what the documents hold (raw bytes before Xapian's encoding)\n")
    print("| | " + " | ".join(order) + " |")
    print("|---|" + "---:|" * len(order))
    rows = ["docs", "data", "values", "slot 5", "slot 0", "slot 1", "slot 2", "slot 3",
            "slot 4", "spread 100+", "spread 200+", "spread 300+", "spread 400+",
            "value entries", "terms", "positions"]
    for r in rows:
        if not any(stat[k][r] for k in order):
            continue
        label = {"data": "stored record (docdata), MB", "values": "value slots, MB",
                 "terms": "term entries (postings, termlist)", "positions": "positions",
                 "docs": "documents", "value entries": "value entries"}.get(r, r + ", MB")
        is_bytes = label.endswith("MB")
        print("| %s | %s |" % (label, " | ".join(
            mb(stat[k][r]) if is_bytes else "{:,}".format(stat[k][r]) for k in order)))
    print()

    print("#### ndx: postings and positions by term prefix\n")
    print("| document | prefix | postings | positions | share of all positions |")
    print("|---|---|---:|---:|---:|")
    allpos = sum(c["positions"] for c in by_prefix.values())
    for (k, p), c in sorted(by_prefix.items(), key=lambda kv: -kv[1]["postings"]):
        if c["postings"] < 1000:
            continue
        print("| %s | `%s` | {:,} | {:,} | %s |".format(c["postings"], c["positions"])
              % (k, p, pct(c["positions"], allpos)))
    print()


# ---------------------------------------------------------------------------- Lucene 3 (cfs)

def read_vint(f):
    shift, n = 0, 0
    while True:
        b = f.read(1)[0]
        n |= (b & 0x7F) << shift
        if not b & 0x80:
            return n
        shift += 7


def cfs_entries(path):
    """(name, size) of each file inside a Lucene 3.x compound file."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        count = read_vint(f)
        entries = []
        for _ in range(count):
            offset = struct.unpack(">q", f.read(8))[0]
            name = f.read(read_vint(f)).decode("utf-8")
            entries.append((offset, name))
    entries.sort()
    return [(name, (entries[i + 1][0] if i + 1 < len(entries) else size) - off)
            for i, (off, name) in enumerate(entries)]


LUCENE_EXT = {
    "fdt": "stored fields (id, title, text)", "fdx": "stored fields index",
    "frq": "postings: documents and frequencies", "prx": "positions",
    "tis": "term dictionary", "tii": "term dictionary index", "nrm": "norms",
    "fnm": "field names", "tvx": "term vectors", "tvd": "term vectors", "tvf": "term vectors",
    "del": "deletions",
}


def lucene(path):
    sizes = collections.Counter()
    for f in os.listdir(path):
        full = os.path.join(path, f)
        if f.endswith(".cfs"):
            for name, size in cfs_entries(full):
                sizes[name.rsplit(".", 1)[-1]] += size
        else:
            sizes[f.rsplit(".", 1)[-1] if "." in f else "(%s)" % f] += os.path.getsize(full)
    total = sum(sizes.values())
    print("#### Lucene++: files by extension (%s MB)\n" % mb(total))
    print("| extension | holds | MB | share |")
    print("|---|---|---:|---:|")
    for ext, size in sizes.most_common():
        print("| `%s` | %s | %s | %s |" % ("." + ext if ext[0] != "(" else ext,
                                         LUCENE_EXT.get(ext, ""), mb(size),
                                         pct(size, total)))
    print()


# ---------------------------------------------------------------------------- SQLite FTS5

def fts5(path):
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    rows = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name "
                       "ORDER BY 2 DESC").fetchall()
    total = sum(r[1] for r in rows)
    print("#### SQLite FTS5: tables and indexes (%s MB)\n" % mb(total))
    print("| table or index | MB | share |")
    print("|---|---:|---:|")
    for name, size in rows:
        print("| `%s` | %s | %s |" % (name, mb(size), pct(size, total)))
    print()


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("ndx", "lucene", "fts5"):
        sys.exit(__doc__)
    {"ndx": ndx, "lucene": lucene, "fts5": fts5}[sys.argv[1]](sys.argv[2])


if __name__ == "__main__":
    main()
