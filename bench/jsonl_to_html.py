#!/usr/bin/env python3
"""Write every article of a JSON Lines file as its own HTML file, for omindex.

Usage: jsonl_to_html.py ARTICLES.jsonl OUT_DIR
Files go to OUT_DIR/<n // 1000>/<id>.html: the title in <title>, the text in <body>, one
<p> per line, HTML-escaped.  The files are temporary input for the benchmark only.
"""

import html
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    src, out = sys.argv[1], sys.argv[2]
    n = 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            sub = os.path.join(out, "%03d" % (n // 1000))
            if n % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            body = "\n".join("<p>%s</p>" % html.escape(p) for p in rec["text"].split("\n"))
            page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    "<title>%s</title></head>\n<body>\n%s\n</body></html>\n"
                    % (html.escape(rec.get("title", "")), body))
            name = "".join(c if c.isalnum() or c in "-_" else "_" for c in rec["id"])
            with open(os.path.join(sub, name + ".html"), "w", encoding="utf-8") as o:
                o.write(page)
            n += 1
    print("jsonl_to_html: %d files in %s" % (n, out), file=sys.stderr)


if __name__ == "__main__":
    main()
