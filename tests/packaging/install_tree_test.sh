#!/usr/bin/env bash
# `cmake --install --prefix P` installs the tree the .deb holds, and the installed programs
# run from it: they read the data installed beside them (never the checkout's), a missing
# data file is an error naming it (exit 1), and the man pages render.
# usage: install_tree_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset NDX_DATA_DIR NDX_DB
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
p="$tmp/prefix"
cmake --install "$build" --prefix "$p" >/dev/null
fail=0
check() { if "$@"; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
for f in bin/ndx-index bin/ndx-search share/ndx/places.tsv share/ndx/groups.tsv \
         share/man/man1/ndx-index.1.gz share/man/man1/ndx-search.1.gz \
         share/doc/ndx/README.md share/doc/ndx/docs/output-format.md \
         share/bash-completion/completions/ndx-search share/zsh/vendor-completions/_ndx-search \
         share/fish/vendor_completions.d/ndx-search.fish; do
    check test -s "$p/$f"
done
# every program installed has its man page
for prog in "$p"/bin/*; do
    check test -s "$p/share/man/man1/$(basename "$prog").1.gz"
done
if command -v man >/dev/null; then
    check sh -c "MANWIDTH=80 man -l '$p/share/man/man1/ndx-search.1.gz' 2>/dev/null | grep -q 'exact facet counts'"
fi

cd "$tmp"  # not the checkout
"$p/bin/ndx-index" --quiet "$src/sample-corpus"
out=$("$p/bin/ndx-search" --no-snippets "TTP sanctuaries")
check grep -q "of 2 matching" <<<"$out"
check grep -q "Tehreek-e-Taliban Pakistan" <<<"$out"

# the installed data, not the checkout's: without its groups.tsv the program stops
rm "$p/share/ndx/groups.tsv"
set +e
err=$("$p/bin/ndx-index" --dump "$src/sample-corpus" 2>&1 >/dev/null)
status=$?
set -e
check test "$status" = 1
check grep -qF "$p/share/ndx/groups.tsv: cannot open" <<<"$err"
exit $fail
