#!/usr/bin/env python3
"""Scale-out on Xapian's remote backend, on loopback.

Indexes the same articles into one database and into a two-shard set, serves each shard
with xapian-tcpsrv on 127.0.0.1 (free ports), and checks that ndx-search over the two
remote shards (and over the local shard set) gives the same totals, hits and every facet
count as the single database, for queries with filters.  Then stops one server and checks
the message (the shard is named, exit 1) and --allow-partial.

usage: remote_test.py BUILD_DIR ARTICLE_DIR...
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import functools
import time

print = functools.partial(print, flush=True)

CASES = [
    ["TTP"],
    ["TTP sanctuaries"],
    ["--location", "Pakistan", "attack"],
    ["--speaker", "miller"],
    ["--group", "Taliban", "--location-level", "country", "said"],
    ["--from", "2024-01", "--to", "2024-12", "bank"],
    ["--location", "Balochistan", "--exclude-group", "Tehreek-e-Taliban Pakistan"],
    ['"security forces"', "--date-interval", "year"],
    ["police", "--facet-order", "name"],
    ["--speaker", "Ishaq Dar"],
    ["--exclude-speaker", "Muhammad Ishaq Dar", "said"],
]

VIEW_CASES = [
    ["--timeline", "location"],
    ["--timeline", "group", "--date-interval", "year", "TTP"],
    ["--timeline", "speaker", "--speaker", "miller"],
    ["--timeline", "location", "--location", "Balochistan", "--location-level", "province"],
    ["--pivot", "location,group"],
    ["--pivot", "group,speaker", "attack"],
    ["--pivot", "location,location", "--location-level", "country"],
    ["--values", "group"],
    ["--values", "location", "--prefix", "is"],
    ["--values", "speaker", "--location", "Pakistan"],
    ["--timeline", "speaker", "--speaker", "ishaq dar"],
    ["--pivot", "speaker,location", "--location", "Pakistan"],
    ["--pivot", "location,speaker"],
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def search(build, dbs, args, check=True):
    cmd = [os.path.join(build, "ndx-search"), "--json", "--limit", "1000",
           "--facet-limit", "1000"]
    for db in dbs:
        cmd += ["--db", db]
    return subprocess.run(cmd + args, capture_output=True, text=True, check=check, timeout=60)


def normalise(out):
    d = json.loads(out)
    # scores compare to 6 digits; ties may come in another docid order across shards
    hits = sorted((-round(h["score"], 6), h["id"]) for h in d["hits"])
    return {"total": d["total"], "hits": hits, "facets": d["facets"]}


def wait_for(port):
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"xapian-tcpsrv did not start on port {port}")


def main(argv):
    build, corpora = argv[0], argv[1:]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        single, shards = os.path.join(tmp, "single"), os.path.join(tmp, "shards")
        index = os.path.join(build, "ndx-index")
        subprocess.run([index, "-q", "--db", single] + corpora, check=True)
        subprocess.run([index, "-q", "--shards", "2", "--db", shards] + corpora, check=True)
        servers, urls = [], []
        try:
            for k in range(2):
                port = free_port()
                servers.append(subprocess.Popen(
                    ["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
                     str(port), os.path.join(shards, f"shard-{k}")]))
                urls.append(f"tcp://127.0.0.1:{port}")
                wait_for(port)
            for args in CASES:
                want = normalise(search(build, [single], args).stdout)
                for label, dbs in (("remote", urls), ("local shards", [shards])):
                    got = normalise(search(build, dbs, args).stdout)
                    if got == want:
                        passed += 1
                        print(f"ok   {label}: {args}: {want['total']} hits, facets equal")
                    else:
                        failed += 1
                        print(f"FAIL {label}: {args}")
                        for k in want:
                            if got[k] != want[k]:
                                print(f"    {k}: got {got[k]}\n    want {want[k]}")
            # the views (timeline, pivot, values) over remote shards: per-row searches
            # through the one-value-per-slot layout; over the local set: one pass
            for args in VIEW_CASES:
                want = json.loads(search(build, [single], args).stdout)
                for label, dbs in (("remote", urls), ("local shards", [shards])):
                    got = json.loads(search(build, dbs, args).stdout)
                    if got == want:
                        passed += 1
                        print(f"ok   {label}: {args}: {want['total']} matches, view equal")
                    else:
                        failed += 1
                        print(f"FAIL {label}: {args}\n    got  {got}\n    want {want}")
            # a shard goes down
            servers[1].kill()
            servers[1].wait(timeout=10)
            r = search(build, urls, ["TTP"], check=False)
            if r.returncode == 1 and urls[1] in r.stderr and not r.stdout:
                passed += 1
                print(f"ok   shard down: exit 1: {r.stderr.strip()}")
            else:
                failed += 1
                print(f"FAIL shard down: exit {r.returncode}: {r.stderr.strip()}")
            r = search(build, urls, ["--allow-partial", "TTP"], check=False)
            partial = json.loads(r.stdout) if r.returncode == 0 else {}
            if r.returncode == 0 and urls[1] in r.stderr and \
                    any(urls[1] in n for n in partial.get("notes", [])):
                passed += 1
                print(f"ok   --allow-partial: {partial['total']} hits from one shard; "
                      f"{r.stderr.strip()}")
            else:
                failed += 1
                print(f"FAIL --allow-partial: exit {r.returncode}: {r.stderr.strip()}")
        finally:
            for s in servers:
                if s.poll() is None:
                    s.kill()
                    s.wait(timeout=10)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
