#!/bin/sh
# run.sh SECONDS NAME... - runs each libFuzzer harness build/fuzz/fuzz_NAME for SECONDS
# from its seed corpus (tests/fuzz/corpus/NAME, read only) plus what earlier runs found
# (build/fuzz/corpus/NAME), one after the other on one core. Exits non-zero when any
# harness finds a crash, a leak or a timeout; the input is left in build/fuzz/.
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
seconds=$1
shift
failed=0
# ClearSilver's own leaks that our code cannot prevent, each explained in the file
export LSAN_OPTIONS="suppressions=$REPO/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for name in "$@"; do
    mkdir -p "$REPO/build/fuzz/corpus/$name"
    dict=""
    [ -f "$REPO/tests/fuzz/$name.dict" ] && dict="-dict=$REPO/tests/fuzz/$name.dict"
    echo "--- fuzz: $name for ${seconds}s"
    # shellcheck disable=SC2086 # dict is one word or none
    # -close_fd_mask=2: the code's own log lines are not wanted; sanitizer reports still are
    if ! (cd "$REPO/build/fuzz" && ./fuzz_"$name" -max_total_time="$seconds" -timeout=10 \
        -close_fd_mask=2 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 $dict \
        -artifact_prefix="$REPO/build/fuzz/$name-" \
        "$REPO/build/fuzz/corpus/$name" "$REPO/tests/fuzz/corpus/$name") \
        >"$REPO/build/fuzz/$name.log" 2>&1; then
        echo "*** FAILED: fuzz $name (see build/fuzz/$name.log)"
        tail -30 "$REPO/build/fuzz/$name.log"
        failed=$((failed + 1))
    else
        grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^#[0-9]+ +DONE" \
            "$REPO/build/fuzz/$name.log" | tr '\n' ' '
        echo
    fi
done
[ "$failed" -eq 0 ]
