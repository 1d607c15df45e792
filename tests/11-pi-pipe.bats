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

@test "11-pi-pipe: a worker killed at work is reported; no pi, exit 1, nothing left" {
    kill_a_worker 11-pi-pipe
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-pipe: worker 2 (pid $VICTIM) was killed by signal 9 (Killed)"
}
