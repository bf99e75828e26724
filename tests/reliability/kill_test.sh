#!/usr/bin/env bash
# Crash safety: kills ndx-index with SIGKILL at random moments while it indexes a few
# thousand articles, and checks after every kill that the index opens, passes
# xapian-check, answers searches, and never loses a committed batch; then checks that
# finishing the job gives the same ids and facet counts as a clean index.
#   kill_test.sh BUILD_DIR [KILLS] [ARTICLES]
set -u
build=$1
kills=${2:-12}
articles=${3:-3000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
python3 "$here/make_corpus.py" "$tmp/corpus" "$articles"

ids() { xapian-delve -a -1 "$1" | grep '^Q' | grep -v '#s[0-9]*$' | sort; }
facets() {
  "$build/ndx-search" --db "$1" --json --limit 0 --facet-limit 100000 ndxcorpus |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"]); f=d["facets"]; [print(k, json.dumps(f[k], sort_keys=True)) for k in sorted(f)]'
}

"$build/ndx-index" -q --batch 50 --db "$tmp/clean" "$tmp/corpus" || exit 1
clean_total=$(ids "$tmp/clean" | wc -l)

fail=0
killed=0
last=0
for i in $(seq 1 "$kills"); do
  # every third run starts from nothing; the others continue (incrementally, or
  # re-reading everything with --full so the kill lands among replacements)
  mode=()
  label=incremental
  case $((i % 3)) in
    0) rm -rf "$tmp/killed"; last=0; label="from nothing" ;;
    1) mode=(--full); label="--full" ;;
  esac
  "$build/ndx-index" -q --batch 50 "${mode[@]}" --db "$tmp/killed" "$tmp/corpus" 2>/dev/null &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.uniform(0.05, 1.2), 2))")"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null
  [ -d "$tmp/killed" ] || continue
  if ! xapian-check "$tmp/killed" >/dev/null 2>&1; then
    echo "kill $i: xapian-check failed"; fail=$((fail + 1)); continue
  fi
  n=$(ids "$tmp/killed" | wc -l)
  total=$("$build/ndx-search" --db "$tmp/killed" --json --limit 0 --no-facets ndxcorpus 2>/dev/null |
          python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null)
  if [ "$n" -gt 0 ] && [ "$total" != "$n" ]; then
    echo "kill $i: $n ids but a search counts '$total'"; fail=$((fail + 1))
  fi
  if [ "$n" -lt "$last" ]; then
    echo "kill $i: committed articles lost ($last -> $n)"; fail=$((fail + 1))
  fi
  echo "kill $i ($label): $n of $clean_total articles committed, index consistent"
  last=$n
done

# Kills while a new index is being made: its directory appears only once Xapian has
# written it (made as DB.ndx-new, then renamed), so what a kill leaves is no index or one
# that opens, and the next run always succeeds -- also over what a killed creation left
# in DB.ndx-new.
python3 "$here/make_corpus.py" "$tmp/corpus5" 5
for i in $(seq 1 10); do
  rm -rf "$tmp/new" "$tmp/new.ndx-new"
  "$build/ndx-index" -q --db "$tmp/new" "$tmp/corpus5" 2>/dev/null &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.uniform(0.0, 0.5), 3))")"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -e "$tmp/new" ] && ! xapian-check "$tmp/new" >/dev/null 2>&1; then
    echo "creation kill $i: '$tmp/new' is there but is not an index"; fail=$((fail + 1))
  fi
  if ! "$build/ndx-index" -q --db "$tmp/new" "$tmp/corpus5"; then
    echo "creation kill $i: the next run failed"; fail=$((fail + 1))
  fi
done
rm -rf "$tmp/new"
mkdir -p "$tmp/new.ndx-new" && printf 'half' > "$tmp/new.ndx-new/iamglass"
if ! "$build/ndx-index" -q --db "$tmp/new" "$tmp/corpus5" || ! xapian-check "$tmp/new" >/dev/null 2>&1 ||
   [ -e "$tmp/new.ndx-new" ]; then
  echo "a half-made DB.ndx-new: not replaced by a new index"; fail=$((fail + 1))
fi

"$build/ndx-index" -q --batch 50 --db "$tmp/killed" "$tmp/corpus" || fail=$((fail + 1))
if ! diff <(ids "$tmp/clean") <(ids "$tmp/killed") >/dev/null; then
  echo "final: ids differ from a clean index"; fail=$((fail + 1))
fi
if ! diff <(facets "$tmp/clean") <(facets "$tmp/killed"); then
  echo "final: facet counts differ from a clean index"; fail=$((fail + 1))
fi
echo "kills survived: $killed of $kills; final index equals a clean one: $([ $fail = 0 ] && echo yes || echo no)"
echo "$((kills + 1 - fail > 0 ? kills + 1 - fail : 0)) passed, $fail failed"
[ "$fail" = 0 ]
