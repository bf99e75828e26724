#!/usr/bin/env bash
# How fast ndx-index could index at best on Xapian, against Lucene++ in the same run: the
# shipped indexer beside the same indexer cut down to its floor (bench/floor.patch), so
# that what each part of its work costs is measured on one machine at one time.  See
# bench/README.md, "The floor of indexing on Xapian".
#
#   bench/floor.sh [CORPUS_DIR]          (default /work/shared/data/reuters21578)
#
# Environment (all optional):
#   NDX_BUILD    a build with bench/lucene_bench (-DNDX_BENCH=ON); default build-bench
#   ROUNDS       rounds, every variant once per round, alternated (default 3)
#   FLOOR_WORK   scratch directory; default a new /tmp/ndx-floor.XXXXXX, removed at the end
#
# The variants, each built from this checkout with bench/floor.patch applied (the patch
# reads two environment variables and changes nothing without them):
#   ndx          ndx-index as shipped: extraction, every term, value, record and statement
#   dump         ndx-index --dump: reading and extraction, nothing indexed
#   text         NDX_FLOOR=1: extraction runs, but a document holds only its article's title
#                and body words (stems with positions) and its id term: no stored record,
#                facet terms or values, statement documents or spelling table
#   text-only    NDX_FLOOR=1 NDX_FLOOR_NO_EXTRACTION=1: the same without the extraction
#   lucene       bench/lucene_bench: Lucene++, text and facet fields from the dump
# Every ndx variant reads the same JSON Lines file, so a new index of it is written in
# parallel parts and merged (its size is over --parallel-build-min).
set -euo pipefail

CORPUS=${1:-/work/shared/data/reuters21578}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
BUILD=${NDX_BUILD:-$REPO/build-bench}
ROUNDS=${ROUNDS:-3}

die() { echo "floor.sh: $*" >&2; exit 1; }
[[ -d $CORPUS ]] || die "no corpus directory $CORPUS"
[[ -x $BUILD/bench/lucene_bench ]] || die "$BUILD/bench/lucene_bench missing: cmake -S $REPO -B $BUILD -DNDX_BENCH=ON && cmake --build $BUILD"
command -v /usr/bin/time >/dev/null || die "/usr/bin/time missing (apt-get install time)"

if [[ -n ${FLOOR_WORK:-} ]]; then
  WORK=$FLOOR_WORK
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d /tmp/ndx-floor.XXXXXX)
  trap 'rm -rf "$WORK"' EXIT
fi
log() { printf '[%4ss] %s\n' "$SECONDS" "$*" >&2; }

log "building ndx-index with bench/floor.patch in $WORK/src"
rm -rf "$WORK/src" && mkdir -p "$WORK/src"
git -C "$REPO" archive HEAD | tar -x -C "$WORK/src"
(cd "$WORK/src" && git apply "$HERE/floor.patch") || die "bench/floor.patch does not apply to HEAD"
cmake -S "$WORK/src" -B "$WORK/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$WORK/cmake.log" ||
  die "cmake failed: $WORK/cmake.log"
cmake --build "$WORK/build" -j"$(nproc)" --target ndx-index > "$WORK/build.log" ||
  die "build failed: $WORK/build.log"
NDX=$WORK/build/ndx-index

log "converting $CORPUS to JSON Lines"
python3 "$HERE/reuters_to_jsonl.py" "$CORPUS" "$WORK/r1.jsonl" >&2
ARTICLES=$(wc -l < "$WORK/r1.jsonl")
"$NDX" --dump "$WORK/r1.jsonl" > "$WORK/dump.jsonl"

# run VARIANT ROUND COMMAND...: a fresh index; "variant wall user sys rss_kb" to times.tsv
run() {
  local variant=$1 round=$2
  shift 2
  rm -rf "$WORK/db"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/t" "$@" > /dev/null 2> "$WORK/err" ||
    { cat "$WORK/err" >&2; die "$variant failed"; }
  read -r wall user sys rss < "$WORK/t"
  printf '%s\t%s\t%s\t%s\t%s\n' "$variant" "$wall" "$user" "$sys" "$rss" >> "$WORK/times.tsv"
  log "round $round: $variant ${wall} s"
}

: > "$WORK/times.tsv"
for round in $(seq 1 "$ROUNDS"); do
  run ndx "$round" "$NDX" --db "$WORK/db" --quiet "$WORK/r1.jsonl"
  run dump "$round" "$NDX" --dump "$WORK/r1.jsonl"
  run text "$round" env NDX_FLOOR=1 "$NDX" --db "$WORK/db" --quiet "$WORK/r1.jsonl"
  run text-only "$round" env NDX_FLOOR=1 NDX_FLOOR_NO_EXTRACTION=1 "$NDX" --db "$WORK/db" --quiet "$WORK/r1.jsonl"
  run lucene "$round" "$BUILD/bench/lucene_bench" index "$WORK/r1.jsonl" "$WORK/dump.jsonl" "$WORK/db"
done

python3 - "$WORK/times.tsv" "$ARTICLES" "$ROUNDS" "$(git -C "$REPO" rev-parse --short HEAD)" <<'EOF'
import statistics, sys
rows = [l.split('\t') for l in open(sys.argv[1]) if l.strip()]
order = ['ndx', 'dump', 'text', 'text-only', 'lucene']
what = {
    'ndx': 'ndx-index as shipped',
    'dump': 'ndx-index --dump (reading and extraction)',
    'text': 'title and body words only, extraction run (NDX_FLOOR)',
    'text-only': 'title and body words only, no extraction',
    'lucene': 'Lucene++ (lucene_bench), facets from the dump',
}
med = {}
for v in order:
    r = [x for x in rows if x[0] == v]
    med[v] = (statistics.median(float(x[1]) for x in r),
              statistics.median(float(x[2]) + float(x[3]) for x in r),
              statistics.median(float(x[4]) for x in r))
lw = med['lucene'][0]
print(f'{sys.argv[2]} articles, {sys.argv[3]} rounds alternated, medians; commit {sys.argv[4]}\n')
print('| variant | wall s | CPU s | peak RSS MB | ÷ Lucene++ (wall) |')
print('|---|---:|---:|---:|---:|')
for v in order:
    w, c, m = med[v]
    print(f'| {what[v]} | {w:.2f} | {c:.2f} | {m / 1024:.0f} | {w / lw:.2f} |')
print('\nall runs (wall s): ' + '; '.join(
    v + ' ' + '/'.join(x[1] for x in rows if x[0] == v) for v in order))
EOF
