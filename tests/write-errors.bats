#!/usr/bin/env bats
# Every program reports a failed write of its output on stderr and exits
# non-zero (close_stdout() in common/common.h): stdout a full device, or
# closed. Each program runs once in each case, all of them side by side
# (Part 1's programs sleep for ten seconds or so), the pi programs with a
# small N.
# bats file_tags=slow

load redis

setup() {
    load helpers
}

# start CHAPTER WHERE: start the chapter's program in the background with
# its stdout on WHERE ("-": closed); the pi programs with a small N.
start() {
    local chapter=$1 where=$2 args=()
    case $("$TOP/chapters/run" --usage "$chapter") in
    "[N]") args=(100000) ;;
    "[N [WORKERS]]" | "[N [THREADS]]") args=(100000 3) ;;
    esac
    if [ "$where" = - ]; then
        timeout -k 2 60 "$TOP/chapters/run" --as-is "$chapter" "${args[@]}" \
            >&- 2>"$BATS_TEST_TMPDIR/$chapter.closed" </dev/null 3>&- 4>&- &
    else
        timeout -k 2 60 "$TOP/chapters/run" --as-is "$chapter" "${args[@]}" \
            >"$where" 2>"$BATS_TEST_TMPDIR/$chapter.full" </dev/null 3>&- 4>&- &
    fi
}

@test "write errors: every program, its stdout on a full device or closed, says so and exits non-zero" {
    local dir chapter pid status err problems=""
    for dir in "$TOP"/chapters/[0-9][0-9]-*/; do
        chapter=$(basename "$dir")
        start "$chapter" /dev/full
        echo "$! $chapter full" >>"$BATS_TEST_TMPDIR/runs"
        start "$chapter" -
        echo "$! $chapter closed" >>"$BATS_TEST_TMPDIR/runs"
    done
    while read -r pid chapter how; do
        status=0
        wait "$pid" || status=$?
        err=$BATS_TEST_TMPDIR/$chapter.$how
        if [ "$status" -eq 0 ] || [ "$status" -ge 124 ] ||
            ! grep -q -E '^stdout: (No space left on device|Bad file descriptor|write error)$' "$err"; then
            problems+="$chapter, stdout $how: exit status $status, stderr: $(cat "$err")"$'\n'
        fi
    done <"$BATS_TEST_TMPDIR/runs"
    [ -z "$problems" ] || fail "$problems"
}
