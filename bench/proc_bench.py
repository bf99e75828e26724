#!/usr/bin/env python3
"""Time one process per query: ndx-search on the ndx index, quest on the plain Xapian index.

Usage:
  proc_bench.py ndx-search NDX_SEARCH DB QUERIES.txt TIMES.tsv RESULTS.jsonl [--passes N]
                [--no-snippets]
  proc_bench.py quest QUEST DB QUERIES.txt TIMES.tsv RESULTS.jsonl [--passes N]
  proc_bench.py spawn TIMES.tsv [--passes N]      # /bin/true: what starting a process costs

Each query runs once unmeasured (its output gives the total written to RESULTS), then
N times measured (wall time from fork to exit, output discarded).  ndx-search gets
`--json --limit 10 --date-interval month` and the query's facet flags, so it does what
ndx_query_bench does; quest gets `-m 10 -c <every document>` (exact total) and runs only
the queries without facet filters, with ndx's rule for the words (`-o and` for two or three
words without an operator, then `-o or` in a second process when that finds nothing).
--no-snippets gives ndx-search --no-snippets (quest shows no passage of the hits' text
either), recorded as engine ndx-search-plain.  TIMES.tsv has the format of the C++ tools.
"""

import json
import re
import subprocess
import sys
import time


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            label, text = parts[0], parts[1]
            filters = []
            if len(parts) > 2 and parts[2]:
                for flt in parts[2].split(";"):
                    facet, _, value = flt.partition("=")
                    filters.append((facet.strip(), value.strip()))
            out.append((label, text, filters))
    return out


def ndx_command(binary, db, text, filters, snippets=True):
    cmd = [binary, "--db", db, "--json", "--limit", "10", "--date-interval", "month"]
    if not snippets:
        cmd.append("--no-snippets")
    for facet, value in filters:
        cmd += ["--" + facet, value]
    if text:
        cmd.append(text)
    return cmd


def all_words_first(text):
    """ndx's match rule, as bench::all_words_first: two or three words or phrases and no
    operator must all match (quest -o and), else any (-o or)."""
    tokens = re.findall(r'"[^"]*"?|[^ \t"]+', text)
    ops = ("AND", "OR", "NOT", "XOR")
    if any(t in ops or t.startswith(("NEAR", "ADJ", "+", "-")) for t in tokens):
        return False
    return 2 <= len(tokens) <= 3


def quest_doccount(db):
    out = subprocess.run(["xapian-delve", "-1", db], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"number of documents = (\d+)", out)
    return int(m.group(1)) if m else 10**9


def timed(cmds, passes):
    """Wall time of running `cmds` one after the other (each a command), `passes` times."""
    times = []
    for _ in range(passes):
        t0 = time.perf_counter()
        for cmd in cmds:
            rc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
            if rc != 0:
                sys.exit("proc_bench: exit status %d from %s" % (rc, " ".join(cmd)))
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main():
    args = sys.argv[1:]
    passes = 5
    if "--passes" in args:
        i = args.index("--passes")
        passes = int(args[i + 1])
        del args[i:i + 2]
    snippets = "--no-snippets" not in args
    if not snippets:
        args.remove("--no-snippets")
    if len(args) == 2 and args[0] == "spawn":
        with open(args[1], "w") as out:
            for p, ms in enumerate(timed([["/bin/true"]], passes * 4)):
                out.write("spawn\t/bin/true\t%d\t%.4f\n" % (p, ms))
        return
    if len(args) != 6 or args[0] not in ("ndx-search", "quest"):
        sys.exit(__doc__.strip())
    engine, binary, db, queries, times_path, results_path = args
    if not snippets:
        engine = "ndx-search-plain"  # its own row in the report
    if engine == "quest":
        every = str(quest_doccount(db))
    with open(times_path, "w") as times_out, open(results_path, "w") as results_out:
        for label, text, filters in read_queries(queries):
            def run(cmd):
                first = subprocess.run(cmd, capture_output=True, text=True)
                if first.returncode != 0:
                    sys.exit("proc_bench: %s failed: %s" % (" ".join(cmd), first.stderr.strip()))
                return first.stdout

            if engine == "quest":
                if filters or not text:
                    continue
                # ndx's rule: every word (-o and), and when that finds nothing, a second
                # process for any word (-o or), as a script using quest would do
                quest = [binary, "-d", db, "-m", "10", "-c", every]
                cmds = [quest + ["-o", "and" if all_words_first(text) else "or", text]]
                m = re.search(r"(?:Exactly|About) (\d+) match", run(cmds[0]))
                total = int(m.group(1)) if m else None
                if total == 0 and all_words_first(text):
                    cmds.append(quest + ["-o", "or", text])
                    m = re.search(r"(?:Exactly|About) (\d+) match", run(cmds[1]))
                    total = int(m.group(1)) if m else None
            else:
                cmds = [ndx_command(binary, db, text, filters, snippets)]
                total = json.loads(run(cmds[0]))["total"]
            results_out.write(json.dumps({"engine": engine, "label": label, "total": total})
                              + "\n")
            for p, ms in enumerate(timed(cmds, passes)):
                times_out.write("%s\t%s\t%d\t%.4f\n" % (engine, label, p, ms))
    print("proc_bench: %s done" % engine, file=sys.stderr)


if __name__ == "__main__":
    main()
