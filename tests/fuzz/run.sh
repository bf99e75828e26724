#!/usr/bin/env bash
# Runs every fuzz target for SECONDS from its seed corpus, JOBS at a time, and prints how
# many inputs each executed.  Exits 1 if any target found a crash, a hang (an input taking
# over 10 s), a leak or a sanitizer report; the input and the log are kept in OUT_DIR.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS=45] [JOBS=nproc] [OUT_DIR=BUILD_DIR/fuzz-runs]
# BUILD_DIR was configured with -DNDX_FUZZ=ON and built with --target fuzz.
set -u
build=$(cd "$1" && pwd)
seconds=${2:-45}
jobs=${3:-$(nproc)}
out=${4:-$build/fuzz-runs}
src=$(cd "$(dirname "$0")" && pwd)
targets="fuzz_plain_text fuzz_json fuzz_extract fuzz_query"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$src/lsan.supp
rm -rf "$out"
mkdir -p "$out"

run() {  # target: new inputs go to out/target/corpus, the seeds stay as they are
    local t=$1
    mkdir -p "$out/$t/corpus"
    "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$out/$t/" "$out/$t/corpus" "$src/corpus/$t" >"$out/$t/log" 2>&1
    echo $? >"$out/$t/status"
}

running=0
for t in $targets; do
    run "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
for t in $targets; do
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t/log")
    cov=$(grep -o 'cov: [0-9]*' "$out/$t/log" | tail -n 1)
    status=$(cat "$out/$t/status")
    if [ "$status" = 0 ]; then
        printf '%-16s %9s executions in %s s, %s\n' "$t" "${runs:-?}" "$seconds" "${cov:-cov: ?}"
    else
        failed=1
        printf '%-16s FAILED (exit %s) after %s executions; input and log in %s\n' \
            "$t" "$status" "${runs:-?}" "$out/$t"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$out/$t/log" | head -n 20
    fi
done
exit "$failed"
