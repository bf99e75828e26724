#!/usr/bin/env python3
"""Turn the raw numbers of bench/run.sh into Markdown tables.

Usage: report.py RESULTS_DIR

RESULTS_DIR holds machine.tsv, index.tsv (tool, scale, run, size_kb, articles),
time/TOOL-SCALE-RUN.txt (/usr/bin/time -v), times/ENGINE-SCALE.tsv (engine, label, pass,
ms) and answers/ENGINE-SCALE.jsonl (total, top ids, facet counts per query).

Ratios are ndx / peer, computed pair by pair: over the queries both engines ran, the sum
of ndx's per-query medians divided by the sum of the peer's (and, in brackets, the
geometric mean of the per-query ratios).  Above 1 means ndx is slower.
"""

import glob
import json
import math
import os
import re
import statistics
import sys

INDEX_TOOLS = [
    ("ndx", "ndx-index: reading, facet extraction, Xapian document with terms (each word as "
            "its stem, with positions), values, stored record; parts commit every 500 to "
            "2000 articles"),
    ("ndx-some", "ndx-index --stemming some: the same, each word also as written (Xapian's "
                 "STEM_SOME, as xapian_plain and omindex index)"),
    ("xapian", "xapian_plain: TermGenerator (STEM_SOME) on title + text, no facets, one commit"),
    ("lucene", "lucene_bench: Lucene++ 3.0.8, text + facet fields from the dump, no optimize"),
    ("sqlite", "sqlite_bench: FTS5 (porter) + facet tables from the dump, one transaction"),
    ("omindex", "omindex: one HTML file per article (Xapian, Omega's indexer)"),
]
QUERY_ENGINES = [
    ("ndx", "ndx::run_search in one process: top 10 (ids and records), exact total, 4 facets"),
    ("ndx-snippets", "the same with a snippet of each hit, as ndx-search prints by default"),
    ("ndx-nofacets", "ndx without facet counting"),
    ("ndx-slots", "ndx counting from the value slots (no facet table)"),
    ("lucene", "Lucene++: top 10, exact total, 4 facets (un-inverted fields)"),
    ("sqlite", "SQLite FTS5: top 10 by bm25, exact total, 4 facets (GROUP BY)"),
    ("xapian", "plain Xapian: top 10 and exact total, no facets (text queries only)"),
    ("ndx-search", "one ndx-search --json process per query"),
    ("ndx-search-plain", "one ndx-search --json --no-snippets process per query (as quest: "
                         "no passage of the hits' text)"),
    ("quest", "one quest process per query (plain Xapian index, text queries only)"),
]
PAIRS = [("ndx", "lucene"), ("ndx", "sqlite"), ("ndx", "xapian"), ("ndx", "ndx-nofacets"),
         ("ndx", "ndx-slots"), ("ndx-snippets", "lucene"), ("ndx-snippets", "ndx"),
         ("ndx-search", "quest"), ("ndx-search-plain", "quest"), ("ndx-search", "ndx")]


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def parse_time(path):
    text = open(path, encoding="utf-8").read()

    def num(label):
        m = re.search(re.escape(label) + r"\s*(\S+)", text)
        return m.group(1) if m else None

    wall = num("Elapsed (wall clock) time (h:mm:ss or m:ss):")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return {"wall": secs, "cpu": float(num("User time (seconds):")) +
            float(num("System time (seconds):")),
            "rss_kb": int(num("Maximum resident set size (kbytes):"))}


def percentile(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]


def fmt_ms(x):
    if x is None:
        return "–"
    return "%.2f" % x if x < 10 else "%.1f" % x if x < 100 else "%.0f" % x


def fmt_ratio(x):
    return "–" if x is None else "%.2f" % x if x < 10 else "%.1f" % x


def load_times(d, scale):
    """engine -> label -> [ms per measured pass]"""
    out = {}
    for path in glob.glob(os.path.join(d, "times", "*-%s.tsv" % scale)):
        engine = os.path.basename(path)[:-len("-%s.tsv" % scale)]
        for row in read_tsv(path):
            out.setdefault(engine, {}).setdefault(row[1], []).append(float(row[3]))
    return out


def load_answers(d, scale):
    out = {}
    for path in glob.glob(os.path.join(d, "answers", "*-%s.jsonl" % scale)):
        engine = os.path.basename(path)[:-len("-%s.jsonl" % scale)]
        with open(path, encoding="utf-8") as f:
            for line in f:
                j = json.loads(line)
                out.setdefault(engine, {})[j["label"]] = j
    return out


def query_labels(d):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.txt")
    labels, texts = [], {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            parts = [p.strip() for p in line.split("|")]
            labels.append(parts[0])
            texts[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return labels, texts


def facets_agree(a, b):
    """Do two engines' facet answers agree?  Lists are the top 10 by count, so a value one
    engine lists and the other does not is a disagreement only when it beats the other's
    last listed count (ties at the cut, and ndx's selected values, which it always lists)."""
    for facet in a:
        la, lb = dict(map(tuple, a[facet])), dict(map(tuple, b.get(facet, [])))
        for k in set(la) & set(lb):
            if la[k] != lb[k]:
                return False
        for x, y in ((la, lb), (lb, la)):
            floor = min(y.values()) if len(y) >= 10 else 0
            for k in set(x) - set(y):
                if x[k] > floor:
                    return False
    return True


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    d = sys.argv[1]
    machine = dict(row[:2] for row in read_tsv(os.path.join(d, "machine.tsv")) if len(row) > 1)
    index_rows = read_tsv(os.path.join(d, "index.tsv"))
    labels, texts = query_labels(d)
    out = []
    w = out.append

    w("## Machine and run\n")
    for key in ("date", "cpu", "cores", "memory", "kernel", "packages", "commit", "build",
                "corpus", "query_clock", "uptime_start", "uptime_end", "elapsed_s"):
        if key in machine:
            w("- %s: %s" % (key, machine[key].strip()))
    w("")

    # ------------------------------------------------------------ indexing
    runs = {}
    for tool, scale, run, size_kb, articles in index_rows:
        t = parse_time(os.path.join(d, "time", "%s-%s-%s.txt" % (tool, scale, run)))
        t["size_kb"] = int(size_kb)
        t["articles"] = int(articles)
        runs.setdefault((tool, int(scale)), []).append(t)

    def med(tool, scale, key):
        rs = runs.get((tool, scale))
        return statistics.median(r[key] for r in rs) if rs else None

    if not machine.get("scaling_only"):
        n1 = runs[("ndx", 1)][0]["articles"]
        w("## Indexing: %d articles (Reuters-21578), median of %d runs\n"
          % (n1, len(runs[("ndx", 1)])))
        w("| engine | wall s | CPU s | peak RSS MB | index MB | articles/s | ndx ÷ engine (wall) |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        ndx_wall = med("ndx", 1, "wall")
        for tool, _ in INDEX_TOOLS:
            if (tool, 1) not in runs:
                continue
            wall = med(tool, 1, "wall")
            w("| %s | %.1f | %.1f | %.0f | %.0f | %.0f | %s |" % (
                tool, wall, med(tool, 1, "cpu"), med(tool, 1, "rss_kb") / 1024,
                med(tool, 1, "size_kb") / 1024, n1 / wall,
                "1" if tool == "ndx" else fmt_ratio(ndx_wall / wall)))
        if ("dump", 1) in runs:
            w("| *(ndx-index --dump: reading + extraction only)* | %.1f | %.1f | %.0f | – | %.0f | – |"
              % (med("dump", 1, "wall"), med("dump", 1, "cpu"), med("dump", 1, "rss_kb") / 1024,
                 n1 / med("dump", 1, "wall")))
        w("")
        for tool, what in INDEX_TOOLS:
            w("- **%s**: %s" % (tool, what))
        w("- Every run starts from an empty index; the wall times of all runs: " + "; ".join(
            "%s %s" % (tool, "/".join("%.1f" % r["wall"] for r in runs[(tool, 1)]))
            for tool, _ in INDEX_TOOLS if (tool, 1) in runs))
        w("")

        # ------------------------------------------------------------ queries
        times = load_times(d, 1)
        answers = load_answers(d, 1)
        medians = {e: {l: statistics.median(v) for l, v in by.items()} for e, by in times.items()}
        p95s = {e: {l: percentile(v, 95) for l, v in by.items()} for e, by in times.items()}
        passes = {e: max(len(v) for v in by.values()) for e, by in times.items()}

        w("## Queries: %d queries (bench/queries.txt), %d articles\n" % (len(labels), n1))
        w("| engine | what | queries | passes | sum of medians ms | median query ms | slowest p95 ms |")
        w("|---|---|---:|---:|---:|---:|---:|")
        for e, what in QUERY_ENGINES:
            if e not in medians:
                continue
            m = medians[e]
            w("| %s | %s | %d | %d | %s | %s | %s |" % (
                e, what, len(m), passes[e], fmt_ms(sum(m.values())),
                fmt_ms(statistics.median(m.values())), fmt_ms(max(p95s[e].values()))))
        if "spawn" in times:
            sp = [x for v in times["spawn"].values() for x in v]
            w("\nStarting a process (/bin/true from the Python harness) costs %.2f ms (median), "
              "included in the per-process rows." % statistics.median(sp))
        w("")

        w("### Ratios, pair by pair (ndx ÷ peer; above 1: ndx slower)\n")
        w("| pair | common queries | sum of medians | geometric mean of per-query ratios |")
        w("|---|---:|---:|---:|")
        for a, b in PAIRS:
            if a not in medians or b not in medians:
                continue
            common = [l for l in medians[a] if l in medians[b]]
            if not common:
                continue
            sa = sum(medians[a][l] for l in common)
            sb = sum(medians[b][l] for l in common)
            geo = math.exp(statistics.mean(math.log(max(medians[a][l], 1e-3) /
                                                    max(medians[b][l], 1e-3)) for l in common))
            w("| %s ÷ %s | %d | %s | %s |" % (a, b, len(common), fmt_ratio(sa / sb), fmt_ratio(geo)))
        w("")

        w("### Per query: median ms (p95 ms)\n")
        engines = [e for e, _ in QUERY_ENGINES if e in medians]
        w("| query | matches ndx / lucene / sqlite / xapian | " + " | ".join(engines) + " |")
        w("|---|---|" + "---:|" * len(engines))
        for l in labels:
            tot = []
            for e in ("ndx", "lucene", "sqlite", "xapian"):
                a = answers.get(e, {}).get(l)
                tot.append(str(a["total"]) if a else "–")
            cells = []
            for e in engines:
                if l in medians[e]:
                    cells.append("%s (%s)" % (fmt_ms(medians[e][l]), fmt_ms(p95s[e][l])))
                else:
                    cells.append("–")
            text, flt = texts[l]
            w("| `%s` | %s | %s |" % (l, " / ".join(tot), " | ".join(cells)))
        w("")
        w("Queries: " + "; ".join("`%s` = %s%s" % (l, texts[l][0] or "(browse)",
                                                  " [%s]" % texts[l][1] if texts[l][1] else "")
                                  for l in labels))
        w("")

        # ------------------------------------------------------------ agreement
        w("### Do the engines answer the same thing?\n")
        for peer in ("lucene", "sqlite", "xapian", "ndx-search", "ndx-search-plain", "quest"):
            if peer not in answers or "ndx" not in answers:
                continue
            common = [l for l in labels if l in answers[peer] and l in answers["ndx"]]
            same = [l for l in common if answers[peer][l]["total"] == answers["ndx"][l]["total"]]
            line = "- %s: same total as ndx on %d of %d queries" % (peer, len(same), len(common))
            with_facets = [l for l in same if "facets" in answers[peer][l]]
            if with_facets:
                agree = [l for l in with_facets
                         if facets_agree(answers["ndx"][l]["facets"], answers[peer][l]["facets"])]
                line += "; where the totals are equal, the four facets agree on %d of %d" % (
                    len(agree), len(with_facets))
                off = [l for l in with_facets if l not in agree]
                if off:
                    line += " (not: %s)" % ", ".join(off)
            diff = [l for l in common if l not in same]
            if diff:
                line += ". Totals differ on: " + ", ".join(
                    "%s %s≠%s" % (l, answers["ndx"][l]["total"], answers[peer][l]["total"])
                    for l in diff)
            w(line)
        w("")

    # ------------------------------------------------------------ scaling
    scales = sorted(s for (tool, s) in runs if tool == "ndx")
    if len(scales) > 1 or machine.get("scaling_only"):
        w("## Scaling: ndx alone, the collection replicated\n")
        w("One JSON Lines file.  µs per match: the query set's time (sum of the per-query "
          "medians) over the matches it counts (sum of the totals).\n")
        w("| scale | articles | index wall s | µs per article | CPU s | CPU µs per article "
          "| peak RSS MB | index MB | index bytes per article | query set ms (sum of medians) "
          "| matches | µs per match | median query ms | slowest query ms (median) |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in scales:
            t = load_times(d, s).get("ndx", {})
            m = {l: statistics.median(v) for l, v in t.items()}
            slow = max(m, key=m.get) if m else None
            answers = load_answers(d, s).get("ndx", {})
            matches = sum(a.get("total", 0) for a in answers.values())
            arts = runs[("ndx", s)][0]["articles"]
            wall = med("ndx", s, "wall")
            cpu = med("ndx", s, "cpu")
            size_kb = med("ndx", s, "size_kb")
            w("| %d× | %d | %.1f | %.0f | %.1f | %.0f | %.0f | %.0f | %.0f | %s | %d | %s | %s | %s |"
              % (s, arts, wall, wall / arts * 1e6, cpu, cpu / arts * 1e6,
                 med("ndx", s, "rss_kb") / 1024, size_kb / 1024, size_kb * 1024 / arts,
                 fmt_ms(sum(m.values())) if m else "–", matches,
                 "%.3f" % (sum(m.values()) * 1e3 / matches) if m and matches else "–",
                 fmt_ms(statistics.median(m.values())) if m else "–",
                 "%s `%s`" % (fmt_ms(m[slow]), slow) if slow else "–"))
        w("")
    file_scales = sorted(s for (tool, s) in runs if tool == "ndx-files")
    if file_scales:
        w("## Scaling: one JSON file per article\n")
        w("| scale | articles | files | index wall s | µs per article | CPU s | peak RSS MB "
          "| index MB |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
        for s in file_scales:
            arts = runs[("ndx-files", s)][0]["articles"]
            wall = med("ndx-files", s, "wall")
            w("| %d× | %d | %d | %.1f | %.0f | %.1f | %.0f | %.0f |" % (
                s, arts, arts, wall, wall / arts * 1e6, med("ndx-files", s, "cpu"),
                med("ndx-files", s, "rss_kb") / 1024, med("ndx-files", s, "size_kb") / 1024))
        w("")

    # ------------------------------------------------------------ views
    views = os.path.join(d, "views.tsv")
    if os.path.exists(views):
        w("## Views beside the plain faceted search (ndx_views_bench, every article)\n")
        w("| view | median ms | slowest ms | × search | cells |")
        w("|---|---:|---:|---:|---:|")
        for r in read_tsv(views)[1:]:
            w("| %s |" % " | ".join(r[:5]))
        w("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
