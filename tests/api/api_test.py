#!/usr/bin/env python3
"""ndx-serve's JSON API against ndx-search --json, its HTTP behaviour and its command line.

Usage: api_test.py BUILD_DIR   (run from the source directory)
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import http.client

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from serve_helper import Server  # noqa: E402

build = os.path.abspath(sys.argv[1])
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


# (ndx-search arguments, the same search as API parameters)
SEARCHES = [
    (["TTP", "sanctuaries"], [("q", "TTP sanctuaries")]),
    (["--limit", "2", "--offset", "1", "Pakistan"], [("q", "Pakistan"), ("limit", "2"), ("offset", "1")]),
    (["--speaker", "miller", "TTP"], [("q", "TTP"), ("speaker", "miller")]),
    (["--speaker", "Matthew Miller", "--speaker", "Asim Munir"],
     [("speaker", "Matthew Miller"), ("speaker", "Asim Munir")]),
    (["--location", "Balochistan", "--exclude-group", "Al-Qaeda"],
     [("location", "Balochistan"), ("exclude-group", "Al-Qaeda")]),
    (["--group", "TTP", "--exclude-speaker", "Matthew Miller", "terrorism"],
     [("q", "terrorism"), ("group", "TTP"), ("exclude-speaker", "Matthew Miller")]),
    (["--exclude-location", "India", "Taliban"], [("q", "Taliban"), ("exclude-location", "India")]),
    (["--from", "2023-06", "--to", "2023-12", "Pakistan"],
     [("q", "Pakistan"), ("from", "2023-06"), ("to", "2023-12")]),
    (["--undated", "Pakistan"], [("q", "Pakistan"), ("undated", "1")]),
    (["--sort", "date", "Pakistan"], [("q", "Pakistan"), ("sort", "date")]),
    (["--sort", "-date", "--location", "Pakistan"], [("location", "Pakistan"), ("sort", "-date")]),
    (["--facet-limit", "2", "--facet-order", "name", "Pakistan"],
     [("q", "Pakistan"), ("facet-limit", "2"), ("facet-order", "name")]),
    (["--location-level", "country", "Pakistan"], [("q", "Pakistan"), ("location-level", "country")]),
    (["--location-level", "province", "--date-interval", "day", "Pakistan"],
     [("q", "Pakistan"), ("location-level", "province"), ("date-interval", "day")]),
    (["--date-interval", "year", "TTP"], [("q", "TTP"), ("date-interval", "year")]),
    (["--no-facets", "TTP"], [("q", "TTP"), ("no-facets", "1")]),
    (["--no-snippets", "TTP"], [("q", "TTP"), ("no-snippets", "1")]),
    (["--quotes", "extremism"], [("q", "extremism"), ("quotes", "1")]),
    (["--quotes", "--speaker", "Vedant Patel"], [("speaker", "Vedant Patel"), ("quotes", "1")]),
    (["--explain", "Zhob"], [("q", "Zhob"), ("explain", "1")]),
    (["speaker:miller said:extremism"], [("q", "speaker:miller said:extremism")]),
    (["group:TTP AND location:Zhob"], [("q", "group:TTP AND location:Zhob")]),
    (['"violent extremism"'], [("q", '"violent extremism"')]),
    (["sanctuaries NEAR/8 TTP"], [("q", "sanctuaries NEAR/8 TTP")]),
    (["sanction*"], [("q", "sanction*")]),
    (["zzzznothing"], [("q", "zzzznothing")]),
    (["--speaker", "miller", "zzzznothing"], [("q", "zzzznothing"), ("speaker", "miller")]),
]

# (ndx-search arguments that fail, API parameters): same message, HTTP 400
ERRORS = [
    (["--speaker", "nobodyatall", "TTP"], [("q", "TTP"), ("speaker", "nobodyatall")]),
    (["--limit", "x", "TTP"], [("q", "TTP"), ("limit", "x")]),
    (["--from", "2023-13", "TTP"], [("q", "TTP"), ("from", "2023-13")]),
    (["--sort", "up", "TTP"], [("q", "TTP"), ("sort", "up")]),
    (["--location-level", "street", "TTP"], [("q", "TTP"), ("location-level", "street")]),
    (["--from", "2023-12", "--to", "2023-01", "TTP"], [("q", "TTP"), ("from", "2023-12"), ("to", "2023-01")]),
    (["--undated", "--from", "2023", "TTP"], [("q", "TTP"), ("undated", "1"), ("from", "2023")]),
    (["--facet-order", "size", "TTP"], [("q", "TTP"), ("facet-order", "size")]),
]


def get(path, params=(), method="GET", headers=None, body=None):
    url = server.url + path + ("?" + urllib.parse.urlencode(list(params)) if params else "")
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def ndx_search(args):
    p = subprocess.run([os.path.join(build, "ndx-search"), "--db", server.db, "--json", *args],
                       capture_output=True, text=True, env=server.env)
    return p.returncode, p.stdout, p.stderr


inputs = ["sample-corpus", "tests/data/articles", "tests/browser/data"]
server = Server(build, inputs, os.getcwd())
try:
    # --- the same JSON as ndx-search --json ------------------------------------------
    for args, params in SEARCHES:
        code, out, err = ndx_search(args)
        status, headers, body = get("/api/search", params)
        same = code == 0 and status == 200 and json.loads(out) == json.loads(body)
        check(same, "search %s: same JSON as ndx-search %s" % (params, args))
        if not same:
            print("  ndx-search exit %d %s\n  ndx-serve %d %s" % (code, err.strip(), status, body[:300]))
    for args, params in ERRORS:
        code, out, err = ndx_search(args)
        status, headers, body = get("/api/search", params)
        msg = json.loads(body).get("error") if body.startswith(b"{") else None
        check(code == 2 and status == 400 and err.strip() == "ndx-search: " + str(msg),
              "error %s: 400 with ndx-search's message (%r)" % (params, msg))

    # --- the views: the same JSON as ndx-search --timeline/--pivot/--values -----------
    VIEWS = [
        (["--timeline", "location", "--location", "Pakistan"],
         "/api/timeline", [("facet", "location"), ("location", "Pakistan")]),
        (["--timeline", "speaker", "--date-interval", "year", "TTP"],
         "/api/timeline", [("facet", "speaker"), ("date-interval", "year"), ("q", "TTP")]),
        (["--pivot", "location,group", "--facet-limit", "5"],
         "/api/pivot", [("facets", "location,group"), ("facet-limit", "5")]),
        (["--values", "group", "--prefix", "tal", "--facet-limit", "20"],
         "/api/values", [("facet", "group"), ("prefix", "tal"), ("facet-limit", "20")]),
        (["--any", "Miller sanctuaries"], "/api/search", [("q", "Miller sanctuaries"), ("any", "1")]),
    ]
    for args, route, params in VIEWS:
        code, out, err = ndx_search(args)
        status, headers, body = get(route, params)
        same = code == 0 and status == 200 and json.loads(out) == json.loads(body)
        check(same, "%s %s: same JSON as ndx-search %s" % (route, params, args))
        if not same:
            print("  ndx-search exit %d %s\n  ndx-serve %d %s" % (code, err.strip(), status, body[:300]))
    # --batch: the queries of a file, as repeated query parameters (the "file" aside)
    batch_lines = ["TTP", "Miller sanctuaries", "title:", "location:Kenya"]
    batch_file = os.path.join(server.tmp, "batch.txt")
    with open(batch_file, "w") as f:
        f.write("\n".join(batch_lines) + "\n")
    code, out, err = ndx_search(["--batch", batch_file])
    status, headers, body = get("/api/batch", [("query", q) for q in batch_lines])
    cli, api = json.loads(out), json.loads(body) if status == 200 else {}
    cli.pop("file", None)
    api.pop("file", None)
    check(status == 200 and cli == api and len(api.get("queries", [])) == 4,
          "/api/batch: same JSON as ndx-search --batch (exit %d, HTTP %d)" % (code, status))
    status, headers, body = get("/api/pivot", [("facets", "location")])
    check(status == 400 and b"FACET1,FACET2" in body, "pivot with one facet: 400")
    status, headers, body = get("/api/timeline", [("facet", "people")])
    check(status == 400 and b"not one of speaker, location, group" in body, "timeline of no facet: 400")

    # --- highlight marks, limits ---------------------------------------------------------
    status, _, body = get("/api/search", [("q", "TTP"), ("highlight", "1")])
    snippets = [h["snippet"] for h in json.loads(body)["hits"]]
    check(status == 200 and sum("\u0002TTP\u0003" in s for s in snippets) >= 3 and
      all(s.count("\u0002") == s.count("\u0003") for s in snippets),
          "highlight=1 marks matches with STX/ETX")
    for params, what in [([("q", "x" * 1025)], "a query over 1024 bytes"),
                         ([("q", "TTP"), ("limit", "101")], "a page over 100"),
                         ([("q", "TTP"), ("offset", "10001")], "an offset over 10000"),
                         ([("q", "TTP"), ("facet-limit", "1001")], "a facet limit over 1000"),
                         ([("q", "TTP"), ("bogus", "1")], "an unknown parameter"),
                         ([("q", "TTP"), ("quotes", "maybe")], "a flag that is not 1 or 0"),
                         ([("q", "a\udcff".encode("utf-8", "surrogateescape"))], "a query that is not UTF-8")]:
        status, headers, body = get("/api/search", params)
        check(status == 400 and "error" in json.loads(body), "%s is refused with 400" % what)
    status, _, body = get("/api/search")
    check(status == 200 and json.loads(body)["total"] == json.loads(get("/api/stats")[2])["articles"],
          "an empty search lists every article")

    # --- article, facet values, stats ------------------------------------------------
    hit = json.loads(get("/api/search", [("q", "sanctuaries"), ("limit", "1")])[2])["hits"][0]
    status, _, body = get("/api/article", [("id", hit["id"])])
    art = json.loads(body)
    check(status == 200 and art["id"] == hit["id"] and art["title"] == hit["title"], "article by id")
    spans = [e for f in art["facets"].values() for v in f for e in v["evidence"] if "start" in e]
    check(spans and all(art["text"][e["start"]:e["start"] + e["length"]] == e["text"] for e in spans),
          "evidence spans index the text in characters (%d spans)" % len(spans))
    check(all(art["text"].encode()[e["byte_start"]:e["byte_start"] + e["byte_length"]].decode() == e["text"]
              for e in spans), "evidence spans index the text in bytes")
    check(len(art["statements"]) > 0 and all(s["speaker"] for s in art["statements"]),
          "the article's statements")
    dump = subprocess.run([os.path.join(build, "ndx-index"), "--dump", hit["path"]], capture_output=True,
                          text=True, check=True).stdout
    dumped = json.loads(dump.splitlines()[0])
    for f in ("speaker", "location", "group"):
        check(sorted(v["value"] for v in art["facets"][f]) == sorted(dumped[f]),
              "article %s values are the indexer's" % f)
    status, _, body = get("/api/article", [("id", "no/such/article")])
    check(status == 404 and "no article" in json.loads(body)["error"], "unknown article: 404")
    status, _, body = get("/api/article")
    check(status == 400, "article without id: 400")

    status, _, body = get("/api/facets", [("facet", "speaker"), ("prefix", "mil")])
    fv = json.loads(body)
    check(status == 200 and [v["value"] for v in fv["facets"]["speaker"]][:1] == ["Matthew Miller"],
          "facet values by prefix: mil -> Matthew Miller")
    browse = json.loads(get("/api/search", [("speaker", "Matthew Miller"), ("limit", "0")])[2])
    check(fv["facets"]["speaker"][0]["count"] == browse["total"],
          "the suggestion's count is the number of articles it selects")
    status, _, body = get("/api/facets", [("prefix", "paki"), ("q", "TTP")])
    fv = json.loads(body)
    check(any(v["value"] == "Pakistan" for v in fv["facets"]["location"]) and
          all("paki" in v["value"].lower() for f in fv["facets"].values() for v in f),
          "prefix over every facet, within a search")
    status, _, body = get("/api/facets", [("facet", "colour")])
    check(status == 400, "unknown facet: 400")
    stats = json.loads(get("/api/stats")[2])
    check(stats["articles"] > 5 and stats["values"]["speaker"] > 0 and stats["search_format_version"] == json.loads(ndx_search(["TTP"])[1])["format_version"],
          "stats: %d articles" % stats["articles"])

    # --- HTTP behaviour ----------------------------------------------------------------
    status, headers, body = get("/")
    check(status == 200 and b"<title>ndx</title>" in body and headers["Content-Type"].startswith("text/html"),
          "the page is served at /")
    csp = headers.get("Content-Security-Policy", "")
    check("default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp,
          "Content-Security-Policy header")
    check(headers.get("X-Content-Type-Options") == "nosniff", "nosniff header")
    for path in ("/app.js", "/style.css"):
        check(get(path)[0] == 200, path + " is served")
    status, headers, body = get("/api/stats", method="HEAD")
    check(status == 200 and body == b"" and int(headers["Content-Length"]) > 0, "HEAD: headers, no body")
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, headers, _ = get("/api/search", method=method, body=b"q=x")
        check(status == 405 and headers.get("Allow") == "GET, HEAD", method + ": 405 with Allow")
    status, headers, _ = get("/", method="OPTIONS")
    check(status == 204 and headers.get("Allow") == "GET, HEAD", "OPTIONS: 204 with Allow")
    for path in ("/nope", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/", "/static/", "/index.html/.."):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", path)
        r = conn.getresponse()
        data = r.read()
        check(r.status in (400, 404) and b"root:" not in data, "no file outside the page: %s -> %d" % (path, r.status))
        conn.close()
    status, _, _ = get("/api/search", [("q", "x" * 9000)])
    check(status == 414, "an oversize request line: 414 (got %d)" % status)
    status, _, _ = get("/api/search", method="POST", body=b"x" * 200000)
    check(status in (405, 413), "an oversize body: refused (got %d)" % status)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"BREW /api/stats HTTP/1.1\r\nHost: x\r\n\r\n")
        line = s.recv(200).split(b"\r\n")[0]
    check(line.startswith(b"HTTP/1.1 4") or line.startswith(b"HTTP/1.1 5"), "an unknown method: %s" % line.decode())

    # --- a new commit is seen without a restart ------------------------------------------
    before = json.loads(get("/api/search", [("q", "quokka")])[2])["total"]
    more = tempfile.mkdtemp(prefix="ndx-serve-more-")
    with open(os.path.join(more, "quokka.txt"), "w") as f:
        f.write("date 2024-02-02\nA quokka in Islamabad\n\nA quokka was seen in Islamabad on Friday.\n")
    subprocess.run([os.path.join(build, "ndx-index"), "--quiet", "--db", server.db, *inputs, more],
                   env=server.env, check=True)
    after = [json.loads(get("/api/search", [("q", "quokka")])[2])["total"] for _ in range(6)]
    check(before == 0 and after == [1] * 6, "a new commit is seen by every search thread: %s" % after)
    shutil.rmtree(more)

    # --- searches while ndx-index commits, many times: no error, totals only grow ---------
    import threading
    corpus = tempfile.mkdtemp(prefix="ndx-serve-corpus-")
    subprocess.run([sys.executable, "tests/reliability/make_corpus.py", corpus, "600"], check=True,
                   stdout=subprocess.DEVNULL)
    indexer = subprocess.Popen([os.path.join(build, "ndx-index"), "--quiet", "--batch", "25", "--db",
                                server.db, *inputs, corpus], env=server.env)
    seen, bad = [], []

    def client(k):
        while indexer.poll() is None:
            params = [("q", "ndxcorpus"), ("limit", "3")] if k % 2 else [("speaker", "Matthew Miller")]
            status, _, body = get("/api/search", params)
            if status != 200:
                bad.append((status, body[:200]))
            elif k % 2:
                seen.append(json.loads(body)["total"])

    clients = [threading.Thread(target=client, args=(k,)) for k in range(4)]
    for t in clients:
        t.start()
    for t in clients:
        t.join()
    check(indexer.wait() == 0, "ndx-index ran beside the searches")
    final = json.loads(get("/api/search", [("q", "ndxcorpus"), ("limit", "0")])[2])["total"]
    check(not bad, "no error in %d searches during %d commits: %s" % (len(seen) * 2, 600 // 25, bad[:2]))
    check(len(set(seen)) > 1 and final == 600,
          "the searches followed the commits (%d distinct totals, then %d)" % (len(set(seen)), final))
    shutil.rmtree(corpus)
    check("facet_table" in get("/api/stats")[2].decode() and json.loads(get("/api/stats")[2])["facet_table"],
          "the rewritten facet table is used again")
finally:
    server.close()

# --- the command line ---------------------------------------------------------------------
serve = os.path.join(build, "ndx-serve")
env = dict(os.environ, HOME=tempfile.mkdtemp(prefix="ndx-home-"))
env.pop("NDX_DB", None)
env.pop("XDG_DATA_HOME", None)
p = subprocess.run([serve, "--help"], capture_output=True, text=True)
check(p.returncode == 0 and "Usage: ndx-serve" in p.stdout and "--listen" in p.stdout, "--help")
p = subprocess.run([serve, "--version"], capture_output=True, text=True)
check(p.returncode == 0 and p.stdout.startswith("ndx-serve "), "--version")
p = subprocess.run([serve, "--bogus"], capture_output=True, text=True)
check(p.returncode == 2 and "ndx-serve:" in p.stderr, "an unknown option: exit 2")
p = subprocess.run([serve, "--listen", "nowhere"], capture_output=True, text=True, env=env)
check(p.returncode == 2 and "--listen" in p.stderr, "a bad --listen: exit 2")
p = subprocess.run([serve], capture_output=True, text=True, env=env, timeout=20)
check(p.returncode == 2 and "no index at" in p.stderr and "ndx-index" in p.stderr,
      "no index: exit 2 naming ndx-index (%s)" % p.stderr.strip())

server = Server(build, ["sample-corpus"], os.getcwd())
try:
    p = subprocess.run([serve, "--db", server.db, "--listen", "127.0.0.1:%d" % server.port],
                       capture_output=True, text=True, timeout=20)
    check(p.returncode == 1 and "already in use" in p.stderr, "port taken: exit 1 (%s)" % p.stderr.strip())
    # SIGTERM as soon as it has warned (before it listens, maybe), and once it serves
    for wait_for_serving in (False, True):
        wide = subprocess.Popen([serve, "--db", server.db, "--listen", "0.0.0.0:0"],
                                stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            line = wide.stderr.readline()
            if wait_for_serving:
                wide.stderr.readline()
            wide.terminate()
            code = wide.wait(10)
        except subprocess.TimeoutExpired:
            wide.kill()
            code = wide.wait()
        check("warning" in line and "no authentication" in line, "another address than loopback warns")
        check(code == 0, "SIGTERM stops it with exit 0 (%s it serves)" % ("once" if wait_for_serving else "before"))
    # the index removed while serving: 503, then served again once it is back
    moved = server.db + ".moved"
    os.rename(server.db, moved)
    status, _, body = get("/api/search", [("q", "TTP"), ("limit", "0")])
    os.rename(moved, server.db)
    check(status in (200, 503), "an index moved away while serving: %d" % status)
    status, _, body = get("/api/search", [("q", "TTP"), ("limit", "0")])
    check(status == 200, "served again once it is back")
finally:
    server.close()

# --- a shard set, and shards served by xapian-tcpsrv: the same answers as ndx-search -------
tmp = tempfile.mkdtemp(prefix="ndx-serve-shards-")
shards = os.path.join(tmp, "shards")
subprocess.run([os.path.join(build, "ndx-index"), "--quiet", "--shards", "2", "--db", shards,
                "sample-corpus", "tests/data/articles"], check=True)
targets = [("shard set", [shards])]
tcpsrv = shutil.which("xapian-tcpsrv")
servers = []
if tcpsrv:
    urls = []
    for k in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # its own session: xapian-tcpsrv signals its whole process group when it stops
        servers.append(subprocess.Popen([tcpsrv, "--quiet", "--interface", "127.0.0.1", "--port",
                                         str(port), os.path.join(shards, "shard-%d" % k)],
                                        start_new_session=True, stderr=subprocess.DEVNULL))
        urls.append("tcp://127.0.0.1:%d" % port)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
    targets.append(("remote shards", urls))
try:
    for label, dbs in targets:
        args = [a for d in dbs for a in ("--db", d)]
        p = subprocess.Popen([serve, *args, "--listen", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)
        try:
            line = p.stderr.readline()
            port = int(line.rsplit(":", 1)[1].strip("/\n"))
            for cli, params in SEARCHES[:6]:
                want = subprocess.run([os.path.join(build, "ndx-search"), *args, "--json", *cli],
                                      capture_output=True, text=True).stdout
                with urllib.request.urlopen("http://127.0.0.1:%d/api/search?%s"
                                            % (port, urllib.parse.urlencode(params)), timeout=30) as r:
                    got = r.read()
                check(json.loads(want) == json.loads(got), "%s %s: same JSON as ndx-search" % (label, params))
        finally:
            p.terminate()
            p.wait(10)
finally:
    for srv in servers:
        srv.terminate()
        srv.wait(10)
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all API checks passed")
