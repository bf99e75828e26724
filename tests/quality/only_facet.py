#!/usr/bin/env python3
"""Keeps one facet of an `ndx-index --dump` (and the path and date) for scoring it alone.

usage: ndx-index --dump DIR | only_facet.py FACET | score-facets GOLD - | only_facet.py --gate FACET MIN_F1
The second form passes score-facets' report through and exits 1 when FACET's F1 is below MIN_F1.
"""
import json
import sys


def main(argv):
    if len(argv) == 3 and argv[0] == "--gate":
        facet, min_f1, f1 = argv[1], float(argv[2]), None
        for line in sys.stdin:
            sys.stdout.write(line)
            parts = line.split()
            if len(parts) >= 4 and parts[0] == facet:
                f1 = float(parts[3])
        if f1 is None:
            print(f"no {facet} line in the report", file=sys.stderr)
            return 2
        return 0 if f1 >= min_f1 else 1
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        print(json.dumps({"path": doc.get("path"), "date": doc.get("date"), argv[0]: doc.get(argv[0]) or []}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
