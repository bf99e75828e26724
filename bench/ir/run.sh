#!/bin/sh
# Ranking quality of ndx against SQLite FTS5's bm25 and Xapian's default BM25 on the classic
# test collections with relevance judgments, in one run of ir-eval (see docs/ranking.md).
#   bench/ir/run.sh [BUILD_DIR] [IR_EVAL_OPTION...]
# e.g. bench/ir/run.sh build -c cran,cisi --json /tmp/ir.json
# Extra ndx-search options for the run (e.g. --any) go in NDX_SEARCH_OPTS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$root/$build ;; esac
ir_eval=${IR_EVAL:-$root/../shared/tools/ir-eval}
exec ${PYTHON:-/usr/bin/python3} "$ir_eval" -s sqlite-fts5,xapian-bm25 --cmd-name ndx --ok-codes 0,3 \
    --index-cmd "$build/ndx-index --db {db} {corpus}" \
    --search-cmd "$build/ndx-search --db {db} --json --no-facets --no-snippets ${NDX_SEARCH_OPTS:-} --limit {limit} {query}" \
    --paired ndx,sqlite-fts5 "$@"
