#!/usr/bin/env bash
# A killed parallel first build resumes: ndx-index building a new index in parallel parts
# (--parallel-build-min 0) is killed with SIGKILL at random points, and the next run on the
# same inputs resumes from the parts it committed.  Every resumed run must end with an
# index equal to a clean build's: the same documents (articles and statements, by id) and
# the same facet counts.
#   resume_test.sh BUILD_DIR [KILLS] [ARTICLES]
set -u
build=$1
kills=${2:-10}
articles=${3:-6000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
python3 "$here/make_corpus.py" "$tmp/corpus" "$articles"
run=(-j 2 --batch 100 --parallel-build-min 0)
opts=(-q "${run[@]}")
docs() { xapian-delve -a -1 "$1" | grep '^Q' | sort; }
facets() {
  "$build/ndx-search" --db "$1" --json --limit 0 --facet-limit 100000 ndxcorpus |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"]); f=d["facets"]; [print(k, json.dumps(f[k], sort_keys=True)) for k in sorted(f)]'
}

start=$(date +%s.%N)
"$build/ndx-index" "${opts[@]}" --db "$tmp/clean" "$tmp/corpus" || exit 1
clean_secs=$(python3 -c "import time; print(round(time.time() - $start, 2))")
docs "$tmp/clean" >"$tmp/clean.docs"
facets "$tmp/clean" >"$tmp/clean.facets"
echo "clean build: $(wc -l <"$tmp/clean.docs") documents in $clean_secs s"

fail=0
resumed=0
for i in $(seq 1 "$kills"); do
  rm -rf "$tmp/killed" "$tmp/killed.ndx-build"
  at=$(python3 -c "import random; print(round(random.uniform(0.1, 0.9) * $clean_secs, 2))")
  "$build/ndx-index" "${opts[@]}" --db "$tmp/killed" "$tmp/corpus" 2>/dev/null &
  pid=$!
  sleep "$at"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -d "$tmp/killed.ndx-build" ]; then resumed=$((resumed + 1)); fi
  # the next run resumes (or, killed before any part was made, starts again)
  if ! "$build/ndx-index" "${run[@]}" --db "$tmp/killed" "$tmp/corpus" 2>"$tmp/resume.err"; then
    echo "kill $i at $at s: the resumed run failed: $(cat "$tmp/resume.err")"; fail=$((fail + 1)); continue
  fi
  how=$(grep -o 'resuming.*' "$tmp/resume.err" || echo "started again")
  if [ -e "$tmp/killed.ndx-build" ]; then
    echo "kill $i: the parts were not removed after the merge"; fail=$((fail + 1))
  fi
  if ! cmp -s "$tmp/clean.docs" <(docs "$tmp/killed"); then
    echo "kill $i at $at s ($how): documents differ from the clean build"
    diff "$tmp/clean.docs" <(docs "$tmp/killed") | head -5; fail=$((fail + 1)); continue
  fi
  if ! cmp -s "$tmp/clean.facets" <(facets "$tmp/killed"); then
    echo "kill $i at $at s ($how): facet counts differ from the clean build"; fail=$((fail + 1)); continue
  fi
  echo "kill $i at $at s: $how; equal to the clean build"
done
echo "$resumed of $kills kills left parts to resume from"
[ "$resumed" -gt 0 ] || { echo "no kill landed during the build"; fail=$((fail + 1)); }
echo "$((kills - fail)) passed, $fail failed"
[ "$fail" = 0 ]
