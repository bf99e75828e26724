#!/usr/bin/env bash
# Runs one CLI case and compares what a user sees with the golden file.
#   run_case.sh BUILD_DIR CASE_FILE
# CASE_FILE (tests/cli/NAME.case) holds one command line, e.g.
#   ndx-search --db @DB@ "TTP sanctuaries"
# @DB@ is the fixture index, @DATA@ tests/data, @CORPUS@ sample-corpus, @TMP@ a scratch
# directory (paths under it print as @TMP@).  The golden file NAME.expected holds stdout, then "--- stderr", then stderr,
# then "--- exit N".  NDX_UPDATE_GOLDEN=1 rewrites it instead of comparing.
set -u
build=$1
case_file=$2
src=$(cd "$(dirname "$case_file")/../.." && pwd)
name=$(basename "$case_file" .case)
expected="${case_file%.case}.expected"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg"
unset NDX_DB XDG_CONFIG_HOME
cmd=$(head -n 1 "$case_file")
cmd=${cmd//@DB@/$build/cli-fixture-db}
cmd=${cmd//@DATA@/tests/data}
cmd=${cmd//@CORPUS@/sample-corpus}
cmd=${cmd//@TMP@/$tmp}
# a setup line ("setup: ...") runs first, in the same directory
setup=$(sed -n 's/^setup: //p' "$case_file")
setup=${setup//@TMP@/$tmp}
setup=${setup//@DATA@/tests/data}
setup=${setup//@CORPUS@/sample-corpus}
cd "$src" || exit 1
export PATH="$build:$PATH"
# shared_* cases read the reference data beside the repository: skipped (exit 77, which
# CTest reports as skipped) where it is absent
case $name in
  shared_*) [ -d "$src/../shared/data" ] || { echo "skipped: $src/../shared/data is absent"; exit 77; } ;;
esac
# a setup step that fails fails the case, with what it printed
if [ -n "$setup" ] && ! bash -c "$setup" >"$tmp/setup.log" 2>&1 </dev/null; then
  cat "$tmp/setup.log"
  echo "FAIL: $name: the setup step failed ($setup)"
  exit 1
fi
bash -c "$cmd" >"$tmp/out" 2>"$tmp/err" </dev/null
code=$?
{
  sed -e "s|$tmp|@TMP@|g" "$tmp/out"
  echo "--- stderr"
  sed -e "s|$tmp|@TMP@|g" -e "s|$build|@BUILD@|g" -e 's/ in [0-9.]* s;/ in N s;/' -e 's/ ([0-9.]* s)$/ (N s)/' "$tmp/err"
  echo "--- exit $code"
} >"$tmp/actual"
if [ "${NDX_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$tmp/actual" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" "$tmp/actual"; then
  echo "FAIL: $name ($cmd)"
  exit 1
fi
