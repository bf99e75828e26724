#!/usr/bin/env python3
"""Checks that a search answers the same with the facet table and without it.

ndx-search counts from the facet table (ndx-facets) when it is current, testing facet and
date filters against it in one pass; without it (a stale table, a shard set, remote
servers) it counts from the value slots with Xapian filters and a second pass per filtered
facet.  For every search below the two answers must be identical: hits in the same order
with the same scores, the same totals, and the same facet values, counts and date buckets.

usage: table_vs_slots.py BUILD_DIR CORPUS_DIR...
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SEARCHES = [
    ["attack"],
    ["said"],
    ["TTP"],
    ['"security forces"'],
    ["--speaker", "miller"],
    ["--speaker", "miller", "pakistan"],
    ["--location", "Pakistan"],
    ["--location", "Pakistan", "attack"],
    ["--location", "Pakistan", "--location", "Kenya"],
    ["--location", "Balochistan", "--exclude-group", "Tehreek-e-Taliban Pakistan"],
    ["--group", "Taliban", "--location", "Pakistan", "said"],
    ["--group", "Taliban", "--speaker", "miller"],
    ["--from", "2023-10", "--to", "2023-12"],
    ["--from", "2024-01", "bank"],
    ["--to", "2023-12-31", "--location", "Pakistan"],
    ["--undated"],
    ["--undated", "--location", "Pakistan"],
    ["--location-level", "country", "--location", "Pakistan", "said"],
    ["--location-level", "province", "attack"],
    ["--sort", "date", "--location", "Pakistan"],
    ["--facet-order", "name", "--group", "Taliban"],
    ["--quotes", "--speaker", "miller"],
    ["--quotes", "--location", "Pakistan", "terrorism"],
    ["--quotes", "--from", "2023-01"],
    ["--offset", "2", "--location", "Pakistan"],
]

FACETS = ["speaker", "location", "group"]


def search(build, db, args):
    cmd = [os.path.join(build, "ndx-search"), "--db", db, "--json", "--facet-limit", "1000",
           "--limit", "50"] + args
    out = subprocess.run(cmd, capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    build, corpora = sys.argv[1], sys.argv[2:]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        table_db = os.path.join(tmp, "with-table")
        slots_db = os.path.join(tmp, "without-table")
        subprocess.run([os.path.join(build, "ndx-index"), "--quiet", "--db", table_db] + corpora,
                       check=True)
        if not os.path.exists(os.path.join(table_db, "ndx-facets")):
            print("FAIL: ndx-index wrote no facet table")
            return 1
        shutil.copytree(table_db, slots_db)
        os.remove(os.path.join(slots_db, "ndx-facets"))
        matched = 0
        with_values = {facet: 0 for facet in FACETS}
        for args in SEARCHES:
            a, b = search(build, table_db, args), search(build, slots_db, args)
            if a != b:
                failures += 1
                print("FAIL", args)
                print("  with the table:   ", a[0], a[1][:2000], a[2])
                print("  without the table:", b[0], b[1][:2000], b[2])
                continue
            if a[0] != 0:
                failures += 1
                print("FAIL", args, "exit", a[0], a[2])
                continue
            answer = json.loads(a[1])
            total = answer["total"]
            matched += total > 0
            if total > 0:
                for facet in FACETS:
                    with_values[facet] += bool(answer["facets"][facet])
            print("ok  ", args, total, "matches")
        if matched < len(SEARCHES) * 3 // 4:
            print("FAIL: only %d of %d searches match anything" % (matched, len(SEARCHES)))
            failures += 1
        # every facet is compared on values, not on two empty lists
        for facet in FACETS:
            if with_values[facet] < matched * 3 // 4:
                print("FAIL: the %s facet has values in only %d of %d searches that match"
                      % (facet, with_values[facet], matched))
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
