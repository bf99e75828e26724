#!/usr/bin/env python3
"""Keys JSON Lines records of an `ndx-index --dump` as FILE.jsonl#LINE, as the gold does."""
import json
import sys

for line in sys.stdin:
    if not line.strip():
        continue
    doc = json.loads(line)
    if doc.get("line"):
        doc["path"] = f'{doc["path"]}#{doc["line"]}'
    print(json.dumps(doc))
