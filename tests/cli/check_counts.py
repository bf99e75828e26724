#!/usr/bin/env python3
"""Checks that ndx-search's facet counts are exact.

For several queries and filter sets, every count ndx-search prints must equal the number of
matching articles whose `ndx-index --dump` record carries that value, with multi-select (a
facet's own filter is left out of its counts) and place roll-up applied.

usage: check_counts.py BUILD_DIR CORPUS_DIR...
"""
import collections
import json
import os
import subprocess
import sys
import tempfile


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return out.stdout


def search(build, db, query, args):
    cmd = [os.path.join(build, "ndx-search"), "--db", db, "--json", "--limit", "100000",
           "--facet-limit", "100000"] + args + ([query] if query else [])
    return json.loads(run(cmd))


def key(s):
    return s.casefold()


def place_prefixes(doc):
    """Every path prefix (a place and all places above it) the article names."""
    out = set()
    for path in doc["location_path"]:
        parts = path.split("/")
        for i in range(1, len(parts) + 1):
            out.add("/".join(parts[:i]))
    return out


def location_selects(doc, name, docs):
    # the paths of places called `name` anywhere in the corpus
    targets = set()
    for d in docs.values():
        for path in d["location_path"]:
            parts = path.split("/")
            for i, p in enumerate(parts):
                if key(p) == key(name):
                    targets.add("/".join(parts[: i + 1]))
    return bool(targets & place_prefixes(doc))


def matches(doc, filters, docs, leave=None):
    for facet, names in filters.get("include", {}).items():
        if facet == leave:
            continue
        if facet == "location":
            if not any(location_selects(doc, n, docs) for n in names):
                return False
        elif not any(key(n) in {key(v) for v in doc[facet]} for n in names):
            return False
    for facet, names in filters.get("exclude", {}).items():
        if facet == "location":
            if any(location_selects(doc, n, docs) for n in names):
                return False
        elif any(key(n) in {key(v) for v in doc[facet]} for n in names):
            return False
    if leave != "date":
        date = doc["date"]
        if filters.get("from") and (date is None or date < filters["from"]):
            return False
        if filters.get("to") and (date is None or date > filters["to"]):
            return False
    return True


def flags(filters):
    out = []
    for facet, names in filters.get("include", {}).items():
        for n in names:
            out += ["--" + facet, n]
    for facet, names in filters.get("exclude", {}).items():
        for n in names:
            out += ["--exclude-" + facet, n]
    if filters.get("from"):
        out += ["--from", filters["from"]]
    if filters.get("to"):
        out += ["--to", filters["to"]]
    return out + filters.get("extra", [])


def expected_counts(docs, ids, facet, level):
    counts = collections.Counter()
    for i in ids:
        doc = docs[i]
        if facet == "location":
            if level == "country":
                # a place the gazetteer cannot place (kind "unplaced") is under no country
                kinds = [v.get("kind") for v in doc["evidence"]["location"]]
                values = {p.split("/")[0] for p, k in zip(doc["location_path"], kinds)
                          if k != "unplaced"}
            else:
                values = set(doc["location_path"])
        else:
            values = set(doc[facet])
        counts.update(values)
    return counts


def main(argv):
    build, corpora = argv[0], argv[1:]
    dump = run([os.path.join(build, "ndx-index"), "--dump"] + corpora)
    docs = {}
    for line in dump.splitlines():
        d = json.loads(line)
        docs[d["id"]] = d
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        run([os.path.join(build, "ndx-index"), "--quiet", "--db", db] + corpora)
        cases = [
            ("TTP sanctuaries", {}),
            ("Taliban", {"include": {"location": ["Pakistan"]}}),
            ("", {"include": {"location": ["Balochistan"]}}),
            ("", {"include": {"speaker": ["Matthew Miller", "Vedant Patel"]}}),
            ("attack", {"include": {"group": ["Tehreek-e-Taliban Pakistan"],
                                    "location": ["Khyber Pakhtunkhwa"]}}),
            ("police", {"exclude": {"location": ["Pakistan"]}}),
            ("bank", {"from": "2024-01-01", "to": "2024-12-31"}),
            ("said", {"include": {"location": ["Pakistan"]},
                      "extra": ["--location-level", "country"]}),
            ("", {"include": {"location": ["Kenya"]},
                  "exclude": {"group": ["al-Shabaab"]}}),
        ]
        for query, filters in cases:
            label = f"{query!r} {flags(filters)}"
            res = search(build, db, query, flags(filters))
            text_ids = set(docs) if not query else {
                h["id"] for h in search(build, db, query, ["--no-facets"])["hits"]}
            hit_ids = {h["id"] for h in res["hits"]}
            want_hits = {i for i in text_ids if matches(docs[i], filters, docs)}
            problems = []
            if hit_ids != want_hits or res["total"] != len(want_hits):
                problems.append(f"hits {sorted(hit_ids)} != {sorted(want_hits)}")
            level = "country" if "country" in filters.get("extra", []) else "named"
            for facet in ("speaker", "location", "group"):
                own = facet in filters.get("include", {})
                ids = {i for i in text_ids if matches(docs[i], filters, docs,
                                                      leave=facet if own else None)}
                want = expected_counts(docs, ids, facet, level)
                got = collections.Counter()
                for v in res["facets"][facet]:
                    got[v["path"] if facet == "location" else v["value"]] += v["count"]
                if got != want:
                    problems.append(f"{facet}: got {dict(got)} want {dict(want)}")
            date_ids = {i for i in text_ids if matches(docs[i], filters, docs, leave="date")} \
                if filters.get("from") or filters.get("to") else want_hits
            undated = sum(1 for i in date_ids if docs[i]["date"] is None)
            if res["facets"]["undated"] != undated or \
                    sum(b["count"] for b in res["facets"]["date"]) != len(date_ids) - undated:
                problems.append("date histogram")
            if problems:
                failed += 1
                print(f"FAIL {label}")
                for p in problems:
                    print("   ", p)
            else:
                passed += 1
                print(f"ok   {label}: {len(want_hits)} hits")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
