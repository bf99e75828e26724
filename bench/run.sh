#!/usr/bin/env bash
# ndx against its peers, in one run, on one machine and one corpus: see bench/README.md.
#
#   bench/run.sh [CORPUS_DIR]          (default /work/shared/data/reuters21578)
#
# Environment (all optional):
#   NDX_BUILD        build directory with ndx-index, ndx-search and bench/ (built with
#                    -DNDX_BENCH=ON); default: build-bench beside this script's directory
#   BENCH_WORK       scratch directory (JSON Lines, HTML files, indexes); default: a new
#                    /tmp/ndx-bench.XXXXXX, removed at the end unless KEEP_WORK=1
#   BENCH_OUT        where the raw numbers and report.md go; default: BENCH_WORK/results,
#                    copied to /tmp/ndx-bench-results-<date> when BENCH_WORK is removed
#   INDEX_RUNS       indexing runs per tool at 1x (default 3; the median is reported)
#   QUERY_PASSES     measured passes over the query set, in-process engines (default 20)
#   QUERY_CLOCK      how the in-process engines time a query: "wall" (default) or "cpu" (the
#                    CPU time of the thread running it: steadier on a machine shared with
#                    other work)
#   PROC_PASSES      measured runs per query, one process each (default 5)
#   SCALES           replica counts of the scaling run (default "1 4 16")
#   SCALE_PASSES     query passes in the scaling run above 1x (default 5)
#   SCALE_FILES      replica counts at which ndx-index also reads the collection as one JSON
#                    file per article (the other input shape: its peak memory and time);
#                    default none, e.g. "1 4"
#   NEW_NAMES        1: the copies of the scaling run give their names a suffix of their
#                    own (reuters_to_jsonl.py --new-names), so the vocabulary, the people
#                    and the organisations grow with the scale as in a real archive
#   SCALING_ONLY     1: only the scaling run (ndx alone at SCALES, 1x included, and
#                    SCALE_FILES), none of the peers: e.g. SCALING_ONLY=1 SCALES="1 16 64"
#                    (64x: about 1.4 million articles, 1.3 GB of JSON Lines and 6 GB of
#                    index in BENCH_WORK at its peak; 30 to 60 minutes on 2 cores)
#
# Nothing is written into the repository or beside the corpus.
set -euo pipefail

CORPUS=${1:-/work/shared/data/reuters21578}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
BUILD=${NDX_BUILD:-$REPO/build-bench}
INDEX_RUNS=${INDEX_RUNS:-3}
QUERY_PASSES=${QUERY_PASSES:-20}
QUERY_CLOCK=${QUERY_CLOCK:-wall}
PROC_PASSES=${PROC_PASSES:-5}
SCALES=${SCALES:-"1 4 16"}
SCALE_PASSES=${SCALE_PASSES:-5}
SCALE_FILES=${SCALE_FILES:-}
SCALING_ONLY=${SCALING_ONLY:-0}
NEW_NAMES=${NEW_NAMES:-0}
QUERIES=$HERE/queries.txt

die() { echo "run.sh: $*" >&2; exit 1; }
[[ -d $CORPUS ]] || die "no corpus directory $CORPUS"
NEED=(ndx-index bench/ndx_query_bench)
TOOLS=(python3 /usr/bin/time)
if [[ $SCALING_ONLY != 1 ]]; then
  NEED+=(ndx-search bench/xapian_plain bench/lucene_bench bench/sqlite_bench bench/ndx_views_bench)
  TOOLS+=(omindex quest xapian-delve)
fi
for b in "${NEED[@]}"; do
  [[ -x $BUILD/$b ]] || die "$BUILD/$b missing: cmake -S $REPO -B $BUILD -DNDX_BENCH=ON && cmake --build $BUILD"
done
for t in "${TOOLS[@]}"; do
  command -v "$t" >/dev/null || die "$t missing (apt-get install xapian-omega xapian-tools python3 time)"
done

CLEAN=0
if [[ -z ${BENCH_WORK:-} ]]; then
  WORK=$(mktemp -d /tmp/ndx-bench.XXXXXX)
  [[ ${KEEP_WORK:-0} == 1 ]] || CLEAN=1
else
  WORK=$BENCH_WORK
  mkdir -p "$WORK"
fi
OUT=${BENCH_OUT:-$WORK/results}
mkdir -p "$OUT/time" "$OUT/times" "$OUT/answers"
T0=$(date +%s)

log() { printf '[%4ds] %s\n' $(( $(date +%s) - T0 )) "$*" >&2; }

# ------------------------------------------------------------------ the machine
{
  echo "date	$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "uptime_start	$(uptime)"
  echo "cpu	$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "cores	$(nproc)"
  echo "memory	$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel	$(uname -sr)"
  echo "corpus	$CORPUS"
  # The commit of the sources the build was made from (not necessarily this checkout's).
  SRC=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt")
  echo "commit	$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$SRC" diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)') in $SRC"
  echo "build	$BUILD ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt"))"
  echo "packages	$(dpkg-query -W -f '${Package} ${Version}, ' libxapian30 xapian-omega liblucene++0v5 libsqlite3-0 2>/dev/null | sed 's/, $//')"
  echo "index_runs	$INDEX_RUNS"
  echo "query_passes	$QUERY_PASSES"
  echo "query_clock	$QUERY_CLOCK"
  echo "proc_passes	$PROC_PASSES"
  echo "scale_passes	$SCALE_PASSES"
  echo "scales	$SCALES"
  [[ -z $SCALE_FILES ]] || echo "scale_files	$SCALE_FILES"
  [[ $NEW_NAMES != 1 ]] || echo "new_names	1"
  [[ $SCALING_ONLY != 1 ]] || echo "scaling_only	1"
} > "$OUT/machine.tsv"
log "machine: $(nproc) cores; $(uptime | sed 's/.*load/load/')"

# ------------------------------------------------------------------ inputs
log "converting $CORPUS to JSON Lines"
python3 "$HERE/reuters_to_jsonl.py" "$CORPUS" "$WORK/r1.jsonl"
ARTICLES=$(wc -l < "$WORK/r1.jsonl")

# index TOOL SCALE RUN TARGET COMMAND...: a fresh TARGET, /usr/bin/time -v, du.
index() {
  local tool=$1 scale=$2 run=$3 target=$4
  shift 4
  rm -rf "$target"
  if ! /usr/bin/time -v -o "$OUT/time/$tool-$scale-$run.txt" "$@" > /dev/null 2> "$WORK/$tool.err"; then
    cat "$WORK/$tool.err" >&2
    die "$tool failed"
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$scale" "$run" "$(du -sk "$target" | cut -f1)" \
    "$(( ARTICLES * scale ))" >> "$OUT/index.tsv"
}

if [[ $SCALING_ONLY != 1 ]]; then
log "ndx-index --dump (extraction only; the facet values the peers index)"
/usr/bin/time -v -o "$OUT/time/dump-1-1.txt" \
  "$BUILD/ndx-index" --dump "$WORK/r1.jsonl" > "$WORK/dump.jsonl"
printf 'dump\t1\t1\t0\t%s\n' "$ARTICLES" >> "$OUT/index.tsv"

log "writing one HTML file per article for omindex"
python3 "$HERE/jsonl_to_html.py" "$WORK/r1.jsonl" "$WORK/html"

# ------------------------------------------------------------------ indexing

# Runs interleaved (every tool's first run, then every tool's second...) so that a change in
# machine load touches every tool alike.
for run in $(seq 1 "$INDEX_RUNS"); do
  log "indexing, run $run of $INDEX_RUNS: ndx"
  index ndx 1 "$run" "$WORK/ndx" "$BUILD/ndx-index" --db "$WORK/ndx" --quiet "$WORK/r1.jsonl"
  log "indexing, run $run of $INDEX_RUNS: ndx --stemming some"
  index ndx-some 1 "$run" "$WORK/ndx-some" "$BUILD/ndx-index" --db "$WORK/ndx-some" \
    --stemming some --quiet "$WORK/r1.jsonl"
  log "indexing, run $run of $INDEX_RUNS: xapian (plain)"
  index xapian 1 "$run" "$WORK/xapian" "$BUILD/bench/xapian_plain" index "$WORK/r1.jsonl" "$WORK/xapian"
  log "indexing, run $run of $INDEX_RUNS: lucene++"
  index lucene 1 "$run" "$WORK/lucene" "$BUILD/bench/lucene_bench" index "$WORK/r1.jsonl" "$WORK/dump.jsonl" "$WORK/lucene"
  log "indexing, run $run of $INDEX_RUNS: sqlite fts5"
  index sqlite 1 "$run" "$WORK/sqlite.db" "$BUILD/bench/sqlite_bench" index "$WORK/r1.jsonl" "$WORK/dump.jsonl" "$WORK/sqlite.db"
  log "indexing, run $run of $INDEX_RUNS: omindex"
  index omindex 1 "$run" "$WORK/omega" omindex --db "$WORK/omega" --url / "$WORK/html"
done
rm -rf "$WORK/html"

# ------------------------------------------------------------------ queries
QOPT=(--passes "$QUERY_PASSES" --warmup 1 --clock "$QUERY_CLOCK")
log "queries in one process: ndx (run_search), $QUERY_PASSES passes"
# ndx does the peers' work (hits without snippets); ndx-snippets adds what ndx-search prints.
"$BUILD/bench/ndx_query_bench" "$WORK/ndx" "$QUERIES" "${QOPT[@]}" --no-snippets \
  --times "$OUT/times/ndx-1.tsv" --results "$OUT/answers/ndx-1.jsonl"
"$BUILD/bench/ndx_query_bench" "$WORK/ndx" "$QUERIES" "${QOPT[@]}" --engine ndx-snippets \
  --times "$OUT/times/ndx-snippets-1.tsv" --results "$OUT/answers/ndx-snippets-1.jsonl"
"$BUILD/bench/ndx_query_bench" "$WORK/ndx" "$QUERIES" "${QOPT[@]}" --no-snippets --no-facets \
  --times "$OUT/times/ndx-nofacets-1.tsv" --results "$OUT/answers/ndx-nofacets-1.jsonl"
"$BUILD/bench/ndx_query_bench" "$WORK/ndx" "$QUERIES" "${QOPT[@]}" --no-snippets --no-facet-table \
  --engine ndx-slots --times "$OUT/times/ndx-slots-1.tsv" --results "$OUT/answers/ndx-slots-1.jsonl"
log "views in one process: timeline, pivot, values beside the plain faceted search"
"$BUILD/bench/ndx_views_bench" "$WORK/ndx" --passes "$QUERY_PASSES" > "$OUT/views.tsv"
cat "$OUT/views.tsv" >&2
log "queries in one process: lucene++, sqlite, xapian (plain)"
"$BUILD/bench/lucene_bench" query "$WORK/lucene" "$WORK/dump.jsonl" "$QUERIES" "${QOPT[@]}" \
  --times "$OUT/times/lucene-1.tsv" --results "$OUT/answers/lucene-1.jsonl" 2> "$OUT/lucene-query.err"
cat "$OUT/lucene-query.err" >&2
"$BUILD/bench/sqlite_bench" query "$WORK/sqlite.db" "$WORK/dump.jsonl" "$QUERIES" "${QOPT[@]}" \
  --times "$OUT/times/sqlite-1.tsv" --results "$OUT/answers/sqlite-1.jsonl"
"$BUILD/bench/xapian_plain" query "$WORK/xapian" "$QUERIES" "${QOPT[@]}" \
  --times "$OUT/times/xapian-1.tsv" --results "$OUT/answers/xapian-1.jsonl"
log "one process per query: ndx-search (with and without snippets), quest ($PROC_PASSES runs each)"
python3 "$HERE/proc_bench.py" ndx-search "$BUILD/ndx-search" "$WORK/ndx" "$QUERIES" \
  "$OUT/times/ndx-search-1.tsv" "$OUT/answers/ndx-search-1.jsonl" --passes "$PROC_PASSES"
python3 "$HERE/proc_bench.py" ndx-search "$BUILD/ndx-search" "$WORK/ndx" "$QUERIES" \
  "$OUT/times/ndx-search-plain-1.tsv" "$OUT/answers/ndx-search-plain-1.jsonl" \
  --passes "$PROC_PASSES" --no-snippets
python3 "$HERE/proc_bench.py" quest "$(command -v quest)" "$WORK/xapian" "$QUERIES" \
  "$OUT/times/quest-1.tsv" "$OUT/answers/quest-1.jsonl" --passes "$PROC_PASSES"
python3 "$HERE/proc_bench.py" spawn "$OUT/times/spawn-1.tsv" --passes "$PROC_PASSES"
rm -rf "$WORK/xapian" "$WORK/lucene" "$WORK/sqlite.db" "$WORK/omega" "$WORK/ndx-some"
fi  # SCALING_ONLY

# ------------------------------------------------------------------ scaling (ndx only)
# replicate SCALE: the collection SCALE times over, as one JSON Lines file.
replicate() {
  if [[ $1 == 1 ]]; then
    echo "$WORK/r1.jsonl"
  else
    local opt=()
    [[ $NEW_NAMES != 1 ]] || opt=(--new-names)
    python3 "$HERE/reuters_to_jsonl.py" "$CORPUS" "$WORK/r$1.jsonl" --replicas "$1" "${opt[@]}" >&2
    echo "$WORK/r$1.jsonl"
  fi
}

for scale in $SCALES; do
  # 1x: the runs above, unless they were left out
  [[ $scale == 1 && $SCALING_ONLY != 1 ]] && continue
  log "scaling: ${scale}x ($(( ARTICLES * scale )) articles): converting"
  input=$(replicate "$scale")
  log "scaling: ${scale}x: ndx-index"
  rm -rf "$WORK/ndx"
  index ndx "$scale" 1 "$WORK/ndx-$scale" "$BUILD/ndx-index" --db "$WORK/ndx-$scale" --quiet "$input"
  [[ $scale == 1 ]] || rm -f "$input"
  log "scaling: ${scale}x: queries ($SCALE_PASSES passes)"
  "$BUILD/bench/ndx_query_bench" "$WORK/ndx-$scale" "$QUERIES" --passes "$SCALE_PASSES" --warmup 1 --clock "$QUERY_CLOCK" --no-snippets \
    --times "$OUT/times/ndx-$scale.tsv" --results "$OUT/answers/ndx-$scale.jsonl"
  rm -rf "$WORK/ndx-$scale"
done

# The other input shape: one JSON file per article (1,000 to a folder), as archives of
# scraped news come; ndx-index reads the folder.
for scale in $SCALE_FILES; do
  log "scaling: ${scale}x as one JSON file per article: writing the files"
  input=$(replicate "$scale")
  rm -rf "$WORK/files"
  python3 - "$input" "$WORK/files" <<'PY'
import os, sys
src, out = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    for n, line in enumerate(f):
        folder = os.path.join(out, "%05d" % (n // 1000))
        if n % 1000 == 0:
            os.makedirs(folder)
        with open(os.path.join(folder, "%07d.json" % n), "w", encoding="utf-8") as g:
            g.write(line)
PY
  [[ $scale == 1 ]] || rm -f "$input"
  log "scaling: ${scale}x as one JSON file per article: ndx-index"
  index ndx-files "$scale" 1 "$WORK/ndx-files-$scale" "$BUILD/ndx-index" --db "$WORK/ndx-files-$scale" --quiet "$WORK/files"
  rm -rf "$WORK/files" "$WORK/ndx-files-$scale"
done

echo "uptime_end	$(uptime)" >> "$OUT/machine.tsv"
echo "elapsed_s	$(( $(date +%s) - T0 ))" >> "$OUT/machine.tsv"
log "done; report:"
python3 "$HERE/report.py" "$OUT" | tee "$OUT/report.md"

if [[ $CLEAN == 1 ]]; then
  if [[ $OUT == "$WORK"/* ]]; then
    KEEP=/tmp/ndx-bench-results-$(date +%Y%m%d-%H%M%S)
    cp -r "$OUT" "$KEEP"
    OUT=$KEEP
  fi
  rm -rf "$WORK"
fi
echo "run.sh: raw numbers and report.md in $OUT" >&2
