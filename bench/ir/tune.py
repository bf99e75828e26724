#!/usr/bin/python3
"""Grid search of ranking settings on ndx indexes of the IR test collections, in process.

ir-eval (bench/ir/run.sh) measures the real ndx-search; this tool answers "which setting?"
quickly: it indexes each collection once with ndx-index, then replays every judged query
through python3-xapian against that index, parsed as ndx-search parses free text (English
stems, default OR), under each setting, and prints MAP per collection and the mean.

  bench/ir/tune.py [--build build] [--work /tmp/ndx-tune] [-c cran,cisi] CONFIG...

A CONFIG is k1,b[,prf_docs,prf_terms,prf_weight][;KEY=VALUE...] e.g. "1.2,0.75" or
"1.2,0.75,10,20,0.5;stop=1". Keys: stop=1 leaves ndx's function words (common/stopwords.cc)
out of queries of more than three words; msm=F requires that fraction of a long query's
words; prox=W;win=N adds NEAR pairs of neighbouring (non-function) words, weight x W;
rerank=1 makes the feedback terms reorder the query's matches only (AND_MAYBE, not OR).
"""
import argparse
import importlib.machinery
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import xapian

ROOT = Path(__file__).resolve().parent.parent.parent


def load_ir_eval(path):
    loader = importlib.machinery.SourceFileLoader("ir_eval", str(path))
    spec = importlib.util.spec_from_loader("ir_eval", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def build_index(ir, coll, work, build):
    dbdir = work / coll.name / "db"
    if dbdir.exists():
        return dbdir
    corpus = work / coll.name / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for docid, (title, text) in coll.docs.items():
        body = (title + "\n" + text) if (coll.has_titles and title) else text
        (corpus / f"{docid}.txt").write_text(body + "\n", encoding="utf-8")
    subprocess.run([str(build / "ndx-index"), "--quiet", "--db", str(dbdir), str(corpus)],
                   check=False, capture_output=True)
    return dbdir


def stopwords():
    """The function words ndx-search leaves out of queries ranked by any word."""
    src = (ROOT / "common" / "stopwords.cc").read_text(encoding="utf-8")
    return re.findall(r'"([^"]+)"', src.split("kStopwords", 1)[1].split("};", 1)[0])


def parse_config(s):
    main, _, extra = s.partition(";")
    parts = [float(x) for x in main.split(",")]
    cfg = {"k1": parts[0], "b": parts[1], "prf": None, "msm": 0, "name": s}
    if len(parts) >= 5:
        cfg["prf"] = (int(parts[2]), int(parts[3]), parts[4])
    for kv in filter(None, extra.split(";")):
        k, _, v = kv.partition("=")
        cfg[k] = float(v)
    return cfg


def run(ir, coll, dbdir, cfg):
    db = xapian.Database(str(dbdir))
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_ALL)
    qp.add_prefix("", "Z")
    qp.set_default_op(xapian.Query.OP_OR)
    qp.set_database(db)
    enq = xapian.Enquire(db)
    enq.set_weighting_scheme(xapian.BM25Weight(cfg["k1"], 0, 1, cfg["b"], 0.5))
    stopset = set()
    if cfg.get("stop"):
        stopset = set(stopwords())
        stopper = xapian.SimpleStopper()
        for w in stopset:
            stopper.add(w)
    ids = {}
    aps = {}
    for qid, text in coll.queries.items():
        rel = coll.relevant(qid, 1)
        if not rel:
            continue
        toks = ir.words(text)
        if stopset and len(toks) > 3:
            qp.set_stopper(stopper)
        else:
            qp.set_stopper(None)
        q = qp.parse_query(" ".join(toks), xapian.QueryParser.FLAG_DEFAULT)
        q = xapian.Query(xapian.Query.OP_FILTER, q, xapian.Query("XA"))
        if cfg.get("prox"):
            stem = xapian.Stem("english")
            zs = ["Z" + stem(t).decode() for t in toks if t not in stopset]
            pairs = [xapian.Query(xapian.Query.OP_NEAR, [xapian.Query(a), xapian.Query(b)],
                                  int(cfg.get("win", 8)))
                     for a, b in zip(zs, zs[1:]) if a != b]
            if pairs:
                q = xapian.Query(xapian.Query.OP_AND_MAYBE, q,
                                 xapian.Query(xapian.Query.OP_SCALE_WEIGHT,
                                              xapian.Query(xapian.Query.OP_OR, pairs),
                                              cfg["prox"]))
        if cfg["prf"]:
            ndocs, nterms, w = cfg["prf"]
            enq.set_query(q)
            top = enq.get_mset(0, ndocs)
            rset = xapian.RSet()
            for m in top:
                rset.add_document(m.docid)
            eset = enq.get_eset(nterms, rset, ExpandZ())
            extra = [xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(e.term), w)
                     for e in eset]
            if extra and cfg.get("rerank"):
                # ranking only: the expansion terms reorder the query's own matches
                q = xapian.Query(xapian.Query.OP_AND_MAYBE, q,
                                 xapian.Query(xapian.Query.OP_OR, extra))
            elif extra:
                q = xapian.Query(xapian.Query.OP_OR, q,
                                 xapian.Query(xapian.Query.OP_FILTER,
                                              xapian.Query(xapian.Query.OP_OR, extra),
                                              xapian.Query("XA")))
        enq.set_query(q)
        ranking = []
        msm = cfg.get("msm", 0)
        nterms = len(set(ir.words(text)) - stopset)
        need = int(msm * nterms) if msm and nterms > 3 else 0
        for m in enq.get_mset(0, 1000):
            if need and sum(1 for t in enq.matching_terms(m)
                            if t.startswith(b"Z") and t[1:2].islower()) < need:
                continue
            d = ids.get(m.docid)
            if d is None:
                d = Path(json.loads(m.document.get_data())["path"]).stem
                ids[m.docid] = d
            ranking.append(d)
        aps[qid] = ir.measures(ranking, rel)["map"]
    return sum(aps.values()) / len(aps), aps


class ExpandZ(xapian.ExpandDecider):
    """Expansion terms: unprefixed free-text stems only (Z + lower-case)."""
    def __call__(self, term):
        t = term.decode() if isinstance(term, bytes) else term
        return len(t) > 2 and t[0] == "Z" and t[1].islower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--work", default="/tmp/ndx-tune")
    ap.add_argument("--ir-eval", default=str(ROOT.parent / "shared" / "tools" / "ir-eval"))
    ap.add_argument("-c", "--collections", default="cisi,cran,cacm,med,adi")
    ap.add_argument("configs", nargs="+")
    a = ap.parse_args()
    ir = load_ir_eval(a.ir_eval)
    work = Path(a.work)
    build = Path(a.build).resolve()
    colls = [ir.load(c, ir.DATA) for c in a.collections.split(",")]
    dbs = {c.name: build_index(ir, c, work, build) for c in colls}
    print("| config | " + " | ".join(c.label for c in colls) + " | mean |")
    print("|---|" + "---:|" * (len(colls) + 1))
    for s in a.configs:
        cfg = parse_config(s)
        maps = [run(ir, c, dbs[c.name], cfg)[0] for c in colls]
        print(f"| {s} | " + " | ".join(f"{m:.4f}" for m in maps) + f" | {sum(maps)/len(maps):.4f} |",
              flush=True)


if __name__ == "__main__":
    main()
