#!/usr/bin/env bats
# 03-kill: a child prints every second until SIGKILL, then nothing more.

setup() {
    load helpers
}

@test "03-kill: the child prints about 5 times, is killed, prints no more" {
    run_chapter 03-kill
    assert_transcript 03-kill -c '^in child process' -r 4-6
    assert_success
    assert_no_stderr
}
