#!/usr/bin/env python3
"""Count what one process per query costs, in figures that do not depend on the machine's load.

Usage:
  proc_insn.py OLD_NDX_SEARCH NEW_NDX_SEARCH NDX_DB XAPIAN_DB [QUERIES.txt]

For each text query of QUERIES.txt (default: bench/queries.txt) without facet filters, runs
the two ndx-search binaries as proc_bench.py runs them with --no-snippets, and quest on
XAPIAN_DB as proc_bench.py runs it (ndx's rule for the words), once under
`valgrind --tool=callgrind` (instructions in user space, the dynamic loader included) and
ten times under `perf stat -e page-faults`; prints a Markdown table (instructions in
millions, page faults).  Needs valgrind, perf and quest.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import proc_bench  # noqa: E402


def instructions(cmd):
    err = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                         capture_output=True, text=True).stderr
    return int(re.search(r"refs:\s+([\d,]+)", err).group(1).replace(",", "")) / 1e6


def faults(cmd):
    err = subprocess.run(["perf", "stat", "-r", "10", "-e", "page-faults"] + cmd,
                         capture_output=True, text=True).stderr
    return int(re.search(r"([\d,]+)\s+page-faults", err).group(1).replace(",", ""))


def main():
    args = sys.argv[1:]
    if len(args) not in (4, 5):
        sys.exit(__doc__.strip())
    old, new, ndx_db, xapian_db = args[:4]
    queries = args[4] if len(args) == 5 else os.path.join(os.path.dirname(__file__),
                                                           "queries.txt")
    every = str(proc_bench.quest_doccount(xapian_db))
    total = [0.0] * 6
    print("| query | old | new | quest | new ÷ quest | faults old → new (quest) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, text, filters in proc_bench.read_queries(queries):
        if filters or not text:
            continue
        ndx = [proc_bench.ndx_command(b, ndx_db, text, filters, False) for b in (old, new)]
        rule = "and" if proc_bench.all_words_first(text) else "or"
        quest = ["quest", "-d", xapian_db, "-m", "10", "-c", every, "-o", rule, text]
        v = [instructions(ndx[0]), instructions(ndx[1]), instructions(quest),
             faults(ndx[0]), faults(ndx[1]), faults(quest)]
        total = [a + b for a, b in zip(total, v)]
        print("| %s | %.2f | %.2f | %.2f | %.2f | %d → %d (%d) |"
              % (label, v[0], v[1], v[2], v[1] / v[2], v[3], v[4], v[5]))
    print("| **text queries** | **%.1f** | **%.1f** | **%.1f** | **%.2f** | %d → %d (%d) |"
          % (total[0], total[1], total[2], total[1] / total[2], total[3], total[4], total[5]))


if __name__ == "__main__":
    main()
