#!/usr/bin/env bash
# The shell completions complete: option names, option values and facet values read from
# the index given with --db, in bash (with bash-completion), zsh (syntax) and fish.
# usage: completion_test.sh BUILD_DIR SOURCE_DIR   (exit 77: no bash-completion)
set -euo pipefail
build=$(realpath "$1") src=$(realpath "$2")
bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || { echo "bash-completion is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PATH="$build:$PATH" HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
ndx-index --quiet --db "$tmp/index" "$src/sample-corpus"
fail=0

# bash: COMPREPLY for a command line whose last word is being completed
complete_bash() {
    bash -c '
        source "$1"; source "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        $(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/") "$1" "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$bc" "$src/completions/bash/$1" "$@"
}
expect() {  # expect WHAT WANTED GOT
    if grep -qxF -- "$2" <<<"$3"; then echo "ok: $1"; else
        echo "FAIL: $1: '$2' not offered; got:"; echo "$3" | head -5; fail=1; fi
}
expect "bash: ndx-search --sor" --sort "$(complete_bash ndx-search --sor)"
expect "bash: ndx-search --sort" -date "$(complete_bash ndx-search --sort '')"
expect "bash: ndx-search --location-level" province "$(complete_bash ndx-search --location-level p)"
expect "bash: ndx-search --speaker (index values)" 'Matthew\ Miller' \
    "$(complete_bash ndx-search --db "$tmp/index" --speaker Ma)"
expect "bash: ndx-search --group (index values)" 'Tehreek-e-Taliban\ Pakistan' \
    "$(complete_bash ndx-search --db "$tmp/index" --group Teh)"
expect "bash: ndx-index --stemming" some "$(complete_bash ndx-index --stemming s)"
expect "bash: ndx-index --list-v" --list-values "$(complete_bash ndx-index --list-v)"

if command -v zsh >/dev/null; then
    for f in "$src"/completions/zsh/_*; do
        if zsh -n "$f"; then echo "ok: zsh -n $(basename "$f")"; else echo "FAIL: zsh -n $f"; fail=1; fi
    done
else
    echo "zsh not installed: its check skipped"
fi
if command -v fish >/dev/null; then
    complete_fish() { fish --no-config -c "source $src/completions/fish/$1.fish; complete -C '$2'" | cut -f1; }
    expect "fish: ndx-search --sort " -date "$(complete_fish ndx-search 'ndx-search --sort ')"
    expect "fish: ndx-search --speaker (index values)" 'Matthew Miller' \
        "$(complete_fish ndx-search "ndx-search --db $tmp/index --speaker ")"
    expect "fish: ndx-index --stem" --stemming "$(complete_fish ndx-index 'ndx-index --stem')"
else
    echo "fish not installed: its checks skipped"
fi
exit $fail
