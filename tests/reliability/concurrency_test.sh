#!/usr/bin/env bash
# Concurrent use: searches run while ndx-index writes (each must succeed and be
# self-consistent), a second indexer on the same database is refused with exit 1, and
# the index is intact afterwards.
#   concurrency_test.sh BUILD_DIR [ARTICLES]
set -u
build=$1
articles=${2:-4000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
python3 "$here/make_corpus.py" "$tmp/corpus" "$articles"
"$build/ndx-index" -q --batch 20 --db "$tmp/db" "$tmp/corpus/d02"   # something to search

fail=0
"$build/ndx-index" -q --progress --batch 20 --full -j 1 --db "$tmp/db" "$tmp/corpus" 2>"$tmp/writer.err" &
writer=$!
# its progress line shows once it holds the lock and writes (a fixed sleep raced with its
# start on a loaded machine)
for _ in $(seq 200); do [ -s "$tmp/writer.err" ] && break; sleep 0.05; done
# a second indexer must be refused while the first holds the lock
"$build/ndx-index" -q --db "$tmp/db" "$tmp/corpus/d01" 2>"$tmp/second.err"
code=$?
if [ "$code" != 1 ] || ! grep -q "locked by another indexer" "$tmp/second.err"; then
  echo "second indexer: exit $code, $(cat "$tmp/second.err")"; fail=$((fail + 1))
else
  echo "second indexer refused: $(cat "$tmp/second.err")"
fi
queries=0
while kill -0 "$writer" 2>/dev/null; do
  for q in ndxcorpus Karachi '"talks resumed"' 'floods AND markets'; do
    out=$("$build/ndx-search" --db "$tmp/db" --json --limit 5 "$q" 2>"$tmp/search.err")
    code=$?
    queries=$((queries + 1))
    if [ "$code" != 0 ]; then
      echo "search '$q' during indexing: exit $code: $(cat "$tmp/search.err")"; fail=$((fail + 1))
      continue
    fi
    # self-consistent: the date histogram and undated count add up to the total
    echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["facets"]
assert d["total_exact"]
assert sum(b["count"] for b in f["date"]) + f["undated"] == d["total"], "date counts"
assert len(d["hits"]) == min(5, d["total"]), "hits"
' || { echo "search '$q' during indexing: inconsistent result"; fail=$((fail + 1)); }
  done
done
wait "$writer" || { echo "indexer failed"; fail=$((fail + 1)); }
xapian-check "$tmp/db" >/dev/null || { echo "xapian-check failed"; fail=$((fail + 1)); }
echo "queries during indexing: $queries"
echo "$((queries + 2 - fail)) passed, $fail failed"
[ "$fail" = 0 ]
