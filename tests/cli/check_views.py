#!/usr/bin/env python3
"""Checks that every count of ndx-search's timelines and pivots is the count of the
equivalent filtered search.

For a set of queries and filters, on an index of the corpora given:
- timeline: for every interval, the search with the same query and filters and the
  interval as --from/--to must count each row's value (in its facet counts) exactly as the
  timeline's cell does, and the search with --undated its undated cell; each row's total is
  the value's count in the search itself, and the "all" row is the search's histogram;
- pivot: for every row value A, the search with the same query and filters plus the filter
  --FACET1 A must have A's row count as its total and count every value B shown under A as
  the pivot does (for a pivot of a facet with itself, whose own filter leaves its counts,
  the total with A and B is |A| + |B| - |A or B|, three filtered totals).
A value whose name selects more than one value (a note says so) cannot be searched for
alone and is skipped (and counted as such).  Places are pivoted at --location-level
country, where a place's count is what its filter selects.

usage: check_views.py BUILD_DIR [--reuters REUTERS_DIR] [CORPUS...]
"""
import json
import os
import subprocess
import sys
import tempfile


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


class Checker:
    def __init__(self, build, db):
        self.search_bin = os.path.join(build, "ndx-search")
        self.db = db
        self.passed = self.failed = self.skipped = 0
        self.cache = {}

    def search(self, args):
        key = tuple(args)
        if key not in self.cache:
            self.cache[key] = json.loads(run([self.search_bin, "--db", self.db, "--json"] + args))
        return self.cache[key]

    def facets(self, args):
        return self.search(args + ["--limit", "0", "--facet-limit", "1000000"])

    @staticmethod
    def count_of(res, facet, value):
        """The count of a value (matched by name and place path) in a search's facet."""
        for v in res["facets"][facet]:
            if v["value"] == value["value"] and v.get("path") == value.get("path"):
                return v["count"]
        return 0

    def expect(self, label, got, want):
        if got == want:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {label}: view says {got}, the filtered search {want}")

    def timeline(self, query, args):
        facet = args[args.index("--timeline") + 1]
        tl = self.search(args + ([query] if query else []))
        plain = [a for i, a in enumerate(args)
                 if a != "--timeline" and (i == 0 or args[i - 1] != "--timeline")]
        q = [query] if query else []
        whole = self.facets(plain + (q or ["*"]))
        label = f"timeline {query!r} {args}"
        self.expect(label + " total", tl["total"], whole["total"])
        for i, interval in enumerate(tl["intervals"]):
            res = self.facets(plain + ["--from", interval, "--to", interval] + q)
            self.expect(f"{label} all {interval}", tl["all"]["counts"][i], res["total"])
            for row in tl["values"]:
                want = res["total"] if tl["selection"] else self.count_of(res, facet, row)
                self.expect(f"{label} {row['value']} {interval}", row["counts"][i], want)
        und = self.facets(plain + ["--undated"] + q)
        self.expect(f"{label} all undated", tl["all"]["undated"], und["total"])
        for row in tl["values"]:
            want = und["total"] if tl["selection"] else self.count_of(und, facet, row)
            self.expect(f"{label} {row['value']} undated", row["undated"], want)
            if not tl["selection"]:
                self.expect(f"{label} {row['value']} total", row["count"],
                            self.count_of(whole, facet, row))

    def pivot(self, query, args):
        first, second = args[args.index("--pivot") + 1].split(",")
        q = [query] if query else []
        pv = self.search(args + q)
        plain = [a for i, a in enumerate(args)
                 if a != "--pivot" and (i == 0 or args[i - 1] != "--pivot")]
        label = f"pivot {query!r} {args}"
        for row in pv["pivot"]:
            res = self.facets(plain + [f"--{first}", row["value"]] + q)
            if len(res.get("notes", [])) and any(f"--{first} '" in n for n in res["notes"]):
                self.skipped += 1
                continue
            self.expect(f"{label} {row['value']}", row["count"], res["total"])
            for sub in row["pivot"]:
                if first == second:
                    # the facet's own filter leaves its counts (multi-select): both values
                    # by inclusion-exclusion of three filtered totals, |A|+|B|-|A or B|
                    b = self.facets(plain + [f"--{first}", sub["value"]] + q)
                    either = self.facets(plain + [f"--{first}", row["value"],
                                                  f"--{first}", sub["value"]] + q)
                    if any(f"--{first} '" in n for n in b.get("notes", [])):
                        self.skipped += 1
                        continue
                    want = res["total"] + b["total"] - either["total"]
                else:
                    want = self.count_of(res, second, sub)
                self.expect(f"{label} {row['value']} / {sub['value']}", sub["count"], want)


CASES = [
    # (query, view arguments)
    ("", ["--timeline", "location"]),
    ("", ["--timeline", "speaker", "--date-interval", "year"]),
    ("TTP", ["--timeline", "group"]),
    ("Taliban", ["--timeline", "location", "--location-level", "country"]),
    ("", ["--timeline", "speaker", "--speaker", "Matthew Miller"]),
    ("attack", ["--timeline", "group", "--exclude-location", "Pakistan"]),
    ("", ["--timeline", "location", "--location", "Balochistan"]),
    ("Taliban", ["--timeline", "speaker", "--quotes", "--date-interval", "year"]),
    ("", ["--pivot", "speaker,location", "--quotes"]),
    ("", ["--pivot", "speaker,group"]),
    ("", ["--pivot", "group,location"]),
    ("TTP", ["--pivot", "group,speaker"]),
    ("said", ["--pivot", "location,group", "--location-level", "country"]),
    ("", ["--pivot", "group,group", "--from", "2023"]),
    ("police", ["--pivot", "speaker,location", "--exclude-group", "Taliban"]),
]

REUTERS_CASES = [
    ("", ["--timeline", "location", "--date-interval", "month"]),
    ("", ["--timeline", "group", "--date-interval", "month"]),
    ("oil", ["--timeline", "location", "--location-level", "country"]),
    ("", ["--pivot", "location,group", "--location-level", "country"]),
    ("", ["--pivot", "group,location"]),
    ("interest rates", ["--pivot", "speaker,group"]),
    ("", ["--timeline", "group", "--location", "Japan"]),
    ("", ["--pivot", "group,speaker", "--group", "OPEC"]),
]


def main(argv):
    build, rest = argv[0], argv[1:]
    reuters = None
    if rest[:1] == ["--reuters"]:
        reuters, rest = rest[1], rest[2:]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        inputs = list(rest)
        cases = CASES
        if reuters:
            jsonl = os.path.join(tmp, "reuters.jsonl")
            here = os.path.dirname(os.path.abspath(__file__))
            run([sys.executable, os.path.join(here, "..", "..", "bench", "reuters_to_jsonl.py"),
                 reuters, jsonl])
            inputs = [jsonl]
            cases = REUTERS_CASES
        run([os.path.join(build, "ndx-index"), "--quiet", "--db", db] + inputs)
        c = Checker(build, db)
        for query, args in cases:
            before = c.failed
            if "--timeline" in args:
                c.timeline(query, args)
            else:
                c.pivot(query, args)
            print(("ok  " if c.failed == before else "FAIL") + f" {query!r} {args}")
    print(f"{c.passed} counts equal, {c.failed} differ, {c.skipped} values skipped "
          "(their name selects several values)")
    return 1 if c.failed or c.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
