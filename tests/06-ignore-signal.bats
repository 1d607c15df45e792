#!/usr/bin/env bats
# 06-ignore-signal: the child ignores SIGTERM and prints on; SIGKILL ends it.
# bats file_tags=slow

setup() {
    load helpers
}

@test "06-ignore-signal: the child outlives SIGTERM, not SIGKILL" {
    run_chapter 06-ignore-signal
    assert_transcript 06-ignore-signal -c '^in child process' -r 8-11
    assert_success
    assert_no_stderr
}
