#!/usr/bin/env bats
# 05-waitpid: SIGTERM, then waitpid; the raw status and its decoding.
# bats file_tags=slow

setup() {
    load helpers
}

@test "05-waitpid: the reaped child was killed by signal 15 (Terminated)" {
    run_chapter 05-waitpid
    assert_transcript 05-waitpid -c '^in child process' -r 4-6
    assert_success
    assert_no_stderr
}
