#!/usr/bin/env bash
# ndx-serve under load on Reuters-21578, against one ndx-search process per request, in
# one run: see bench/README.md ("ndx-serve under load").
#
#   bench/serve_bench.sh [CORPUS_DIR]          (default /work/shared/data/reuters21578)
#
# Environment (all optional):
#   NDX_BUILD   build directory with ndx-index, ndx-search and ndx-serve (default: build)
#   CLIENTS     concurrent clients, one run each (default "1 4 16")
#   DURATION    seconds per run (default 10)
#   UPDATE_ARTICLES  articles the update adds, then removes (default 4000, committed
#               every 500)
#   BENCH_WORK  scratch directory (default: a new /tmp/ndx-serve-bench.XXXXXX, removed at
#               the end unless KEEP_WORK=1)
#   BENCH_OUT   where serve-results.tsv and serve-report.md go (default: BENCH_WORK/results,
#               copied to /tmp/ndx-serve-bench-results-<date> when BENCH_WORK is removed)
#
# Runs, with the searches of bench/queries.txt (each as proc_bench.py runs it: --json
# --limit 10 --date-interval month and its facet filters):
#   1. ndx-serve, keep-alive HTTP clients, for each CLIENTS count
#   2. one ndx-search process per request, for each CLIENTS count
#   3. ndx-serve with the largest CLIENTS count for as long as ndx-index runs, adding
#      UPDATE_ARTICLES articles (copies of the collection's, with new ids) to the index in
#      commits of 500, then
#   4. one process per request, the same, while ndx-index removes that copy again.
# Every answer must be a 200 with a search result (or exit status 0): errors are counted.
set -euo pipefail

CORPUS=${1:-/work/shared/data/reuters21578}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
BUILD=${NDX_BUILD:-$REPO/build}
CLIENTS=${CLIENTS:-"1 4 16"}
DURATION=${DURATION:-10}
QUERIES=$HERE/queries.txt

die() { echo "serve_bench.sh: $*" >&2; exit 1; }
[[ -d $CORPUS ]] || die "no corpus directory $CORPUS"
for b in ndx-index ndx-search ndx-serve; do
  [[ -x $BUILD/$b ]] || die "$BUILD/$b missing: cmake -S $REPO -B $BUILD && cmake --build $BUILD"
done
command -v python3 >/dev/null || die "python3 missing"
pkg-config --exists cpp-httplib || die "libcpp-httplib-dev missing"

CLEAN=0
if [[ -z ${BENCH_WORK:-} ]]; then
  WORK=$(mktemp -d /tmp/ndx-serve-bench.XXXXXX)
  [[ ${KEEP_WORK:-0} == 1 ]] || CLEAN=1
else
  WORK=$BENCH_WORK
  mkdir -p "$WORK"
fi
OUT=${BENCH_OUT:-$WORK/results}
mkdir -p "$OUT"
T0=$(date +%s)
log() { printf '[%4ds] %s\n' $(( $(date +%s) - T0 )) "$*" >&2; }
SERVER_PID=
INDEX_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
  [[ -n $INDEX_PID ]] && kill "$INDEX_PID" 2>/dev/null || true
  if [[ $CLEAN == 1 ]]; then
    local keep=/tmp/ndx-serve-bench-results-$(date -u +%Y%m%dT%H%M%SZ)
    cp -r "$OUT" "$keep" 2>/dev/null && log "results kept in $keep"
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

LOAD_START=$(uptime | sed 's/.*load average: //')
log "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(uptime | sed 's/.*load/load/')"
log "converting $CORPUS to JSON Lines (the collection, and a second copy for the update)"
mkdir -p "$WORK/corpus"
python3 "$HERE/reuters_to_jsonl.py" "$CORPUS" "$WORK/corpus/r1.jsonl" >/dev/null
python3 "$HERE/reuters_to_jsonl.py" "$CORPUS" "$WORK/r2-all.jsonl" --replicas 2 >/dev/null
grep '"replica": 2' "$WORK/r2-all.jsonl" | head -n "${UPDATE_ARTICLES:-4000}" > "$WORK/copy2.jsonl" || true
rm "$WORK/r2-all.jsonl"
log "ndx-index: $(wc -l < "$WORK/corpus/r1.jsonl") articles"
"$BUILD/ndx-index" --quiet --db "$WORK/db" "$WORK/corpus"

log "compiling the load generator (bench/serve_bench.cc)"
# shellcheck disable=SC2046
c++ -O2 -std=c++20 -o "$WORK/serve_bench" "$HERE/serve_bench.cc" $(pkg-config --cflags --libs cpp-httplib) -pthread

"$BUILD/ndx-serve" --db "$WORK/db" --listen 127.0.0.1:0 2> "$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 100); do
  PORT=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.log")
  [[ -n $PORT ]] && break
  sleep 0.1
done
[[ -n ${PORT:-} ]] || die "ndx-serve did not start: $(cat "$WORK/serve.log")"
log "ndx-serve on port $PORT"

RESULTS=$OUT/serve-results.tsv
printf 'phase\tmode\tclients\trequests\tseconds\trps\tp50_ms\tp99_ms\tmax_ms\terrors\n' > "$RESULTS"
run() {  # phase mode clients [span]
  local phase=$1 mode=$2 n=$3 span=${4:-$DURATION} line
  if [[ $mode == http ]]; then
    line=$("$WORK/serve_bench" http 127.0.0.1 "$PORT" "$QUERIES" "$n" "$span")
  else
    line=$("$WORK/serve_bench" spawn "$BUILD/ndx-search" "$WORK/db" "$QUERIES" "$n" "$span")
  fi
  printf '%s\t%s\n' "$phase" "$line" >> "$RESULTS"
  log "$phase $line"
}
# warm the page cache and every search thread once
"$WORK/serve_bench" http 127.0.0.1 "$PORT" "$QUERIES" 4 2 >/dev/null
for n in $CLIENTS; do run steady http "$n"; done
for n in $CLIENTS; do run steady spawn "$n"; done

MAXC=$(echo "$CLIENTS" | tr ' ' '\n' | sort -n | tail -1)
index_while() {  # mode: load for as long as ndx-index runs on the corpus directory
  local mode=$1
  "$BUILD/ndx-index" --quiet --batch 500 --db "$WORK/db" "$WORK/corpus" &
  INDEX_PID=$!
  run update "$mode" "$MAXC" "while:$INDEX_PID"
  wait "$INDEX_PID" || die "ndx-index failed during the update"
  INDEX_PID=
}
COPY=$(wc -l < "$WORK/copy2.jsonl")
log "ndx-index adds a second copy ($COPY articles) while ndx-serve answers"
mv "$WORK/copy2.jsonl" "$WORK/corpus/"
index_while http
ARTICLES=$(curl -s "http://127.0.0.1:$PORT/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
log "ndx-serve now sees $ARTICLES articles"
rm "$WORK/corpus/copy2.jsonl"
log "ndx-index removes the copy while ndx-search processes answer"
index_while spawn
ARTICLES2=$(curl -s "http://127.0.0.1:$PORT/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
log "ndx-serve now sees $ARTICLES2 articles"

{
  echo "# ndx-serve under load"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)),"
  echo "Reuters-21578 ($(wc -l < "$WORK/corpus/r1.jsonl") articles), the $(grep -cv '^\s*\(#\|$\)' "$QUERIES") searches of bench/queries.txt in turn,"
  echo "${DURATION} s per row; commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "| phase | how | clients | requests/s | p50 ms | p99 ms | max ms | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$RESULTS" | while IFS=$'\t' read -r phase mode c req secs rps p50 p99 max err; do
    how=$([[ $mode == http ]] && echo "ndx-serve" || echo "ndx-search process per request")
    [[ $phase == update ]] && phase="during ndx-index"
    echo "| $phase | $how | $c | $rps | $p50 | $p99 | $max | $err |"
  done
  echo
  echo "Requests/s, ndx-serve ÷ one ndx-search process per request, same clients and phase:"
  awk -F'\t' 'NR > 1 { k = ($1 == "update" ? "during ndx-index" : "steady") ", " $3 " clients"
                       if ($2 == "http") h[k] = $6; else p[k] = $6
                       if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
       END { out = ""
             for (i = 1; i <= n; i++) { k = order[i]
               if ((k in h) && (k in p) && p[k] > 0) out = out (out == "" ? "" : "; ") sprintf("%s %.1f×", k, h[k] / p[k]) }
             print out "." }' "$RESULTS"
  echo
  echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(uptime | sed 's/.*load average: //')."
  echo
  echo "update: ndx-index adding $COPY articles (ndx-serve then saw $ARTICLES), then removing them (ndx-serve then saw $ARTICLES2)."
} > "$OUT/serve-report.md"
cat "$OUT/serve-report.md"
