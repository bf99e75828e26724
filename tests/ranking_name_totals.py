#!/usr/bin/env python3
"""For each two-word name, ndx-search's total against the articles of a JSON Lines file
that hold both words (title or text, whole words, any case): they must be equal, and so
must the date facet's counts summed.  Prints one line per name; exits 1 on a mismatch.

  ranking_name_totals.py DB ARTICLES.jsonl NAME...
"""
import json
import re
import subprocess
import sys


def main():
    db, path, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(path, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    failed = False
    for name in names:
        words = name.split()
        want = sorted(a["id"] for a in articles
                      if all(re.search(r"\b" + re.escape(w) + r"\b",
                                       a.get("title", "") + "\n" + a.get("text", ""), re.I)
                             for w in words))
        out = subprocess.run(["ndx-search", "--db", db, "--json", "--no-snippets",
                              "--limit", "100", name],
                             capture_output=True, text=True, check=False)
        res = json.loads(out.stdout)
        got = sorted(h["id"] for h in res["hits"])
        dates = sum(v["count"] for v in res["facets"]["date"]) + res["facets"]["undated"]
        ok = res["total"] == len(want) and got == want and dates == res["total"]
        failed |= not ok
        print(f"{name}: total {res['total']}, date counts {dates}, articles with both words "
              f"{len(want)} ({' '.join(want)}){'' if ok else '  MISMATCH: ndx found ' + ' '.join(got)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
