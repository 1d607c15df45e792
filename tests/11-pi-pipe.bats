#!/usr/bin/env bats
# 11-pi-pipe: one pipe per worker, 8 raw bytes of a double each; the parent
# reads every pipe to end of file, in slice order.

setup() {
    load helpers
    load pi
}

@test "11-pi-pipe: 10 workers give the tutorial's 3.141592650405625" {
    # A parent that kept a write end open would wait for end of file
    # forever: LIMIT turns that into a failure in seconds.
    LIMIT=20 run_chapter 11-pi-pipe
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592650405625
    assert_transcript 11-pi-pipe
}

@test "11-pi-pipe: sums that arrive out of slice order are added in slice order" {
    hold_back_slice_0 11-pi-pipe
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI" # not $ORDER_PI_WRONG
}

# count_fds: while the workers are at work, how many descriptors the
# parent has open, then how many each worker has, in worker order, on one
# line (too late: exit 2, at_work tries again).
count_fds() {
    local pid parent fds counts
    read -r pid _ <<<"$PIDS"
    parent=$(awk '$1 == "PPid:" { print $2 }' "/proc/$pid/status")
    fds=("/proc/$parent/fd"/*)
    counts=${#fds[@]}
    for pid in $PIDS; do
        fds=("/proc/$pid/fd"/*)
        has_ended "$pid" && exit 2
        counts+=" ${#fds[@]}"
    done
    echo "$counts" >"$BATS_TEST_TMPDIR/fds"
}

@test "11-pi-pipe: each worker holds only what it inherited and its own write end" {
    at_work 11-pi-pipe count_fds || fail "could not count the workers' descriptors"
    assert_success
    # The parent holds what the program was started with (the standard
    # streams, and whatever the test's shell left open) and the 4 read
    # ends; a worker, that minus the 4 read ends plus its own write end.
    local parent workers
    read -r parent workers <"$BATS_TEST_TMPDIR/fds"
    local each=$((parent - 4 + 1))
    assert_equal "$workers" "$each $each $each $each"
}

@test "11-pi-pipe: a worker killed at work is reported; no pi, exit 1, nothing left" {
    kill_a_worker 11-pi-pipe
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-pipe: worker 2 (pid $VICTIM) was killed by signal 9 (Killed)"
}
